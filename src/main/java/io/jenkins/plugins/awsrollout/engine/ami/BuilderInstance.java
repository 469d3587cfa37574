package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Progress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Reading the builder instance: its state, its console output, and the progress line while it is provisioned. */
final class BuilderInstance {

    private BuilderInstance() {}

    /** The builder, or empty while EC2 does not list it yet (right after RunInstances). */
    static Optional<Instance> describe(Ec2Client ec2, String instanceId) {
        try {
            return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .findFirst();
        } catch (AwsServiceException e) {
            if (Ec2Calls.hasCode(e, "InvalidInstanceID.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String state(Instance instance) {
        return instance.state() == null ? "pending" : instance.state().nameAsString();
    }

    /** Why EC2 ended the instance, for failure sentences: {@code Server.InternalError: ...} or the transition reason. */
    static String reason(Instance instance) {
        if (instance.stateReason() != null && instance.stateReason().message() != null) {
            return instance.stateReason().message();
        }
        return instance.stateTransitionReason() == null || instance.stateTransitionReason().isBlank()
                ? "no reason given" : instance.stateTransitionReason();
    }

    /** The serial console output so far (EC2 keeps the last 64 KB), decoded. */
    static String console(Ec2Client ec2, String instanceId) {
        String encoded = ec2.getConsoleOutput(r -> r.instanceId(instanceId)).output();
        if (encoded == null || encoded.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }

    /** The tail of {@code console} in the build log, under a line that says where it comes from. */
    static void printTail(Progress progress, String instanceId, String console) {
        List<String> tail = ConsoleOutput.tail(console, ConsoleOutput.TAIL_LINES);
        if (tail.isEmpty()) {
            progress.warn("PROVISION", "builder " + instanceId + " has no console output yet");
            return;
        }
        progress.warn("PROVISION", "last " + tail.size() + " lines of the console output of builder " + instanceId + ":");
        tail.forEach(line -> progress.report("CONSOLE", "| " + line));
    }

    /**
     * Reports {@code what} once per elapsed minute since {@code since}; returns the minutes reported (unchanged when
     * nothing was printed).
     */
    static long reportMinute(Progress progress, String what, Instant since, Instant now, long reportedMinutes) {
        long minutes = Duration.between(since, now).toMinutes();
        if (minutes == reportedMinutes) {
            return reportedMinutes;
        }
        progress.report("PROVISION", minutes == 0 ? what : what + " for " + HumanDuration.of(Duration.between(since, now)));
        return minutes;
    }
}
