package io.jenkins.plugins.awsrollout.sim.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTest {
    /** A host that runs delayed steps at once and records what happened. */
    private static final class Recorder implements ScriptHost {
        final List<String> output = new ArrayList<>();
        Duration slept = Duration.ZERO;
        Integer exitCode;
        boolean poweredOff;
        boolean unhealthy;

        @Override
        public void after(Duration delay, Runnable next) {
            slept = slept.plus(delay);
            next.run();
        }

        @Override
        public void output(String line) {
            output.add(line);
        }

        @Override
        public void powerOff() {
            poweredOff = true;
        }

        @Override
        public void markUnhealthy() {
            unhealthy = true;
        }

        @Override
        public void finished(int code) {
            exitCode = code;
        }
    }

    private static Recorder run(String text) {
        Recorder host = new Recorder();
        Script.parse(text).run(host);
        return host;
    }

    @Test
    void echoSleepAndDirectivesRunInOrder() {
        Recorder host = run("#!/bin/bash\nset -euo pipefail\necho \"installing 'web'\"\nsleep 30\nyum install -y nginx\n"
                + "# sim: takes 2m\ntrue\necho done\n");

        assertThat(host.output).containsExactly("installing web", "done");
        assertThat(host.slept).isEqualTo(Duration.ofSeconds(150));
        assertThat(host.exitCode).isZero();
    }

    @Test
    void failureStopsTheScriptAndRunsTheErrTrapWithTheExitCode() {
        Recorder host = run("trap 'echo \"bake failed with $?\"' ERR\necho one\nexit 3\necho never\n");

        assertThat(host.output).containsExactly("one", "bake failed with 3");
        assertThat(host.exitCode).isEqualTo(3);
    }

    @Test
    void simFailDirectivePrintsItsMessageAndFails() {
        Recorder host = run("echo start\n# sim: fail could not reach the package mirror\necho never\n");

        assertThat(host.output).containsExactly("start", "could not reach the package mirror");
        assertThat(host.exitCode).isEqualTo(1);
    }

    @Test
    void falseFailsWithOneAndExitZeroEndsSuccessfully() {
        assertThat(run("false\necho never").exitCode).isEqualTo(1);
        Recorder host = run("echo a\nexit 0\necho never");
        assertThat(host.output).containsExactly("a");
        assertThat(host.exitCode).isZero();
    }

    @Test
    void poweroffStopsTheMachineAndEndsTheScript() {
        Recorder host = run("echo bye\nshutdown -h now\necho never");

        assertThat(host.poweredOff).isTrue();
        assertThat(host.output).containsExactly("bye");
        assertThat(run("halt").poweredOff).isTrue();
        assertThat(run("shutdown -r now").poweredOff).isFalse();
    }

    @Test
    void unhealthyDirectiveMarksTheMachine() {
        assertThat(run("# sim: unhealthy\n").unhealthy).isTrue();
    }
}
