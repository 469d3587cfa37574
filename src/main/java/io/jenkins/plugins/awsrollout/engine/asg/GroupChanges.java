package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.engine.aws.PacedService;
import io.jenkins.plugins.awsrollout.engine.aws.Pacer;
import io.jenkins.plugins.awsrollout.engine.aws.TokenBucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplate;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;

/**
 * The Auto Scaling mutations of a rollout. Each is idempotent: absolute values (a version, a size), processes
 * (suspending a suspended one is a no-op), or instances checked against a fresh read before the call.
 */
final class GroupChanges {

    /** Terminations per tick, so that one tick stays a bounded piece of work on large batches. */
    static final int TERMINATIONS_PER_TICK = 50;

    /**
     * Terminations AWS may refuse in a row for throttling before a round stops: a few refusals are chance, and the
     * round goes on with the next instances; more say AWS wants fewer calls.
     */
    static final int HELD_BACK_IN_A_ROW = 5;

    /**
     * What one round of terminations did.
     *
     * @param asked the instances Auto Scaling was asked to terminate (or that had already left the group)
     * @param heldBack the throttling (or transient) error that held some back, or null when none was
     * @param next when to ask for the rest (the controller's pace had no permit for them, or AWS held them back), or
     *     null when none is left
     */
    record Terminations(List<String> asked, @CheckForNull RuntimeException heldBack, @CheckForNull Instant next, Set<String> settled) {

        Terminations {
            asked = List.copyOf(asked);
            settled = Set.copyOf(settled);
        }

        Terminations(List<String> asked, @CheckForNull RuntimeException heldBack, @CheckForNull Instant next) {
            this(asked, heldBack, next, Set.of());
        }

        /**
         * What of {@code decrementById} this round left for the next: neither asked for nor found gone already
         * ({@code settled}); empty when it left nothing.
         */
        Map<String, Boolean> left(Map<String, Boolean> decrementById) {
            if (next == null) {
                return Map.of();
            }
            Map<String, Boolean> left = new java.util.LinkedHashMap<>(decrementById);
            asked.forEach(left::remove);
            settled.forEach(left::remove);
            return left;
        }
    }

    private GroupChanges() {}

    /** The configuration a group launches from, at {@code version}: its launch template, or its mixed instances policy. */
    static LaunchTemplateSpecification spec(LaunchTemplateRef template, String version) {
        LaunchTemplateSpecification.Builder spec = LaunchTemplateSpecification.builder().version(version);
        if (template.id() != null) {
            spec.launchTemplateId(template.id());
        } else {
            spec.launchTemplateName(template.name());
        }
        return spec.build();
    }

    /** The group's mixed instances policy with its launch template at {@code version}, overrides and distribution kept. */
    static MixedInstancesPolicy policyAt(AutoScalingGroup group, LaunchTemplateRef template, String version) {
        MixedInstancesPolicy current = group.mixedInstancesPolicy();
        LaunchTemplate launchTemplate = current.launchTemplate();
        return current.toBuilder()
                .launchTemplate(launchTemplate.toBuilder().launchTemplateSpecification(spec(template, version)).build())
                .build();
    }

    /**
     * Points the group at {@code version} (through its mixed instances policy when it has one) and applies the sizes
     * given; null sizes are left as they are.
     */
    static void update(AwsSession aws, AutoScalingGroup group, @CheckForNull LaunchTemplateRef template, @CheckForNull String version,
            @CheckForNull Integer minSize, @CheckForNull Integer maxSize, @CheckForNull Integer desired) {
        UpdateAutoScalingGroupRequest.Builder request = UpdateAutoScalingGroupRequest.builder()
                .autoScalingGroupName(group.autoScalingGroupName()).overrideConfiguration(Pacer.ENGINE_RETRIES);
        if (template != null && version != null) {
            if (group.mixedInstancesPolicy() != null) {
                request.mixedInstancesPolicy(policyAt(group, template, version));
            } else {
                request.launchTemplate(spec(template, version));
            }
        }
        request.minSize(minSize).maxSize(maxSize).desiredCapacity(desired);
        pacer(aws).write(() -> aws.autoScaling().updateAutoScalingGroup(request.build()));
    }

    static void suspend(AwsSession aws, String group, List<String> processes) {
        if (!processes.isEmpty()) {
            pacer(aws).write(() -> aws.autoScaling().suspendProcesses(r -> r.autoScalingGroupName(group).scalingProcesses(processes)
                    .overrideConfiguration(Pacer.ENGINE_RETRIES)));
        }
    }

    static void resume(AwsSession aws, String group, List<String> processes) {
        if (!processes.isEmpty()) {
            pacer(aws).write(() -> aws.autoScaling().resumeProcesses(r -> r.autoScalingGroupName(group).scalingProcesses(processes)
                    .overrideConfiguration(Pacer.ENGINE_RETRIES)));
        }
    }

