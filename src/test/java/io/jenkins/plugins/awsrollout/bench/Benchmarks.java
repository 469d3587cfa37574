package io.jenkins.plugins.awsrollout.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks of issue #9, on the simulator:
 * {@code mvn -B -q -f offline/pom.xml test-compile exec:java@bench}. Prints every table and writes them into the
 * generated blocks of {@code docs/benchmarks.md} (under {@code project.root}), with the machine and the date.
 * {@code -Dbench.smoke=true} runs only the smallest case of each section, installs nothing and writes nothing (the
 * test suite's {@code BenchmarksSmokeTest} does the same). To look at part of the page only (nothing is written then):
 * {@code -Dbench.sections=1,2,3} (sections 2 and 3 need section 1's rollouts, which then run too),
 * {@code -Dbench.sizes=1000} (the group sizes of sections 1 to 3), {@code -Dbench.rollouts=1000} (section 4).
 */
public final class Benchmarks {

    /** What the generated blocks of the page are called, in order. */
    static final List<String> BLOCKS = List.of("machine", "physical-limit", "api-cost", "throttling", "controller-cost", "peer");

    /**
     * One run of every section.
     *
     * @param smoke whether only the smallest cases ran
     * @param physicalLimit section 1
     * @param apiCost section 2
     * @param throttling section 3
     * @param controller section 4
     * @param peer section 5
     * @param blocks the Markdown of each generated block
     */
    record Report(boolean smoke, PhysicalLimit physicalLimit, ApiCost apiCost, Throttling throttling,
            List<ControllerCost.Result> controller, AnsiblePeer.Result peer, Map<String, String> blocks) {}

    private Benchmarks() {}

    /** The sections to run: all, unless {@code bench.sections} names some. */
    static boolean section(int number) {
        String only = System.getProperty("bench.sections", "").trim();
        if (only.isEmpty()) {
            return true;
        }
        List<Integer> wanted = numbers(only);
        // Sections 2 and 3 are made of section 1's rollouts.
        return wanted.contains(number) || number == 1 && (wanted.contains(2) || wanted.contains(3));
    }

    /** Whether the run was narrowed by a property, so its tables are not the page's. */
    static boolean partial() {
        return !System.getProperty("bench.sections", "").isBlank() || !System.getProperty("bench.sizes", "").isBlank()
                || !System.getProperty("bench.rollouts", "").isBlank();
    }

    static List<Integer> numbers(String property, List<Integer> fallback) {
        String value = System.getProperty(property, "").trim();
        return value.isEmpty() ? fallback : numbers(value);
    }

    private static List<Integer> numbers(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).map(Integer::valueOf).toList();
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Boolean.parseBoolean(System.getProperty("bench.smoke", "false"));
        Path root = Path.of(System.getProperty("project.root", "."));
        Report report = run(smoke, line -> {
            System.out.println(line);
            System.out.flush();
        });
        report.blocks().forEach((name, markdown) -> System.out.println("\n<!-- " + name + " -->\n" + markdown));
        if (!smoke && !partial()) {
            Path page = root.resolve("docs/benchmarks.md");
            Files.writeString(page, fill(Files.exists(page) ? Files.readString(page) : "", report.blocks()), StandardCharsets.UTF_8);
            System.out.println("Wrote " + page);
        }
        // The simulator's and the SDK's pools are daemon threads; nothing is left to wait for.
        System.exit(0);
    }

    static Report run(boolean smoke, Consumer<String> progress) throws Exception {
        long start = System.nanoTime();
        Machine machine = Machine.current();
        progress.accept("aws-rollout benchmarks" + (smoke ? " (smoke: the smallest case of each section)" : "") + " on " + machine.cpu()
                + ", " + machine.cores() + " cores, " + machine.java());

        progress.accept("1. Against the physical limit");
        List<Integer> sizes = numbers("bench.sizes", List.of(10, 100, 1000, 5000));
        List<RolloutCase> cases = smoke
                ? PhysicalLimit.cases(List.of(10), List.of(25), List.of(false))
                : PhysicalLimit.cases(sizes, List.of(10, 25), List.of(false, true));
        PhysicalLimit physical = section(1) ? PhysicalLimit.run(cases, progress) : PhysicalLimit.run(List.of(), progress);

        progress.accept("2. API cost (from the rollouts of section 1)");
        ApiCost cost = new ApiCost(physical.measurements());

        progress.accept("3. Throttling");
        List<RolloutRun.Measurement> terminateFirst = physical.measurements().stream().filter(m -> !m.rolloutCase().launchFirst()).toList();
        Throttling throttling = !section(3) || terminateFirst.isEmpty() ? Throttling.run(List.of(), List.of(), progress) : smoke
                ? Throttling.run(terminateFirst.subList(0, 1), List.of(0.2), progress)
                : Throttling.run(terminateFirst, Throttling.RATES, progress);

        progress.accept("4. Controller cost");
        List<ControllerCost.Result> controller = new ArrayList<>();
        for (int rollouts : !section(4) ? List.<Integer>of() : smoke ? List.of(3) : numbers("bench.rollouts", ControllerCost.ROLLOUTS)) {
            controller.add(ControllerCost.run(rollouts, smoke ? 4 : 10, progress));
        }

        progress.accept("5. A peer, side by side");
        AnsiblePeer.Result peer = !section(5) ? null : smoke ? AnsiblePeer.run(false, false, 200, 2, 1, progress)
                : AnsiblePeer.run(true, true, AnsiblePeer.SPEED, AnsiblePeer.SIZE, AnsiblePeer.BATCH, progress);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<String, String> blocks = new LinkedHashMap<>();
        blocks.put("machine", machine.markdown(Table.seconds(Duration.ofSeconds(took.toSeconds())) + " (sections 1 to 5, after compiling)"));
        if (section(1)) {
            blocks.put("physical-limit", physical.markdown());
        }
        if (section(2) && !physical.measurements().isEmpty()) {
            blocks.put("api-cost", cost.markdown());
        }
        if (section(3)) {
            blocks.put("throttling", throttling.markdown());
        }
        if (section(4)) {
            blocks.put("controller-cost", ControllerCost.markdown(controller, physical.measurements()));
        }
        if (peer != null) {
            blocks.put("peer", AnsiblePeer.markdown(peer));
        }
        progress.accept("Done in " + Table.seconds(Duration.ofSeconds(took.toSeconds())) + ".");
        return new Report(smoke, physical, cost, throttling, controller, peer, blocks);
    }

    private static final Pattern BLOCK = Pattern.compile("(<!-- generated:([a-z-]+) -->\\n)(.*?)(<!-- /generated:\\2 -->)", Pattern.DOTALL);

    /**
     * The page with each generated block's content replaced; a block the page lacks is appended at the end, so the
     * prose around the blocks is kept as written.
     */
    static String fill(String page, Map<String, String> blocks) {
        Map<String, String> left = new LinkedHashMap<>(blocks);
        Matcher matcher = BLOCK.matcher(page);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String content = left.containsKey(name) ? left.remove(name) : matcher.group(3);
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + content.strip() + "\n" + matcher.group(4)));
        }
        matcher.appendTail(out);
        left.forEach((name, content) -> out.append("\n<!-- generated:").append(name).append(" -->\n").append(content.strip())
                .append("\n<!-- /generated:").append(name).append(" -->\n"));
        return out.toString();
    }
}
