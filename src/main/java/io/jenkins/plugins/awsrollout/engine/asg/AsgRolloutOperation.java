package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code awsAsgRollout}: replaces every instance of an Auto Scaling group with a new configuration without taking
 * healthy capacity below the floor, and puts things back on its own when the new version is bad.
 *
 * <pre>
 * PREFLIGHT -> TEMPLATE? -> SUSPEND -> APPLY -> REFRESH_START -> REFRESH_WATCH ---------> FINISH
 *                                           \-> ROLL (batch after batch) -------------> FINISH
 *                                                  \-> (failure) REPIN -> ROLL (reverse) -^
 * </pre>
 *
 * Every path ends in FINISH, which resumes the suspended processes. The abort path (stopped build, timeout,
 * unexpected error) rolls back or cancels what is in flight according to {@code onAbort} (stopped) or
 * {@code autoRollback} (timeout, error), then finishes the same way.
 */
public final class AsgRolloutOperation implements Operation<AsgRolloutCursor> {

    private static final long serialVersionUID = 1L;

    /** The least time a rollback or cancel gets, however short the rollout's timeout. */
    static final Duration MIN_CLEANUP = Duration.ofMinutes(30);

    private final AsgRolloutRequest request;
    private final Backoff polling;

    /**
     * @param request the validated request
     * @param polling the polling shape (from the global configuration)
     */
    public AsgRolloutOperation(AsgRolloutRequest request, Backoff polling) {
        this.request = request;
        this.polling = polling;
    }

    public AsgRolloutRequest request() {
        return request;
    }

    @Override
    public String name() {
        return "Rollout of Auto Scaling group " + request.autoScalingGroup();
    }

    @Override
    public AsgRolloutCursor begin(Instant now) {
        return AsgRolloutCursor.begin(now, now.plus(request.timeout()), Poll.start(polling), request.autoScalingGroup());
    }

    @Override
    public Tick<AsgRolloutCursor> advance(AsgRolloutCursor cursor, TickContext context) {
        return switch (cursor.phase()) {
            case PREFLIGHT -> PreflightPhase.run(request, cursor, context);
            case TEMPLATE -> template(cursor, context);
            case SUSPEND -> suspend(cursor, context);
            case APPLY -> request.strategy() == RolloutStrategy.ROLLING ? RollingPhases.apply(request, cursor, context)
                    : applySizes(cursor, context);
            case REFRESH_START -> RefreshPhases.start(request, cursor, Poll.start(polling), context);
            case REFRESH_WATCH -> RefreshPhases.watch(request, cursor, context);
            case REPIN -> RollingPhases.repin(request, cursor, context);
            case ROLL -> RollingPhases.roll(request, cursor, context);
            case FINISH -> FinishPhase.run(request, cursor, context);
        };
    }

    @Override
    public Tick<AsgRolloutCursor> abort(AsgRolloutCursor cursor, AbortReason reason, TickContext context) {
        if (cursor.ending() == null || !cursor.ending().aborted()) {
            if (cursor.phase() == AsgRolloutCursor.Phase.PREFLIGHT) {
                // Nothing was changed yet.
                return Tick.done(cursor, Map.of());
            }
            cursor = startAbort(cursor, reason, context.now());
        }
        return advance(cursor, context);
    }

    /** The first abort tick: how to wind down from where the rollout is, with a fresh deadline for it. */
    private AsgRolloutCursor startAbort(AsgRolloutCursor cursor, AbortReason reason, Instant now) {
        if (cursor.ending() != null) {
            // Already winding down on its own (a failed batch rolling back): keep going, now as the abort path.
            return cursor.withDeadline(now.plus(cleanupTime(request))).withEnding(cursor.ending().markAborted());
        }
        Ending.Mode mode = reason == AbortReason.STOPPED
                ? (request.onAbort() == OnAbort.ROLLBACK ? Ending.Mode.ROLLBACK : Ending.Mode.CANCEL)
                : (request.autoRollback() ? Ending.Mode.ROLLBACK : Ending.Mode.CANCEL);
        return windDown(request, cursor, new Ending(mode, "", true), now);
    }