    static void setDesired(AwsSession aws, String group, int desired) {
        pacer(aws).write(() -> aws.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(group).desiredCapacity(desired)
                .honorCooldown(false).overrideConfiguration(Pacer.ENGINE_RETRIES)));
    }

    /** The controller's pace for Auto Scaling calls in the session's Region. */
    static Pacer pacer(AwsSession aws) {
        return aws.pacer(PacedService.AUTO_SCALING);
    }

    /**
     * Terminates those instances of {@code decrementById} (id to whether the desired capacity goes down with it, in
     * order) still in the group and not already leaving it, with at most {@link #TERMINATIONS_PER_TICK} calls and no
     * more than the controller's pace for Auto Scaling grants now ({@link Pacer}): Auto Scaling has no call that
     * terminates several instances through the group (and so through its termination lifecycle hooks). An instance
     * that left meanwhile is not an error. A call AWS refuses for throttling is held back for a later round instead
     * of failing this one, so the terminations that got through are kept (the SDK does not retry them: the engine
     * does, on its clock); a round stops after {@link #HELD_BACK_IN_A_ROW} refusals in a row. Any other error fails
     * the round.
     */
    static Terminations terminate(AwsSession aws, Fleet fleet, Map<String, Boolean> decrementById) {
        Set<String> present = new HashSet<>();
        fleet.present(new HashSet<>(decrementById.keySet())).forEach(m -> present.add(m.id()));
        return terminate(aws, decrementById, present);
    }

    /**
     * The same, for the first {@link #TERMINATIONS_PER_TICK} instances of {@code decrementById} that one
     * DescribeAutoScalingInstances says are still in {@code group} and not leaving it: a round that goes on from the
     * round before without reading the whole group and its load balancers again (under throttling, one read that must
     * get through instead of two). The instances after those are for the next round, at once.
     */
    static Terminations terminateRest(AwsSession aws, String group, Map<String, Boolean> decrementById) {
        List<String> ids = new ArrayList<>(decrementById.keySet());
        List<String> chunk = ids.subList(0, Math.min(ids.size(), TERMINATIONS_PER_TICK));
        Set<String> present = new HashSet<>();
        pacer(aws).read(() -> aws.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(chunk)
                        .overrideConfiguration(Pacer.ENGINE_RETRIES)))
                .autoScalingInstances().stream()
                .filter(i -> group.equals(i.autoScalingGroupName()) && !FleetMember.leaving(i.lifecycleState()))
                .forEach(i -> present.add(i.instanceId()));
        Map<String, Boolean> first = new java.util.LinkedHashMap<>();
        chunk.forEach(id -> first.put(id, decrementById.get(id)));
        Terminations round = terminate(aws, first, present);
        Set<String> gone = new HashSet<>(chunk);
        gone.removeAll(present);
        Instant next = round.next() == null && ids.size() > chunk.size() ? pacer(aws).now() : round.next();
        return new Terminations(round.asked(), round.heldBack(), next, gone);
    }

    private static Terminations terminate(AwsSession aws, Map<String, Boolean> decrementById, Set<String> present) {
        List<String> todo = decrementById.keySet().stream().filter(present::contains).toList();
        if (todo.isEmpty()) {
            return new Terminations(List.of(), null, null);
        }
        Pacer pacer = pacer(aws);
        TokenBucket.Grant grant = pacer.take(Math.min(todo.size(), TERMINATIONS_PER_TICK));
        List<String> asked = new ArrayList<>();
        RuntimeException heldBack = null;
        Instant refusedUntil = null;
        int calls = 0;
        int refusedInARow = 0;
        for (String id : todo) {
            if (calls >= grant.granted() || refusedInARow >= HELD_BACK_IN_A_ROW) {
                break;
            }
            calls++;
            try {
                aws.autoScaling().terminateInstanceInAutoScalingGroup(r -> r.instanceId(id)
                        .shouldDecrementDesiredCapacity(decrementById.get(id)).overrideConfiguration(Pacer.ENGINE_RETRIES));
                pacer.succeeded();
            } catch (AwsServiceException e) {
                if (!gone(e)) {
                    if (!AwsFailure.of(e).retryable()) {
                        throw e;
                    }
                    heldBack = e;
                    refusedUntil = Pacer.throttling(e) ? pacer.refusedAmong() : null;
                    refusedInARow++;
                    continue;
                }
            } catch (RuntimeException e) {
                if (!AwsFailure.of(e).retryable()) {
                    throw e;
                }
                heldBack = e;
                refusedInARow++;
                continue;
            }
            refusedInARow = 0;
            asked.add(id);
        }
        pacer.giveBack(grant.granted() - calls);
        if (asked.size() >= todo.size()) {
            return new Terminations(asked, heldBack, null);
        }
        Instant next = later(grant.retryAt(), refusedUntil);
        return new Terminations(asked, heldBack, next != null ? next : pacer.now());
    }

    private static @CheckForNull Instant later(@CheckForNull Instant a, @CheckForNull Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isAfter(b) ? a : b;
    }

    /** Whether AWS refused because the instance is no longer in a group (it left between the read and the call). */
    private static boolean gone(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return e.statusCode() == 400 && (message.contains("not found") || message.contains("not part of")
                || message.contains("Terminating") || message.contains("terminated"));
    }
}
