package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.time.Instant;
import java.util.List;

/**
 * The whole state of an {@code awsAsgRollout}: ids, versions, counters and deadlines, never a client or a secret.
 *
 * @param phase where the rollout is
 * @param startedAt when it began
 * @param deadline when the current phase (or the rollback) must be over
 * @param poll adaptive polling state
 * @param waitingFor what it waits for, completing "waiting for ..."
 * @param facts what the preflight learned, or null before it ran
 * @param template the launch template change, or null before the preflight
 * @param suspendedByUs scaling processes this rollout suspended (and will resume)
 * @param maxSizeToRestore the maximum size to put back, when the rollout raised it
 * @param refresh the instance refresh, for that strategy
 * @param rolling the rolling replacement, for that strategy
 * @param ending how the rollout winds down when it stops short of success, or null
 * @param outcome how it ended, once decided (the finish phase reports it)
 * @param settlingSince when the finish phase started waiting for the group to settle, or null
 */
public record AsgRolloutCursor(
        Phase phase,
        Instant startedAt,
        Instant deadline,
        Poll poll,
        String waitingFor,
        @CheckForNull GroupFacts facts,
        @CheckForNull TemplatePlan template,
        List<String> suspendedByUs,
        @CheckForNull Integer maxSizeToRestore,
        @CheckForNull RefreshProgress refresh,
        @CheckForNull RollingProgress rolling,
        @CheckForNull Ending ending,
        @CheckForNull Outcome outcome,
        @CheckForNull Instant settlingSince)
        implements Cursor {

    private static final long serialVersionUID = 1L;

    /** The phases, in order. */
    public enum Phase {
        /** Read the group, check it can be rolled, plan (and stop here for a dry run). */
        PREFLIGHT,
        /** Create the launch template version when an AMI is given. */
        TEMPLATE,
        /** Suspend the processes that would change the group under the rollout. */
        SUSPEND,
        /** Apply the sizes (and, rolling, pin the version and make room for instances launched first). */
        APPLY,
        /** Start (or adopt) the instance refresh. */
        REFRESH_START,
        /** Watch the instance refresh (and send its rollback or cancel when ending). */
        REFRESH_WATCH,
        /** Rolling rollback: registers half-retired instances again and pins the previous version back. */
        REPIN,
        /** Rolling: replace batch after batch. */
        ROLL,
        /** Resume the processes, restore the maximum size, report. */
        FINISH
    }

    public AsgRolloutCursor {
        suspendedByUs = List.copyOf(suspendedByUs);
    }

    public static AsgRolloutCursor begin(Instant now, Instant deadline, Poll poll, String group) {
        return new AsgRolloutCursor(Phase.PREFLIGHT, now, deadline, poll, "the preflight checks of " + group, null, null, List.of(),
                null, null, null, null, null, null);
    }

    public AsgRolloutCursor at(Phase next, String nextWaitingFor) {
        return new AsgRolloutCursor(next, startedAt, deadline, poll, nextWaitingFor, facts, template, suspendedByUs, maxSizeToRestore,
                refresh, rolling, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor waiting(String what) {
        return new AsgRolloutCursor(phase, startedAt, deadline, poll, what, facts, template, suspendedByUs, maxSizeToRestore, refresh,
                rolling, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor withDeadline(Instant next) {
        return new AsgRolloutCursor(phase, startedAt, next, poll, waitingFor, facts, template, suspendedByUs, maxSizeToRestore,
                refresh, rolling, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor withPoll(Poll next) {
        return new AsgRolloutCursor(phase, startedAt, deadline, next, waitingFor, facts, template, suspendedByUs, maxSizeToRestore,
                refresh, rolling, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor planned(GroupFacts newFacts, TemplatePlan newTemplate, List<String> processes) {
        return new AsgRolloutCursor(phase, startedAt, deadline, poll, waitingFor, newFacts, newTemplate, processes, maxSizeToRestore,
                refresh, rolling, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor withTemplate(TemplatePlan next) {
        return new AsgRolloutCursor(phase, startedAt, deadline, poll, waitingFor, facts, next, suspendedByUs, maxSizeToRestore,
                refresh, rolling, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor withMaxSizeToRestore(@CheckForNull Integer value) {
        return new AsgRolloutCursor(phase, startedAt, deadline, poll, waitingFor, facts, template, suspendedByUs, value, refresh,
                rolling, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor withRefresh(RefreshProgress next) {
        return new AsgRolloutCursor(phase, startedAt, deadline, poll, waitingFor, facts, template, suspendedByUs, maxSizeToRestore,
                next, rolling, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor withRolling(RollingProgress next) {
        return new AsgRolloutCursor(phase, startedAt, deadline, poll, waitingFor, facts, template, suspendedByUs, maxSizeToRestore,
                refresh, next, ending, outcome, settlingSince);
    }

    public AsgRolloutCursor withEnding(Ending next) {
        return new AsgRolloutCursor(phase, startedAt, deadline, poll, waitingFor, facts, template, suspendedByUs, maxSizeToRestore,
                refresh, rolling, next, outcome, settlingSince);
    }

    /** Decides the outcome and moves to the finish phase. */
    public AsgRolloutCursor finishing(Outcome decided) {
        return new AsgRolloutCursor(Phase.FINISH, startedAt, deadline, poll, "the scaling processes of the group to be resumed",
                facts, template, suspendedByUs, maxSizeToRestore, refresh, rolling, ending, decided, null);
    }

    public AsgRolloutCursor settling(Instant since) {
        return new AsgRolloutCursor(phase, startedAt, deadline, poll, waitingFor, facts, template, suspendedByUs, maxSizeToRestore,
                refresh, rolling, ending, outcome, since);
    }

    @Override
    public String waitingFor() {
        return waitingFor;
    }

    /** A failed batch rolling back, or a refresh being cancelled or rolled back. */
    @Override
    public boolean windingDown() {
        return ending != null;
    }
}
