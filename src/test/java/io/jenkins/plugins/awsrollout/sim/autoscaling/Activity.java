package io.jenkins.plugins.awsrollout.sim.autoscaling;

import java.time.Instant;

/** A scaling activity: a launch or a termination, with why and how it ended. */
public final class Activity {
    final String id;
    final String groupName;
    final String description;
    final String cause;
    final Instant startTime;
    Instant endTime;
    String statusCode = "InProgress";
    String statusMessage;
    int progress;

    Activity(String id, String groupName, String description, String cause, Instant startTime) {
        this.id = id;
        this.groupName = groupName;
        this.description = description;
        this.cause = cause;
        this.startTime = startTime;
    }

    void finish(String code, String message, Instant at) {
        statusCode = code;
        statusMessage = message;
        endTime = at;
        progress = 100;
    }

    public String description() {
        return description;
    }

    public String cause() {
        return cause;
    }

    public String statusCode() {
        return statusCode;
    }

    public String statusMessage() {
        return statusMessage;
    }

    public Instant startTime() {
        return startTime;
    }
}
