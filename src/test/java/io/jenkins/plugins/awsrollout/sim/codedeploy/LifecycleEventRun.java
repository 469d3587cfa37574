package io.jenkins.plugins.awsrollout.sim.codedeploy;

import java.time.Instant;

/** One lifecycle event on one instance: its status, times and diagnostics. */
public final class LifecycleEventRun {
    final String name;
    String status = "Pending";
    Instant startTime;
    Instant endTime;
    String errorCode;
    String scriptName;
    String message;
    String logTail;

    LifecycleEventRun(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String status() {
        return status;
    }

    public Instant startTime() {
        return startTime;
    }

    public Instant endTime() {
        return endTime;
    }

    public String errorCode() {
        return errorCode;
    }

    public String scriptName() {
        return scriptName;
    }

    public String message() {
        return message;
    }

    public String logTail() {
        return logTail;
    }

    void succeed(Instant now, String note) {
        status = "Succeeded";
        endTime = now;
        errorCode = "Success";
        scriptName = "";
        message = note == null ? "Succeeded" : note;
        logTail = "";
    }

    void fail(Instant now, String code, String script, String text, String tail) {
        status = "Failed";
        endTime = now;
        errorCode = code;
        scriptName = script;
        message = text;
        logTail = tail;
    }

    void skip() {
        status = "Skipped";
    }
}
