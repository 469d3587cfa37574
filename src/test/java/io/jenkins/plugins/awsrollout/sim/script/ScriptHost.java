package io.jenkins.plugins.awsrollout.sim.script;

import java.time.Duration;

/** What a running {@link Script} can do to the machine it runs on. */
public interface ScriptHost {

    /** Runs {@code next} after {@code delay} of simulated time. */
    void after(Duration delay, Runnable next);

    /** Appends one line to the console (or command output). */
    void output(String line);

    /** Appends one line to standard error; where there is no separate stream, to the console. */
    default void errorOutput(String line) {
        output(line);
    }

    /** {@code shutdown -h now}, {@code poweroff}, {@code halt}: the machine stops. */
    void powerOff();

    /** {@code # sim: unhealthy}: the machine (and any image made from it) fails health checks. */
    default void markUnhealthy() {}

    /** The script ended: exit code 0 is success. */
    void finished(int exitCode);
}
