package io.jenkins.plugins.awsrollout.steps;

import io.jenkins.plugins.awsrollout.engine.Progress;
import java.io.PrintStream;
import java.util.function.Consumer;

/** Progress lines in the build log: {@code [awsAsgRollout] ROLL 3 of 10 instances replaced in web}. */
public final class LogProgress implements Progress {

    private final String functionName;
    private final PrintStream log;
    private final Consumer<String> status;

    public LogProgress(String functionName, PrintStream log) {
        this(functionName, log, line -> {});
    }

    public LogProgress(String functionName, PrintStream log, Consumer<String> status) {
        this.functionName = functionName;
        this.log = log;
        this.status = status;
    }

    @Override
    public void report(String phase, String message) {
        log.println("[" + functionName + "] " + phase + " " + message);
        status.accept(phase + " " + message);
    }

    @Override
    public void warn(String phase, String message) {
        log.println("[" + functionName + "] " + phase + " WARNING: " + message);
        status.accept(phase + " WARNING: " + message);
    }
}
