package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterCursor.Phase;
import io.jenkins.plugins.awsrollout.engine.elb.TargetStatus.Health;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code awsElbRegister}: registers targets with (or deregisters them from) target groups and classic load balancers,
 * then waits until they are healthy (or drained).
 *
 * <ol>
 *   <li>{@link Phase#RESOLVE}: the Auto Scaling group's InService instances, the target groups (and, for a drained
 *       wait, their deregistration delays), the classic load balancers.
 *   <li>{@link Phase#PLAN}: one describe per destination; which targets need the change ("already there" is done);
 *       the guard of a deregistration. The decision is saved before anything changes, so a revert after a restart
 *       undoes exactly what this step did.
 *   <li>{@link Phase#CHANGE}: one Register/Deregister call per destination for all its targets, one destination per
 *       tick, so a replayed tick repeats at most one (idempotent) call.
 *   <li>{@link Phase#WAIT}: one describe per destination per poll; state changes are logged with AWS's reason codes.
 * </ol>
 *
 * A failure, the deadline or a stop runs {@link #abort}: with {@code onAbort: 'revert'} it undoes this step's own
 * changes, one call per destination.
 *
 * @param request the validated parameters
 * @param dryRun only plan: print the registration diff and the guard's verdict, change nothing
 */
public record ElbRegisterOperation(ElbRegisterRequest request, boolean dryRun) implements Operation<ElbRegisterCursor> {

    private static final long serialVersionUID = 1L;

    public ElbRegisterOperation(ElbRegisterRequest request) {
        this(request, false);
    }

    /** How long a revert may take: a few calls. */
    static final Duration CLEANUP_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String name() {
        List<String> where = new ArrayList<>();
        request.targetGroups().forEach(g -> where.add(shortName(g)));
        where.addAll(request.loadBalancers());
        String noun = request.action().noun();
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1) + " of " + request.targetsDescribed() + " "
                + request.action().preposition() + " " + String.join(", ", where);
    }

    @Override
    public ElbRegisterCursor begin(Instant now) {
        return new ElbRegisterCursor(Phase.RESOLVE, request.waitFor(), now, now.plus(request.timeout()), List.of(), List.of(), 0,
                null, Poll.start(request.polling()));
    }

    @Override
    public Tick<ElbRegisterCursor> advance(ElbRegisterCursor cursor, TickContext context) {
        return switch (cursor.phase()) {
            case RESOLVE -> resolve(cursor, context);
            case PLAN -> plan(cursor, context);
            case CHANGE -> change(cursor, context);
            case WAIT -> poll(cursor, context);
            case REVERT -> throw new IllegalStateException("a revert runs on the abort path only");
        };
    }

    // ---- RESOLVE ----

    private Tick<ElbRegisterCursor> resolve(ElbRegisterCursor cursor, TickContext context) {
        List<Target> targets = request.targets();
        if (request.autoScalingGroup() != null) {
            targets = GroupInstances.inService(context.aws(), request.autoScalingGroup());
            context.progress().report("PLAN", request.autoScalingGroup() + " has " + count(targets.size(), "InService instance")
                    + ": " + targets.stream().map(Target::id).collect(Collectors.joining(", ")));
        }
        boolean drainWait = request.action() == ElbAction.DEREGISTER && request.waitFor() == WaitFor.DRAINED;
        List<Destination> destinations = DestinationResolver.resolve(
                context.aws(), request.targetGroups(), request.loadBalancers(), drainWait);
        List<WatchedTarget> watched = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            Destination destination = destinations.get(i);
            Optional<String> mismatch = DestinationResolver.mismatch(destination, targets);
            if (mismatch.isPresent()) {
                throw new OperationFailedException(mismatch.get());
            }
            Map<String, WatchedTarget> byKey = new LinkedHashMap<>();
            for (Target target : targets) {
                String key = destination.keyOf(target);
                byKey.putIfAbsent(key, new WatchedTarget(i, target, key, false, null, false));
            }
            watched.addAll(byKey.values());
            warnIfDrainOutlastsTimeout(destination, cursor, context);
        }
        context.progress().report("PLAN", request.action().parameterValue() + " " + count(targets.size(), "target") + " "
                + request.action().preposition() + " " + destinations.stream().map(ElbRegisterOperation::described)
                        .collect(Collectors.joining(", "))
                + (request.waitFor() == WaitFor.NONE ? ", without waiting"
                        : ", then wait until " + request.waitFor().parameterValue() + " (at most "
                                + HumanDuration.of(request.timeout()) + ")"));
        return Tick.after(cursor.planned(destinations, watched), Duration.ZERO);
    }

    private static String described(Destination destination) {
        String delay = destination.deregistrationDelay() == null ? ""
                : " (deregistration delay " + HumanDuration.of(destination.deregistrationDelay()) + ")";
        return destination.described() + delay;
    }

    /** AWS may end draining early when no connections are left, so an outlasting delay is a warning, not a refusal. */
    private static void warnIfDrainOutlastsTimeout(Destination destination, ElbRegisterCursor cursor, TickContext context) {
        Duration delay = destination.deregistrationDelay();
        if (delay != null && delay.compareTo(Duration.between(context.now(), cursor.deadline())) > 0) {
            context.progress().warn("PLAN", destination.name() + " drains deregistered targets for up to "
                    + HumanDuration.of(delay) + ", longer than the step's timeout of "
                    + HumanDuration.of(Duration.between(cursor.startedAt(), cursor.deadline()))
                    + "; raise timeoutMinutes or use waitFor: 'none' if draining takes that long.");
        }
    }

    // ---- PLAN ----

    private Tick<ElbRegisterCursor> plan(ElbRegisterCursor cursor, TickContext context) {
        List<Destination> destinations = cursor.destinations();
        List<Map<String, TargetStatus>> listed = new ArrayList<>();
        List<WatchedTarget> watched = new ArrayList<>(cursor.watched());
        for (int i = 0; i < destinations.size(); i++) {
            Destination destination = destinations.get(i);
            DestinationApi api = DestinationApi.of(destination);
            Map<String, TargetStatus> now = api.describe(context.aws(), destination);
            listed.add(now);
            int index = i;
            watched.replaceAll(t -> t.destination() == index ? t.observed(now.getOrDefault(t.key(), api.notRegistered())) : t);
        }
        watched.forEach(t -> context.progress().record(TimelineEvent.state(context.now(),
                t.label() + " in " + destinations.get(t.destination()).name(), t.status().state())));
        watched = RegistrationDiff.apply(request.action(), watched);
        for (int i = 0; i < destinations.size(); i++) {
            context.progress().report("PLAN", planLine(destinations.get(i), listed.get(i), inDestination(watched, i)));
        }
        ElbRegisterCursor planned = cursor.changing(watched);
        Optional<String> refusal = guardRefusal(destinations, listed, watched);
        if (dryRun) {
            return dryRun(planned, refusal, context);
        }
        if (refusal.isPresent()) {
            // The map of a refusal shows the targets as they are: nothing changed.
            Map<String, Object> unchanged = ElbRegisterReport.result(request.action(), planned, context.now());
            unchanged.put("changed", 0);
            return Tick.failed(planned, refusal.get() + " Nothing was changed.", unchanged);
        }
        if (watched.stream().noneMatch(WatchedTarget::changed)) {
            return check(planned.waiting(context.now()), context);
        }
        return Tick.after(planned, Duration.ZERO);
    }

    /** The plan lines are printed; the guard's verdict and the map end the dry run before any change. */
    private Tick<ElbRegisterCursor> dryRun(ElbRegisterCursor planned, Optional<String> refusal, TickContext context) {
        String verdict;
        if (request.action() != ElbAction.DEREGISTER) {
            verdict = "No guard applies to a registration.";
        } else if (!request.guard().active()) {
            verdict = "No guard: neither minHealthyTargets nor minHealthyPercentage is set.";
        } else {
            verdict = refusal.orElse("The guard allows it: minHealthyTargets " + request.guard().minHealthyTargets()
                    + ", minHealthyPercentage " + request.guard().minHealthyPercentage() + " hold after the change.");
        }
        long changes = planned.watched().stream().filter(WatchedTarget::changed).count();
        context.progress().report("DRY RUN", verdict + " Would " + request.action().parameterValue() + " " + count((int) changes, "target")
                + "; nothing was changed.");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "DryRun");
        result.put("dryRun", true);
        result.putAll(ElbRegisterReport.result(request.action(), planned, context.now()));
        result.put("guard", verdict);
        result.put("guardRefuses", refusal.isPresent());
        return Tick.done(planned, result);
    }

    private static List<WatchedTarget> inDestination(List<WatchedTarget> watched, int index) {
        return watched.stream().filter(t -> t.destination() == index).toList();
    }

    /** {@code web-tg (6 targets, 5 healthy): deregister i-1:80 (healthy); already deregistered: i-2:80 (draining)}. */
    private String planLine(Destination destination, Map<String, TargetStatus> listed, List<WatchedTarget> targets) {
        long healthy = listed.values().stream().filter(s -> s.health() == Health.HEALTHY).count();
        String verb = request.action().parameterValue();
        List<String> change = targets.stream().filter(WatchedTarget::changed).map(ElbRegisterOperation::withState).toList();
        String already = inPlace(targets.stream().filter(t -> !t.changed()).toList());
        String line = destination.name() + " (" + count(listed.size(), "target") + ", " + healthy + " healthy): ";
        if (change.isEmpty()) {
            return line + "nothing to " + verb + ", already " + request.action().pastTense() + ": " + already;
        }
        return line + verb + " " + String.join(", ", change)
                + (already.isEmpty() ? "" : "; already " + request.action().pastTense() + ": " + already);
    }

    /** A few targets by name with their states; more as counts per state, so a large group stays one short line. */
    private static String inPlace(List<WatchedTarget> targets) {
        if (targets.size() <= 3) {
            return targets.stream().map(ElbRegisterOperation::withState).collect(Collectors.joining(", "));
        }
        Map<String, Long> byState = targets.stream().collect(Collectors.groupingBy(
                t -> t.status() == null ? "?" : t.status().state(), LinkedHashMap::new, Collectors.counting()));
        return count(targets.size(), "target") + " (" + byState.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
    }

    private static String withState(WatchedTarget target) {
        return target.label() + " (" + (target.status() == null ? "?" : target.status().state()) + ")";
    }

    private Optional<String> guardRefusal(
            List<Destination> destinations, List<Map<String, TargetStatus>> listed, List<WatchedTarget> watched) {
        if (request.action() != ElbAction.DEREGISTER || !request.guard().active()) {
            return Optional.empty();
        }
        for (int i = 0; i < destinations.size(); i++) {
            List<TargetStatus> leaving = inDestination(watched, i).stream().filter(WatchedTarget::changed)
                    .map(WatchedTarget::status).toList();
            if (!leaving.isEmpty()) {
                Optional<String> refusal = request.guard().refusal(destinations.get(i), listed.get(i).values(), leaving);
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
        }
        return Optional.empty();
    }

    // ---- CHANGE ----

    private Tick<ElbRegisterCursor> change(ElbRegisterCursor cursor, TickContext context) {
        int index = nextWithChanges(cursor, cursor.next());
        if (index < 0) {
            return Tick.after(cursor.waiting(context.now()), Duration.ZERO);
        }
        Destination destination = cursor.destinations().get(index);
        List<WatchedTarget> targets = cursor.changedIn(index);
        DestinationApi.of(destination).apply(request.action(), context.aws(), destination,
                targets.stream().map(WatchedTarget::target).toList());
        Duration delay = destination.deregistrationDelay();
        context.progress().report(request.action().name(), request.action().pastTense() + " " + labels(targets) + " "
                + request.action().preposition() + " " + destination.name()
                + (request.action() == ElbAction.DEREGISTER && delay != null
                        ? "; " + (targets.size() == 1 ? "it drains" : "they drain") + " for up to " + HumanDuration.of(delay)
                                + " (deregistration delay)"
                        : ""));
        return Tick.after(cursor.changedUpTo(index + 1), Duration.ZERO);
    }

    private static int nextWithChanges(ElbRegisterCursor cursor, int from) {
        for (int i = from; i < cursor.destinations().size(); i++) {
            if (!cursor.changedIn(i).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    // ---- WAIT ----

    private Tick<ElbRegisterCursor> poll(ElbRegisterCursor cursor, TickContext context) {
        Duration waited = Duration.between(cursor.waitStartedAt(), context.now());
        List<WatchedTarget> watched = new ArrayList<>(cursor.watched());
        for (int i = 0; i < cursor.destinations().size(); i++) {
            Destination destination = cursor.destinations().get(i);
            DestinationApi api = DestinationApi.of(destination);
            Map<String, TargetStatus> listed = api.describe(context.aws(), destination);
            Map<String, List<String>> changes = new LinkedHashMap<>();
            for (int t = 0; t < watched.size(); t++) {
                WatchedTarget target = watched.get(t);
                if (target.destination() == i) {
                    TargetStatus now = listed.getOrDefault(target.key(), api.notRegistered());
                    StateChange.transition(target.status(), now, waited).ifPresent(change -> changes
                            .computeIfAbsent(change + drainNote(destination, target, now, cursor), k -> new ArrayList<>())
                            .add(target.label()));
                    watched.set(t, target.observed(now));
                    context.progress().record(TimelineEvent.state(context.now(), target.label() + " in " + destination.name(), now.state()));
                }
            }
            String phase = request.action() == ElbAction.REGISTER ? "HEALTH" : "DRAIN";
            changes.forEach((change, labels) ->
                    context.progress().report(phase, destination.name() + " " + String.join(", ", labels) + " " + change));
        }
        String observation = watched.stream().map(t -> t.key() + "=" + t.status().state() + "/" + t.status().reason())
                .collect(Collectors.joining(","));
        return check(cursor.observed(watched, cursor.poll().observe(observation)), context);
    }

    /** For a target this step deregistered, as it starts draining: the delay it waits out, and until when. */
    private static String drainNote(Destination destination, WatchedTarget target, TargetStatus now, ElbRegisterCursor cursor) {
        Duration delay = destination.deregistrationDelay();
        boolean startsDraining = now.health() == Health.DRAINING
                && (target.status() == null || target.status().health() != Health.DRAINING);
        if (!startsDraining || delay == null || !target.changed()) {
            return "";
        }
        Instant until = cursor.waitStartedAt().plus(delay).truncatedTo(ChronoUnit.SECONDS);
        return "; waiting out the " + HumanDuration.of(delay) + " deregistration delay, until " + until;
    }

    /** Decides after a look: done, failed (one sentence naming each failed target), or when to look again. */
    private Tick<ElbRegisterCursor> check(ElbRegisterCursor cursor, TickContext context) {
        Duration waited = Duration.between(cursor.waitStartedAt(), context.now());
        List<String> failures = cursor.watched().stream()
                .filter(t -> TargetVerdict.of(request.waitFor(), t) == TargetVerdict.FAILED)
                .map(t -> TargetVerdict.failure(cursor.where(t), t.status(), waited))
                .toList();
        if (!failures.isEmpty()) {
            throw new OperationFailedException(String.join("; ", failures) + ".");
        }
        boolean done = cursor.watched().stream().allMatch(t -> TargetVerdict.of(request.waitFor(), t) == TargetVerdict.DONE);
        if (done) {
            context.progress().report("DONE", doneLine(cursor, context.now()));
            return Tick.done(cursor, ElbRegisterReport.result(request.action(), cursor, context.now()));
        }
        return Tick.after(cursor, nextDelay(cursor, context));
    }

    private String doneLine(ElbRegisterCursor cursor, Instant now) {
        long changed = cursor.watched().stream().filter(WatchedTarget::changed).count();
        String state = switch (request.waitFor()) {
            case HEALTHY -> "healthy";
            case DRAINED -> "drained";
            case NONE -> request.action().pastTense();
        };
        return count(cursor.watched().size(), "target") + " " + state + " (" + changed + " changed by this step) after "
                + HumanDuration.of(Duration.between(cursor.startedAt(), now));
    }

    /**
     * The adaptive poll delay, but not past the end of a known deregistration delay (draining then usually ends) nor
     * past the deadline (so a timeout is reported on time).
     */
    private static Duration nextDelay(ElbRegisterCursor cursor, TickContext context) {
        Duration delay = cursor.poll().nextDelay(context.random());
        Instant now = context.now();
        for (WatchedTarget target : cursor.watched()) {
            Duration drain = cursor.destinations().get(target.destination()).deregistrationDelay();
            if (target.changed() && drain != null && target.status() != null && target.status().health() == Health.DRAINING) {
                Duration untilDrained = Duration.between(now, cursor.waitStartedAt().plus(drain).plusSeconds(1));
                if (!untilDrained.isNegative() && untilDrained.compareTo(delay) < 0) {
                    delay = untilDrained;
                }
            }
        }
        // Just past the deadline, so that the timeout is reported when it is due.
        Duration untilDeadline = Duration.between(now, cursor.deadline().plusMillis(1));
        return untilDeadline.compareTo(delay) < 0 ? (untilDeadline.isNegative() ? Duration.ZERO : untilDeadline) : delay;
    }

    // ---- abort ----

    @Override
    public Tick<ElbRegisterCursor> abort(ElbRegisterCursor cursor, AbortReason reason, TickContext context) {
        if (cursor.phase() != Phase.REVERT) {
            if (!cursor.mayHaveChanged()) {
                return Tick.done(cursor, Map.of());
            }
            if (request.onAbort() == OnAbort.LEAVE) {
                return Tick.failed(cursor, "Left as they are (onAbort: 'leave'): " + summary(cursor, request.action()) + ".", null);
            }
            cursor = cursor.reverting(context.now().plus(CLEANUP_TIMEOUT));
        }
        int index = nextWithChanges(cursor, cursor.next());
        if (index < 0) {
            return Tick.failed(cursor, "Reverted: " + summary(cursor, request.action().inverse()) + ".", null);
        }
        Destination destination = cursor.destinations().get(index);
        List<WatchedTarget> targets = cursor.changedIn(index);
        ElbAction undo = request.action().inverse();
        DestinationApi.of(destination).apply(undo, context.aws(), destination, targets.stream().map(WatchedTarget::target).toList());
        context.progress().report("REVERT", undo.pastTense() + " " + labels(targets) + " " + undo.preposition() + " "
                + destination.name() + (undo == ElbAction.REGISTER ? " again" : ""));
        return Tick.after(cursor.changedUpTo(index + 1), Duration.ZERO);
    }

    /** {@code deregistered i-1:80 from web-tg; deregistered i-1 from web-elb}. */
    private static String summary(ElbRegisterCursor cursor, ElbAction action) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cursor.destinations().size(); i++) {
            List<WatchedTarget> targets = cursor.changedIn(i);
            if (!targets.isEmpty()) {
                parts.add(action.pastTense() + " " + labels(targets) + " " + action.preposition() + " "
                        + cursor.destinations().get(i).name());
            }
        }
        return String.join("; ", parts);
    }

    // ---- helpers ----

    private static String labels(List<WatchedTarget> targets) {
        return targets.stream().map(WatchedTarget::label).collect(Collectors.joining(", "));
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** {@code web-tg} for {@code arn:aws:elasticloadbalancing:...:targetgroup/web-tg/0123456789abcdef}. */
    static String shortName(String targetGroup) {
        int start = targetGroup.indexOf(":targetgroup/");
        if (start < 0) {
            return targetGroup;
        }
        String rest = targetGroup.substring(start + ":targetgroup/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
