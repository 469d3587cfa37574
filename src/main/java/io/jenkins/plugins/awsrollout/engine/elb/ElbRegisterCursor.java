package io.jenkins.plugins.awsrollout.engine.elb;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where an {@code awsElbRegister} stands: the destinations and targets it resolved, what it decided to change
 * (saved before the calls), what AWS said last about each target, and its deadline.
 *
 * @param phase the current phase
 * @param waitFor what the wait waits for (for {@link #waitingFor()})
 * @param startedAt when the step started
 * @param deadline when the current phase must be over (the step's timeout; a fresh one for the revert)
 * @param destinations the resolved destinations, empty before {@link Phase#PLAN}
 * @param watched every target in every destination, empty before {@link Phase#PLAN}
 * @param next the next destination to change (in {@link Phase#CHANGE}) or to revert (in {@link Phase#REVERT})
 * @param waitStartedAt when the changes were made and the wait began, or null before
 * @param poll the adaptive polling state
 */
public record ElbRegisterCursor(
        Phase phase,
        WaitFor waitFor,
        Instant startedAt,
        Instant deadline,
        List<Destination> destinations,
        List<WatchedTarget> watched,
        int next,
        @CheckForNull Instant waitStartedAt,
        Poll poll)
        implements Cursor {

    /** The phases, in order; {@link #REVERT} only on the abort path. */
    public enum Phase {
        /** Look up the target groups, load balancers and Auto Scaling group. */
        RESOLVE,
        /** Read the current registrations, decide what to change, check the guard. */
        PLAN,
        /** One Register/Deregister call per destination, one destination per tick. */
        CHANGE,
        /** Poll until every target is healthy (or drained). */
        WAIT,
        /** Undo this step's changes, one destination per tick. */
        REVERT
    }

    public ElbRegisterCursor {
        destinations = List.copyOf(destinations);
        watched = List.copyOf(watched);
    }

    ElbRegisterCursor planned(List<Destination> resolved, List<WatchedTarget> targets) {
        return new ElbRegisterCursor(Phase.PLAN, waitFor, startedAt, deadline, resolved, targets, 0, null, poll);
    }

    ElbRegisterCursor changing(List<WatchedTarget> targets) {
        return new ElbRegisterCursor(Phase.CHANGE, waitFor, startedAt, deadline, destinations, targets, 0, null, poll);
    }

    ElbRegisterCursor changedUpTo(int destination) {
        return new ElbRegisterCursor(phase, waitFor, startedAt, deadline, destinations, watched, destination, waitStartedAt, poll);
    }

    ElbRegisterCursor waiting(Instant since) {
        return new ElbRegisterCursor(Phase.WAIT, waitFor, startedAt, deadline, destinations, watched, 0, since, poll);
    }

    ElbRegisterCursor observed(List<WatchedTarget> targets, Poll nextPoll) {
        return new ElbRegisterCursor(phase, waitFor, startedAt, deadline, destinations, targets, next, waitStartedAt, nextPoll);
    }

    ElbRegisterCursor reverting(Instant cleanupDeadline) {
        return new ElbRegisterCursor(Phase.REVERT, waitFor, startedAt, cleanupDeadline, destinations, watched, 0, waitStartedAt, poll);
    }

    /** The targets this step changes (or changed) in destination {@code index}. */
    List<WatchedTarget> changedIn(int index) {
        return watched.stream().filter(t -> t.destination() == index && t.changed()).toList();
    }

    /** Whether this step may have changed anything in AWS yet. */
    boolean mayHaveChanged() {
        return (phase == Phase.CHANGE || phase == Phase.WAIT || phase == Phase.REVERT)
                && watched.stream().anyMatch(WatchedTarget::changed);
    }

    @Override
    public String waitingFor() {
        return switch (phase) {
            case RESOLVE -> "the target groups and load balancers to be looked up";
            case PLAN -> "the current registrations of " + names(destinations);
            case CHANGE -> "the " + (next < destinations.size() ? "changes in " + destinations.get(next).name() : "changes");
            case WAIT -> pending();
            case REVERT -> "this step's changes to be undone in "
                    + (next < destinations.size() ? destinations.get(next).name() : names(destinations));
        };
    }

    /**
     * {@code i-0abc:80 in web-tg to become healthy; last seen unhealthy (Target.FailedHealthChecks: Health checks
     * failed)}, or, for several, {@code 2 targets to become healthy; last seen i-1:80 in web-tg initial (...); ...}.
     */
    private String pending() {
        List<WatchedTarget> open = watched.stream().filter(t -> TargetVerdict.of(waitFor, t) != TargetVerdict.DONE).toList();
        String goal = waitFor == WaitFor.DRAINED ? " to drain" : " to become healthy";
        if (open.isEmpty()) {
            return "the targets" + goal;
        }
        if (open.size() == 1) {
            WatchedTarget only = open.get(0);
            return where(only) + goal + (only.status() == null ? "" : "; last seen " + only.status().described());
        }
        String shown = open.stream().limit(3).map(this::describe).collect(Collectors.joining("; "));
        return open.size() + " targets" + goal + "; last seen " + shown
                + (open.size() > 3 ? "; and " + (open.size() - 3) + " more" : "");
    }

    /** {@code i-0abc:80 in web-tg initial (Elb.InitialHealthChecking: Initial health checks in progress)}. */
    String describe(WatchedTarget target) {
        return target.status() == null ? where(target) : where(target) + " " + target.status().described();
    }

    /** {@code i-0abc:80 in web-tg}. */
    String where(WatchedTarget target) {
        return target.label() + " in " + destinations.get(target.destination()).name();
    }

    private static String names(List<Destination> destinations) {
        return destinations.isEmpty() ? "the destinations"
                : destinations.stream().map(Destination::name).collect(Collectors.joining(", "));
    }
}
