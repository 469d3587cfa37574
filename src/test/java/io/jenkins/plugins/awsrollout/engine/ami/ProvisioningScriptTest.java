package io.jenkins.plugins.awsrollout.engine.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.awsrollout.sim.script.Script;
import io.jenkins.plugins.awsrollout.sim.script.ScriptHost;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper is real bash and also runs under the simulator's interpreter, with the same outcome: the success
 * line and a power-off when the script succeeds, the failure line with the exit code and no power-off otherwise.
 */
class ProvisioningScriptTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void wrap_inRealBash_succeeds_thenPowersOff() throws Exception {
        Outcome outcome = bash(ProvisioningScript.wrap("#!/bin/bash\necho installing\nmkdir -p \"$WORK/etc\"\necho done\n", TOKEN));

        assertThat(outcome.exitCode).isZero();
        assertThat(outcome.output).containsSubsequence("aws-rollout-bake: STARTED " + TOKEN, "installing", "done",
                "aws-rollout-bake: SUCCEEDED " + TOKEN, "shutdown -h now");
        assertThat(ConsoleOutput.read(outcome.output, TOKEN)).isEqualTo(new ConsoleOutput(ConsoleOutput.State.SUCCEEDED, 0));
    }

    @Test
    void wrap_inRealBash_whenACommandFails_reportsItsExitCodeAndDoesNotPowerOff() throws Exception {
        Outcome outcome = bash(ProvisioningScript.wrap("echo step one\nls /no/such/dir\necho never\n", TOKEN));

        assertThat(outcome.exitCode).isEqualTo(2);
        assertThat(outcome.output).contains("aws-rollout-bake: FAILED " + TOKEN + " with exit code 2")
                .doesNotContain("never").doesNotContain("SUCCEEDED").doesNotContain("shutdown");
        assertThat(ConsoleOutput.read(outcome.output, TOKEN)).isEqualTo(new ConsoleOutput(ConsoleOutput.State.FAILED, 2));
    }

    @Test
    void wrap_inRealBash_aFailureInsideAPipelineOrAFunctionCounts() throws Exception {
        Outcome outcome = bash(ProvisioningScript.wrap("setup() {\n  false\n}\nsetup\n", TOKEN));
        assertThat(ConsoleOutput.read(outcome.output, TOKEN).state()).isEqualTo(ConsoleOutput.State.FAILED);

        outcome = bash(ProvisioningScript.wrap("cat /no/such/file | sort\n", TOKEN));
        assertThat(ConsoleOutput.read(outcome.output, TOKEN).state()).isEqualTo(ConsoleOutput.State.FAILED);
    }

    @Test
    void wrap_inTheSimulatorsInterpreter_hasTheSameOutcomes() {
        Machine ok = simulate(ProvisioningScript.wrap("echo installing\n# sim: takes 30\necho done\n", TOKEN));
        assertThat(ok.poweredOff).isTrue();
        assertThat(ok.exitCode).isZero();
        assertThat(ConsoleOutput.read(String.join("\n", ok.console), TOKEN).state()).isEqualTo(ConsoleOutput.State.SUCCEEDED);

        Machine failed = simulate(ProvisioningScript.wrap("echo installing\nexit 3\necho never\n", TOKEN));
        assertThat(failed.poweredOff).isFalse();
        assertThat(failed.console).doesNotContain("never");
        assertThat(ConsoleOutput.read(String.join("\n", failed.console), TOKEN)).isEqualTo(new ConsoleOutput(ConsoleOutput.State.FAILED, 3));
    }

    @Test
    void check_refusesWhatBashCannotRun_andUserDataOverSixteenKilobytes() {
        assertThat(ProvisioningScript.check("#!/bin/bash\necho hi")).isEmpty();
        assertThat(ProvisioningScript.check("#!/usr/bin/env bash\necho hi")).isEmpty();
        assertThat(ProvisioningScript.check("#!/bin/sh\necho hi")).isEmpty();
        assertThat(ProvisioningScript.check("echo hi")).isEmpty();
        assertThat(ProvisioningScript.check("#!/usr/bin/env python3\nprint('hi')")).hasValue(
                "it starts with '#!/usr/bin/env python3'; awsBakeAmi runs it with bash, so it must be a shell script");
        assertThat(ProvisioningScript.check("#cloud-config\npackages: [nginx]")).hasValueSatisfying(
                p -> assertThat(p).startsWith("it is cloud-config"));
        assertThat(ProvisioningScript.check("echo " + "x".repeat(16 * 1024))).hasValueSatisfying(
                p -> assertThat(p).contains("EC2 accepts at most 16384 bytes of user data"));
    }

    @Test
    void tail_keepsTheLastLinesWithoutTerminalEscapes() {
        String console = "one\n\u001B[32mtwo\u001B[0m\r\nthree\n\n\n";

        assertThat(ConsoleOutput.tail(console, 2)).containsExactly("two", "three");
        assertThat(ConsoleOutput.tail("", 5)).isEmpty();
    }

    private record Outcome(int exitCode, String output) {}

    /** Runs the user data in real bash with {@code shutdown} replaced by a stub that says it was called. */
    private Outcome bash(String userData) throws Exception {
        File bash = new File("/bin/bash");
        assumeThat(bash.canExecute()).as("bash is installed").isTrue();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path shutdown = bin.resolve("shutdown");
        Files.writeString(shutdown, "#!/bin/sh\necho \"shutdown $*\"\n");
        shutdown.toFile().setExecutable(true);
        Path script = dir.resolve("user-data");
        Files.writeString(script, userData);
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("WORK", dir.toString());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static final class Machine implements ScriptHost {
        final List<String> console = new ArrayList<>();
        boolean poweredOff;
        int exitCode = -1;

        @Override
        public void after(Duration delay, Runnable next) {
            next.run();
        }

        @Override
        public void output(String line) {
            console.add(line);
        }

        @Override
        public void powerOff() {
            poweredOff = true;
        }

        @Override
        public void finished(int code) {
            exitCode = code;
        }
    }

    private static Machine simulate(String userData) {
        Machine machine = new Machine();
        Script.parse(userData).run(machine);
        return machine;
    }
}
