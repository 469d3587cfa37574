package io.jenkins.plugins.awsrollout.engine.ami;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where a bake is: the phase, every AWS id it made or is about to make, and how the bake is winding down.
 *
 * <p>Everything a bake creates is findable before its id is known: the cursor says the create call may have
 * happened ({@code ...Requested}, saved before the call), and the resource carries a name or token derived from
 * {@link #token}: the security group's name, RunInstances' client token, the AMI name, CopyImage's client token. So a
 * tick replayed after a restart adopts what the lost tick made, and cleanup finds it.
 *
 * @param phase what the bake is doing
 * @param startedAt when the bake began
 * @param deadline when the current work must be done (the whole bake, or the cleanup once it winds down)
 * @param token unique to this bake
 * @param amiName the AMI name, expanded when the bake began
 * @param sourceAmiId the source AMI, once resolved
 * @param rootDeviceName the source AMI's root device, once resolved
 * @param bakeKey the bake key, once resolved
 * @param reused whether an existing AMI with the same bake key stands in for a new one
 * @param builder the builder instance and the temporary security group
 * @param provision how far provisioning got
 * @param images the AMI in each region, the step's region first
 * @param regionIndex which region {@code FINISH} or {@code RETENTION} is at
 * @param retention what retention is doing in that region
 * @param ending how the bake ends, once it winds down (then {@code phase} is {@code CLEANUP})
 * @param poll adaptive polling of the current wait
 * @param reported what the log last said about the current wait (so that a line is not repeated), or null
 */
public record BakeCursor(
        Phase phase,
        Instant startedAt,
        Instant deadline,
        String token,
        String amiName,
        @CheckForNull String sourceAmiId,
        @CheckForNull String rootDeviceName,
        @CheckForNull String bakeKey,
        boolean reused,
        BuilderState builder,
        ProvisionState provision,
        List<RegionImage> images,
        int regionIndex,
        RetentionState retention,
        @CheckForNull Ending ending,
        Poll poll,
        @CheckForNull String reported)
        implements Cursor {

    private static final long serialVersionUID = 1L;

    /** Length of {@link #token}: 32 hex digits (RunInstances allows 64 characters of client token). */
    public static final int TOKEN_LENGTH = 32;

    /** The phases in order; {@code CLEANUP} ends every bake, successful or not. */
    public enum Phase { RESOLVE, SECURITY_GROUP, LAUNCH, PROVISION, STOP, IMAGE, COPY, FINISH, RETENTION, CLEANUP }

    /** How a bake ends. */
    public enum Outcome { SUCCEEDED, FAILED, ABORTED }

    public BakeCursor {
        images = List.copyOf(images);
    }

    /**
     * The builder instance and the temporary security group.
     *
     * @param securityGroupRequested CreateSecurityGroup may have been called
     * @param securityGroupId the temporary group, once known
     * @param securityGroupDeleted the temporary group is gone (or was never made)
     * @param runRequested RunInstances may have been called
     * @param instanceId the builder, once known
     * @param stopRequested StopInstances was called
     * @param terminateRequested TerminateInstances was called
     * @param terminated the builder is gone (or was never launched)
     */
    public record BuilderState(
            boolean securityGroupRequested,
            @CheckForNull String securityGroupId,
            boolean securityGroupDeleted,
            boolean runRequested,
            @CheckForNull String instanceId,
            boolean stopRequested,
            boolean terminateRequested,
            boolean terminated)
            implements Serializable {

        static final BuilderState NONE = new BuilderState(false, null, false, false, null, false, false, false);

        BuilderState withSecurityGroupRequested() {
            return new BuilderState(true, securityGroupId, securityGroupDeleted, runRequested, instanceId, stopRequested,
                    terminateRequested, terminated);
        }

        BuilderState withSecurityGroup(@CheckForNull String id) {
            return new BuilderState(id != null, id, id == null, runRequested, instanceId, stopRequested, terminateRequested,
                    terminated);
        }

        BuilderState withSecurityGroupDeleted() {
            return new BuilderState(securityGroupRequested, securityGroupId, true, runRequested, instanceId, stopRequested,
                    terminateRequested, terminated);
        }

        BuilderState withRunRequested() {
            return new BuilderState(securityGroupRequested, securityGroupId, securityGroupDeleted, true, instanceId,
                    stopRequested, terminateRequested, terminated);
        }

        BuilderState withInstance(@CheckForNull String id) {
            return new BuilderState(securityGroupRequested, securityGroupId, securityGroupDeleted, id != null, id,
                    stopRequested, terminateRequested, id == null);
        }

        BuilderState withStopRequested() {
            return new BuilderState(securityGroupRequested, securityGroupId, securityGroupDeleted, runRequested, instanceId,
                    true, terminateRequested, terminated);
        }

        BuilderState withTerminateRequested() {
            return new BuilderState(securityGroupRequested, securityGroupId, securityGroupDeleted, runRequested, instanceId,
                    stopRequested, true, terminated);
        }

        BuilderState withTerminated() {
            return new BuilderState(securityGroupRequested, securityGroupId, securityGroupDeleted, runRequested, instanceId,
                    stopRequested, true, true);
        }

        /** Whether a temporary security group may exist and is not deleted yet. */
        boolean securityGroupPending() {
            return securityGroupRequested && !securityGroupDeleted;
        }

        /** Whether a builder may exist and is not terminated yet. */
        boolean instancePending() {
            return runRequested && !terminated;
        }
    }

    /**
     * How far provisioning got.
     *
     * @param deadline when provisioning must be done ({@code provisionTimeoutMinutes} after the launch)
     * @param runningSince when the builder was first seen running
     * @param reportedMinutes the elapsed minutes last reported, so that the log gets one line a minute
     * @param commandIndex the SSM command running or next (0-based)
     * @param commandId the running SSM command, once sent
     * @param outputPrinted how many characters of its output are in the build log
     * @param succeeded whether the console showed the success line
     */
    public record ProvisionState(
            @CheckForNull Instant deadline,
            @CheckForNull Instant runningSince,
            long reportedMinutes,
            int commandIndex,
            @CheckForNull String commandId,
            int outputPrinted,
            boolean succeeded)
            implements Serializable {

        static final ProvisionState NONE = new ProvisionState(null, null, -1, 0, null, 0, false);

        ProvisionState withDeadline(Instant value) {
            return new ProvisionState(value, runningSince, reportedMinutes, commandIndex, commandId, outputPrinted, succeeded);
        }

        ProvisionState running(Instant since) {
            return runningSince != null ? this
                    : new ProvisionState(deadline, since, reportedMinutes, commandIndex, commandId, outputPrinted, succeeded);
        }

        ProvisionState reported(long minutes) {
            return new ProvisionState(deadline, runningSince, minutes, commandIndex, commandId, outputPrinted, succeeded);
        }

        ProvisionState withCommand(@CheckForNull String id) {
            return new ProvisionState(deadline, runningSince, reportedMinutes, commandIndex, id, 0, succeeded);
        }

        ProvisionState printed(int characters) {
            return new ProvisionState(deadline, runningSince, reportedMinutes, commandIndex, commandId, characters, succeeded);
        }

        ProvisionState nextCommand() {
            return new ProvisionState(deadline, runningSince, reportedMinutes, commandIndex + 1, null, 0, succeeded);
        }

        ProvisionState withSucceeded() {
            return new ProvisionState(deadline, runningSince, reportedMinutes, commandIndex, commandId, outputPrinted, true);
        }
    }

    /**
     * The AMI in one region.
     *
     * @param region the region
     * @param requested CreateImage or CopyImage may have been called
     * @param imageId the AMI, once known
     * @param created made by this bake (so cleanup deregisters it when the bake fails), not reused
     * @param state its last seen state ({@code pending}, {@code available})
     * @param snapshotIds its snapshots, once known
     * @param finished attributes and sharing applied
     * @param deregistered deregistered by cleanup (or never made)
     */
    public record RegionImage(
            String region,
            boolean requested,
            @CheckForNull String imageId,
            boolean created,
            String state,
            List<String> snapshotIds,
            boolean finished,
            boolean deregistered)
            implements Serializable {

        public RegionImage {
            snapshotIds = List.copyOf(snapshotIds);
        }

        static RegionImage notYet(String region) {
            return new RegionImage(region, false, null, false, "none", List.of(), false, false);
        }

        static RegionImage reused(String region, String imageId, List<String> snapshotIds) {
            return new RegionImage(region, false, imageId, false, "available", snapshotIds, false, false);
        }

        RegionImage withRequested() {
            return new RegionImage(region, true, imageId, created, state, snapshotIds, finished, deregistered);
        }

        RegionImage withImage(String id) {
            return new RegionImage(region, true, id, true, "pending", snapshotIds, finished, deregistered);
        }

        RegionImage withState(String value, List<String> snapshots) {
            return new RegionImage(region, requested, imageId, created, value, snapshots, finished, deregistered);
        }

        RegionImage withFinished() {
            return new RegionImage(region, requested, imageId, created, state, snapshotIds, true, deregistered);
        }

        RegionImage withDeregistered() {
            return new RegionImage(region, requested, imageId, created, state, snapshotIds, finished, true);
        }

        /** Nothing here yet. */
        RegionImage withNothing() {
            return new RegionImage(region, false, null, false, "none", List.of(), false, true);
        }

        boolean available() {
            return "available".equals(state);
        }

        /** Whether cleanup must deregister an AMI here (made by this bake, possibly not known by id yet). */
        boolean leftToDeregister() {
            return (created || requested) && !deregistered;
        }
    }

    /**
     * Retention in the region at {@link #regionIndex}.
     *
     * @param scanned the region's older AMIs were looked at
     * @param retiring the AMIs still to deregister there, recorded before the first is touched
     */
    public record RetentionState(boolean scanned, List<Retention.Candidate> retiring) implements Serializable {

        static final RetentionState NONE = new RetentionState(false, List.of());

        public RetentionState {
            retiring = List.copyOf(retiring);
        }

        RetentionState withoutFirst() {
            return new RetentionState(true, retiring.subList(1, retiring.size()));
        }
    }

    /**
     * How the bake winds down.
     *
     * @param outcome success, failure or abort
     * @param message the failure's sentence (null on success and abort)
     * @param keepBuilder leave the builder and its security group for debugging ({@code onError: keep})
     * @param problems what cleanup could not do, for the final sentence
     */
    public record Ending(Outcome outcome, @CheckForNull String message, boolean keepBuilder, List<String> problems)
            implements Serializable {

        public Ending {
            problems = List.copyOf(problems);
        }

        Ending withProblem(String problem) {
            List<String> more = new ArrayList<>(problems);
            more.add(problem);
            return new Ending(outcome, message, keepBuilder, more);
        }
    }

    @Override
    public String waitingFor() {
        String instance = builder.instanceId() == null ? "the builder" : "builder " + builder.instanceId();
        RegionImage main = images.isEmpty() ? null : images.get(0);
        String ami = main == null || main.imageId() == null ? "AMI " + amiName : main.imageId() + " (" + amiName + ")";
        return switch (phase) {
            case RESOLVE -> "the source AMI to be looked up";
            case SECURITY_GROUP -> "the temporary security group to be created";
            case LAUNCH -> instance + " to launch";
            case PROVISION -> "provisioning on " + instance + " to finish"
                    + (provision.runningSince() == null ? "" : " (running since " + provision.runningSince() + ")");
            case STOP -> instance + " to stop";
            case IMAGE -> ami + " to become available";
            case COPY -> "the copies of " + ami + " in " + String.join(", ", pendingCopies()) + " to become available";
            case FINISH -> "launch permissions and attributes of " + ami + " in " + images.get(Math.min(regionIndex, images.size() - 1)).region();
            case RETENTION -> "older AMIs to be deregistered in " + images.get(Math.min(regionIndex, images.size() - 1)).region();
            case CLEANUP -> builder.instancePending() ? instance + " to terminate" : "temporary resources to be deleted";
        };
    }

    /** Cleaning up after a failure or an abort (a successful bake's cleanup is part of its normal path). */
    @Override
    public boolean windingDown() {
        return phase == Phase.CLEANUP && ending != null && ending.outcome() != Outcome.SUCCEEDED;
    }

    private List<String> pendingCopies() {
        return images.stream().skip(1).filter(i -> !i.available()).map(RegionImage::region).toList();
    }

    // ---- transitions ----

    BakeCursor withPhase(Phase value, Poll freshPoll) {
        return new BakeCursor(value, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused, builder,
                provision, images, regionIndex, retention, ending, freshPoll, null);
    }

    BakeCursor withSource(String amiId, String rootDevice, String key) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, amiId, rootDevice, key, reused, builder, provision,
                images, regionIndex, retention, ending, poll, reported);
    }

    BakeCursor withReused(String name) {
        return new BakeCursor(phase, startedAt, deadline, token, name, sourceAmiId, rootDeviceName, bakeKey, true, builder,
                provision, images, regionIndex, retention, ending, poll, reported);
    }

    BakeCursor withBuilder(UnaryOperator<BuilderState> change) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused,
                change.apply(builder), provision, images, regionIndex, retention, ending, poll, reported);
    }

    BakeCursor withProvision(UnaryOperator<ProvisionState> change) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused, builder,
                change.apply(provision), images, regionIndex, retention, ending, poll, reported);
    }

    BakeCursor withImages(List<RegionImage> value) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused, builder,
                provision, value, regionIndex, retention, ending, poll, reported);
    }

    BakeCursor withImage(int index, UnaryOperator<RegionImage> change) {
        List<RegionImage> changed = new ArrayList<>(images);
        changed.set(index, change.apply(images.get(index)));
        return withImages(changed);
    }

    BakeCursor withRegionIndex(int value) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused, builder,
                provision, images, value, RetentionState.NONE, ending, poll, reported);
    }

    BakeCursor withRetention(RetentionState value) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused, builder,
                provision, images, regionIndex, value, ending, poll, reported);
    }

    BakeCursor withPoll(Poll value) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused, builder,
                provision, images, regionIndex, retention, ending, value, reported);
    }

    BakeCursor withReported(@CheckForNull String value) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused, builder,
                provision, images, regionIndex, retention, ending, poll, value);
    }

    /** Winds the bake down: {@code CLEANUP} with a fresh deadline for it. */
    BakeCursor ending(Ending value, Instant cleanupDeadline) {
        return new BakeCursor(Phase.CLEANUP, startedAt, cleanupDeadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey,
                reused, builder, provision, images, regionIndex, retention, value, poll, null);
    }

    BakeCursor withEnding(Ending value) {
        return new BakeCursor(phase, startedAt, deadline, token, amiName, sourceAmiId, rootDeviceName, bakeKey, reused, builder,
                provision, images, regionIndex, retention, value, poll, reported);
    }

    /** The temporary security group's name: unique per bake, so a replayed create finds the group by it. */
    String securityGroupName() {
        return "aws-rollout-bake-" + token;
    }

    /** CopyImage's client token for {@code region}. */
    String copyToken(String region) {
        return token + "-" + region;
    }

    /** The AMI in the step's region. */
    RegionImage mainImage() {
        return images.get(0);
    }
}
