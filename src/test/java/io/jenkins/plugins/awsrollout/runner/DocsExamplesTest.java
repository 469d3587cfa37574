package io.jenkins.plugins.awsrollout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import groovy.lang.GroovyShell;
import hudson.model.Result;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```groovy} block of {@code README.md} and of every Markdown page under {@code docs/} runs with the
 * local runner, as a user who pastes it into a Jenkinsfile would run it, and must end as the page says
 * ({@code docs/design.md}, "Examples in the docs are tests", is the convention):
 *
 * <ul>
 *   <li>a block runs on {@code docs/examples/demo-world.json} in the workspace {@code docs/examples} unless a comment
 *       line says otherwise: {@code // world: FILE}, {@code // workspace: DIR} (relative to the project);
 *   <li>it must end SUCCESS, or as {@code // expect: FAILURE} (or {@code ABORTED}, {@code UNSTABLE}) says;
 *   <li>a {@code ```text} block right after it (only blank lines between) holds log lines that must be printed, in
 *       that order; {@code ...} in a line stands for any text. This is how a documented failure sentence is checked;
 *   <li>a block whose first line is {@code // fragment} is only compiled (a piece of a pipeline, a map shown as
 *       a value).
 * </ul>
 *
 * A failure names the page and the line of the block, and shows the build log.
 */
class DocsExamplesTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final String DEFAULT_WORLD = "docs/examples/demo-world.json";
    private static final String DEFAULT_WORKSPACE = "docs/examples";
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*//\\s*(world|workspace|expect):\\s*(\\S+)\\s*$");

    /**
     * One {@code ```groovy} block.
     *
     * @param page the Markdown file, relative to the project
     * @param line the line of its opening fence
     * @param code the block's text
     * @param expectedLog the lines of the {@code ```text} block after it (empty if none)
     */
    record Block(String page, int line, String code, List<String> expectedLog) {

        boolean fragment() {
            return code.lines().findFirst().orElse("").trim().equals("// fragment");
        }

        String directive(String name, String fallback) {
            return code.lines().map(DIRECTIVE::matcher).filter(m -> m.matches() && m.group(1).equals(name))
                    .map(m -> m.group(2)).findFirst().orElse(fallback);
        }

        @Override
        public String toString() {
            return page + ":" + line + (fragment() ? " (fragment)" : "");
        }
    }

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages()) {
            blocks.addAll(blocksOf(ROOT.relativize(page).toString().replace('\\', '/'), Files.readAllLines(page)));
        }
        return blocks;
    }

    /** The {@code ```groovy} blocks of a page, each with the {@code ```text} block that follows it, if any. */
    static List<Block> blocksOf(String page, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("```groovy")) {
                if (lines.get(i).trim().startsWith("```")) {
                    i = closingFence(lines, i); // skip other blocks whole: their lines are not fences
                }
                continue;
            }
            int end = closingFence(lines, i);
            String code = String.join("\n", lines.subList(i + 1, end)) + "\n";
            int next = end + 1;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            List<String> expected = List.of();
            if (next < lines.size() && lines.get(next).trim().equals("```text")) {
                int textEnd = closingFence(lines, next);
                expected = lines.subList(next + 1, textEnd).stream().filter(l -> !l.isBlank()).toList();
            }
            blocks.add(new Block(page, i + 1, code, expected));
            i = end;
        }
        return blocks;
    }

    /** Lines of the {@code ```text} blocks that follow no {@code ```groovy} block: printed lines nothing checks. */
    static List<Integer> strayTextBlocks(List<String> lines) {
        List<Integer> stray = new ArrayList<>();
        boolean afterGroovy = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("```")) {
                if (line.equals("```text") && !afterGroovy) {
                    stray.add(i + 1);
                }
                afterGroovy = line.equals("```groovy");
                i = closingFence(lines, i);
            } else if (!line.isEmpty()) {
                afterGroovy = false;
            }
        }
        return stray;
    }

    private static int closingFence(List<String> lines, int open) {
        for (int i = open + 1; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("```")) {
                return i;
            }
        }
        throw new IllegalStateException("unclosed code block at line " + (open + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void block_runsAsThePageSays(Block block, @TempDir Path dir) throws IOException {
        if (block.fragment()) {
            try {
                new GroovyShell().parse(block.code(), "WorkflowScript");
            } catch (CompilationFailedException e) {
                fail("%s does not compile: %s", block, e.getMessage());
            }
            return;
        }
        Path world = ROOT.resolve(block.directive("world", DEFAULT_WORLD));
        // A copy: what an example writes never lands in the repository.
        Path workspace = copy(ROOT.resolve(block.directive("workspace", DEFAULT_WORKSPACE)), dir.resolve("workspace"));
        Result expected = result(block.directive("expect", "SUCCESS"));
        Path jenkinsfile = Files.writeString(dir.resolve("Jenkinsfile"), block.code());

        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(world))) {
            BuildOutcome build = PipelineRunner.on(aws).workspace(workspace).job("example", 1).run(jenkinsfile);

            String where = block + " (" + ROOT.relativize(world) + ") printed:\n" + build.log();
            System.out.println("=== " + where); // the surefire report keeps every example's log, for writing its page
            assertThat(build.result()).as(where).isEqualTo(expected);
            assertThat(printed(build.lines(), block.expectedLog())).as(where).isEmpty();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static Result result(String name) {
        return Stream.of(Result.SUCCESS, Result.UNSTABLE, Result.FAILURE, Result.ABORTED)
                .filter(r -> r.toString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("// expect: " + name + " is no build result"));
    }

    /** The first expected line not printed (after the lines matched before it), or empty when all were. */
    static List<String> printed(List<String> log, List<String> expected) {
        int at = 0;
        for (String line : expected) {
            Pattern pattern = pattern(line);
            while (at < log.size() && !pattern.matcher(log.get(at)).matches()) {
                at++;
            }
            if (at == log.size()) {
                return List.of("not printed (in this order): " + line);
            }
            at++;
        }
        return List.of();
    }

    /** A documented log line as a pattern: literal, except {@code ...}, which stands for any text. */
    static Pattern pattern(String line) {
        String[] parts = line.strip().split("\\.\\.\\.", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile("\\s*" + regex + "\\s*");
    }

    @Test
    void everyPageWithExamples_isFound() throws IOException {
        List<Block> blocks = blocks();
        assertThat(blocks).extracting(Block::page).contains("README.md", "docs/steps/awsAsgRollout.md",
                "docs/steps/awsBakeAmi.md", "docs/steps/awsCodeDeploy.md", "docs/steps/awsElbRegister.md");
        System.out.println("DocsExamplesTest: " + blocks.size() + " groovy blocks, "
                + blocks.stream().filter(b -> !b.fragment()).count() + " run, "
                + blocks.stream().filter(b -> !b.expectedLog().isEmpty()).count() + " with their printed lines checked");
    }

    @Test
    void everyTextBlock_isThePrintedLinesOfTheExampleBeforeIt() throws IOException {
        for (Path page : pages()) {
            assertThat(strayTextBlocks(Files.readAllLines(page)))
                    .as("```text blocks of %s that follow no ```groovy example (use ``` for text nothing prints)",
                            ROOT.relativize(page))
                    .isEmpty();
        }
    }

    @Test
    void documentedLines_matchWithEllipsesAsWildcards() {
        List<String> log = List.of("[Pipeline] echo", "ERROR: Rollout of web failed in batch 1: i-0a1 unhealthy.",
                "Finished: FAILURE");

        assertThat(printed(log, List.of("ERROR: Rollout of web failed in batch 1: ...", "Finished: FAILURE"))).isEmpty();
        assertThat(printed(log, List.of("Finished: FAILURE", "ERROR: ..."))).hasSize(1);
        assertThat(printed(log, List.of("ERROR: Rollout of web failed in batch 2: ..."))).hasSize(1);
    }

    @Test
    void blocks_carryTheirDirectivesAndTheTextAfterThem() {
        List<Block> blocks = blocksOf("page.md", List.of(
                "Intro", "```groovy", "// expect: FAILURE", "// world: w.json", "error 'no'", "```", "",
                "```text", "ERROR: no", "", "```", "```sh", "```groovy", "```", "```groovy", "// fragment", "x()", "```"));

        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).line()).isEqualTo(2);
        assertThat(blocks.get(0).directive("expect", "SUCCESS")).isEqualTo("FAILURE");
        assertThat(blocks.get(0).directive("world", "demo")).isEqualTo("w.json");
        assertThat(blocks.get(0).directive("workspace", "docs/examples")).isEqualTo("docs/examples");
        assertThat(blocks.get(0).expectedLog()).containsExactly("ERROR: no");
        assertThat(blocks.get(1).fragment()).isTrue();
        assertThat(blocks.get(1).line()).isEqualTo(15);
        assertThat(strayTextBlocks(List.of("```groovy", "x()", "```", "```text", "x", "```", "Prose.", "```text", "y", "```")))
                .containsExactly(8);
    }
}
