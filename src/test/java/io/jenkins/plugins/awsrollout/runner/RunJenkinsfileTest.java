package io.jenkins.plugins.awsrollout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's command, as {@code exec:java} runs it: output, exit code, reason last, nothing left running. */
class RunJenkinsfileTest {

    private static final List<String> PROPERTIES = List.of("jenkinsfile", "sim.world", "sim.speed");

    @TempDir
    Path dir;

    private final Map<String, String> saved = new HashMap<>();

    @AfterEach
    void restoreProperties() {
        for (String name : PROPERTIES) {
            if (saved.get(name) == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, saved.get(name));
            }
        }
    }

    @Test
    void defaultExample_succeedsAndPrintsItsBuildLog() {
        Result run = run(Map.of());

        assertThat(run.code).isZero();
        assertThat(run.lines()).startsWith("Started by local runner", "Running docs/examples/rolling-deploy.Jenkinsfile "
                + "against the AWS simulator (docs/examples/demo-world.json, virtual time)",
                "Report (written when the build ends): " + Path.of(System.getProperty("project.root", "..")).toAbsolutePath()
                        .normalize().resolve("target/aws-rollout-report/index.html").toUri(),
                "[Pipeline] Start of Pipeline");
        assertThat(run.lines()).containsSubsequence("[Pipeline] { (Bake)", "Finished: SUCCESS");
        assertThat(run.lines().get(run.lines().size() - 1)).matches("Simulated time: .+ \\(real time: .+\\)");
    }

    @Test
    void failingBuild_exitsNonZeroWithTheReasonLast() throws IOException {
        Path jenkinsfile = Files.writeString(dir.resolve("failing.Jenkinsfile"), """
                stage('Roll out') {
                    scriptedStep name: 'command-failing', script: ['poll', 'poll', 'failed']
                }
                """);

        Result run = run(Map.of("jenkinsfile", jenkinsfile.toString()));

        assertThat(run.code).isEqualTo(1);
        assertThat(run.lines()).endsWith("ERROR: The refresh failed and was rolled back.", "Finished: FAILURE",
                run.lines().get(run.lines().size() - 2), "FAILURE: The refresh failed and was rolled back.");
        assertThat(run.lines().get(run.lines().size() - 2)).startsWith("Simulated time: 1 min 0 sec (real time: ");
    }

    @Test
    void scaledClock_runsTicksOnRealTimeDividedBySpeed() throws IOException {
        Path jenkinsfile = Files.writeString(dir.resolve("scaled.Jenkinsfile"), """
                def r = scriptedStep name: 'command-scaled', everySeconds: 30, script: ['poll', 'poll', 'done']
                echo "advances=${r.advances}"
                """);
        List<Thread> before = nonDaemonThreads();

        long start = System.nanoTime();
        Result run = run(Map.of("jenkinsfile", jenkinsfile.toString(), "sim.speed", "600"));
        long realMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(run.code).as(run.out).isZero();
        assertThat(run.lines()).contains("advances=3").anyMatch(l -> l.endsWith("real time at 600.0x)"));
        // 60 simulated seconds at 600x: a tenth of a second of ticks, whatever the machine adds around it.
        assertThat(realMillis).isGreaterThanOrEqualTo(100);
        assertThat(ScriptedStep.operation("command-scaled").journal()).hasSize(3);
        assertThat(nonDaemonThreads()).as("threads left running").isSubsetOf(before);
    }

    @Test
    void virtualRun_leavesNoThreadThatWouldKeepExecJavaWaiting() {
        List<Thread> before = nonDaemonThreads();

        run(Map.of());

        assertThat(nonDaemonThreads()).as("threads left running").isSubsetOf(before);
    }

    @Test
    void missingJenkinsfile_exitsWithTwo() {
        Result run = run(Map.of("jenkinsfile", "docs/examples/nope.Jenkinsfile"));

        assertThat(run.code).isEqualTo(2);
        assertThat(run.lines()).singleElement().asString().startsWith("run-jenkinsfile: could not run ")
                .contains("nope.Jenkinsfile");
    }

    private Result run(Map<String, String> properties) {
        for (String name : PROPERTIES) {
            saved.put(name, System.getProperty(name));
            System.clearProperty(name);
        }
        properties.forEach(System::setProperty);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = RunJenkinsfile.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static List<Thread> nonDaemonThreads() {
        List<Thread> threads = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isDaemon() && t.isAlive()) {
                threads.add(t);
            }
        }
        return threads;
    }
}