    /**
     * The one way a rollout winds down, whatever ended it: a failed batch, a stopped build, a deadline, an unexpected
     * error. From where the rollout is, it goes to the same machine: a rolling rollback starts at REPIN (pin the
     * previous version, register half-retired instances again, drop what the rollout launched and does not serve,
     * then replace the rest in reverse batches under the same floor), an instance refresh is rolled back or cancelled
     * by the watch, and every path ends in FINISH, which waits for the group to be whole, resumes the processes and
     * puts the maximum size back. The cleanup gets a fresh deadline.
     */
    static AsgRolloutCursor windDown(AsgRolloutRequest request, AsgRolloutCursor cursor, Ending ending, Instant now) {
        AsgRolloutCursor ended = cursor.withDeadline(now.plus(cleanupTime(request))).withEnding(ending);
        boolean changesVersion = cursor.template() != null && cursor.template().changesVersion();
        boolean rolling = request.strategy() == RolloutStrategy.ROLLING;
        String repinning = "the rollback of " + request.autoScalingGroup() + " to start";
        return switch (cursor.phase()) {
            case TEMPLATE, SUSPEND -> ended.finishing(notStarted(request, cursor, ending));
            // APPLY may already have pinned the new version: a rolling rollout always pins the previous one back.
            case APPLY -> rolling && changesVersion
                    ? ended.withEnding(new Ending(Ending.Mode.ROLLBACK, ending.reason(), ending.aborted()))
                            .at(AsgRolloutCursor.Phase.REPIN, repinning)
                    : ended.finishing(notStarted(request, cursor, ending));
            case ROLL -> ending.mode() == Ending.Mode.ROLLBACK && changesVersion && !cursor.rolling().reverse()
                    ? ended.at(AsgRolloutCursor.Phase.REPIN, repinning)
                    : ended.withEnding(new Ending(cursor.rolling().reverse() ? Ending.Mode.ROLLBACK : Ending.Mode.CANCEL,
                            ending.reason(), ending.aborted()));
            default -> ended;
        };
    }

    /** How long a rollback or cancel may take: the rollout's own timeout, and never less than half an hour. */
    static Duration cleanupTime(AsgRolloutRequest request) {
        return request.timeout().compareTo(MIN_CLEANUP) > 0 ? request.timeout() : MIN_CLEANUP;
    }

    private static Outcome notStarted(AsgRolloutRequest request, AsgRolloutCursor cursor, Ending ending) {
        TemplatePlan template = cursor.template();
        String created = template != null && template.createsVersion() && template.targetVersion() != null
                ? " Launch template version " + template.targetVersion() + " was created and is left in place." : "";
        return new Outcome(Outcome.Status.Cancelled, ending.prefix() + "No instance of " + request.autoScalingGroup()
                + " was replaced." + created);
    }

    private Tick<AsgRolloutCursor> template(AsgRolloutCursor cursor, TickContext context) {
        TemplatePlan plan = cursor.template();
        long version = TemplateVersions.create(context.aws(), plan, TemplateVersions.versionDescription(request.buildId(), plan));
        TemplatePlan created = plan.withTargetVersion(Long.toString(version));
        context.progress().report("TEMPLATE", "Created version " + version + " of launch template "
                + TemplateVersions.name(plan.template()) + " from version " + plan.previousVersion() + " with ImageId "
                + plan.newImageId() + ".");
        return Tick.after(cursor.withTemplate(created).at(AsgRolloutCursor.Phase.SUSPEND,
                "the scaling processes of " + request.autoScalingGroup() + " to be suspended"), Duration.ZERO);
    }

    private Tick<AsgRolloutCursor> suspend(AsgRolloutCursor cursor, TickContext context) {
        GroupChanges.suspend(context.aws(), request.autoScalingGroup(), cursor.suspendedByUs());
        if (!cursor.suspendedByUs().isEmpty()) {
            context.progress().report("SUSPEND", "Suspended " + String.join(", ", cursor.suspendedByUs()) + " on "
                    + request.autoScalingGroup() + " (resumed when the rollout ends, whatever happens).");
        }
        return Tick.after(cursor.at(AsgRolloutCursor.Phase.APPLY, "the new configuration of " + request.autoScalingGroup()),
                Duration.ZERO);
    }

    private Tick<AsgRolloutCursor> applySizes(AsgRolloutCursor cursor, TickContext context) {
        Integer maxSize = cursor.maxSizeToRestore() != null ? Integer.valueOf(cursor.facts().limits().ceiling()) : request.maxSize();
        if (request.minSize() != null || maxSize != null || request.desiredCapacity() != null) {
            GroupChanges.update(context.aws(), FleetReader.requireGroup(context.aws(), request.autoScalingGroup()), null, null,
                    request.minSize(), maxSize, request.desiredCapacity());
            context.progress().report("APPLY", "Sizes of " + request.autoScalingGroup() + " set: min " + show(request.minSize())
                    + ", max " + show(maxSize) + (cursor.maxSizeToRestore() == null ? "" : " for instances launched first (back to "
                    + cursor.maxSizeToRestore() + " at the end)") + ", desired " + show(request.desiredCapacity()) + ".");
        }
        return Tick.after(cursor.at(AsgRolloutCursor.Phase.REFRESH_START, "the instance refresh of " + request.autoScalingGroup()
                + " to start"), Duration.ZERO);
    }

    private static String show(Integer value) {
        return value == null ? "unchanged" : value.toString();
    }
}
