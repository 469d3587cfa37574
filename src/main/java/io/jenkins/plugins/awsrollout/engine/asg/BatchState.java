package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of a rolling replacement in flight: the instances chosen (saved before anything is done to them) and
 * the step reached. Every step re-reads the group first and acts only on what still needs it, so a step replayed
 * after a restart neither repeats nor skips anything.
 *
 * @param number the batch number, from 1
 * @param replaceFirst instances taken out of service first and replaced by the group
 * @param withoutReplacement instances taken out of service first and not replaced
 * @param retireAfter instances retired once their replacements (launched first) are healthy
 * @param standbyToTerminate out-of-date Standby instances to terminate
 * @param desiredDuring the desired capacity while the batch runs (raised for instances launched first)
 * @param desiredAfter the desired capacity once the batch is done
 * @param expectedOnTarget how many healthy in-service instances on the target configuration the batch waits for
 * @param step the step reached
 * @param until the end of a timed wait in this step (draining, warm-up), or null
 * @param healthDeadline when new instances must be healthy, or null before the launches
 * @param deregistered the ids this batch took out of its load balancers
 * @param terminated the ids this batch asked Auto Scaling to terminate
 * @param watching new instances seen but not healthy yet, with how they looked the last time
 * @param failedLaunches new instances that left the group before they were ever healthy, with how they looked last
 * @param lastComing when a poll last saw the new instances still coming (not all healthy yet), or null
 */
public record BatchState(
        int number,
        List<String> replaceFirst,
        List<String> withoutReplacement,
        List<String> retireAfter,
        List<String> standbyToTerminate,
        int desiredDuring,
        int desiredAfter,
        int expectedOnTarget,
        Step step,
        @CheckForNull Instant until,
        @CheckForNull Instant healthDeadline,
        List<String> deregistered,
        List<String> terminated,
        Map<String, String> watching,
        Map<String, String> failedLaunches,
        @CheckForNull Instant lastComing)
        implements Serializable {

    /** The steps of a batch, in order; steps with nothing to do are passed over. */
    public enum Step {
        /** Raise the desired capacity for the instances launched first. */
        SURGE,
        /**
         * Deregister the instances leaving first from every load balancer. Only a batch saved by an earlier version is
         * still here: Auto Scaling now deregisters and drains on termination, so SURGE goes on to TERMINATE_FIRST.
         */
        DEREGISTER_FIRST,
        /** Wait for their connections to drain (a batch saved by an earlier version only). */
        DRAIN_FIRST,
        /**
         * Terminate them (and the out-of-date Standby instances) through Auto Scaling, which drains them while they are
         * Terminating: their replacements launch at once.
         */
        TERMINATE_FIRST,
        /** Wait for the new instances to be in service and healthy in every load balancer. */
        AWAIT_HEALTHY,
        /** Let them warm up, then check they are still healthy. */
        WARMUP,
        /** Deregister the instances retired after their replacements (a batch saved by an earlier version only). */
        DEREGISTER_RETIRE,
        /** Wait for them to drain (a batch saved by an earlier version only). */
        DRAIN_RETIRE,
        /**
         * Terminate the retired instances, bringing the desired capacity back; they drain while Terminating and the next
         * batch may launch meanwhile.
         */
        TERMINATE_RETIRE,
        /** Nothing left to do in this batch. */
        DONE
    }

    public BatchState {
        replaceFirst = List.copyOf(replaceFirst);
        withoutReplacement = List.copyOf(withoutReplacement);
        retireAfter = List.copyOf(retireAfter);
        standbyToTerminate = List.copyOf(standbyToTerminate);
        deregistered = List.copyOf(deregistered);
        terminated = List.copyOf(terminated);
        watching = Map.copyOf(watching);
        // In the order they failed: the failure sentence names the first.
        failedLaunches = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failedLaunches));
    }

    public static BatchState of(int number, BatchPlanner.Batch batch, int desired, int desiredAfter, int expectedOnTarget) {
        return new BatchState(number, batch.replaceFirst(), batch.withoutReplacement(), batch.retireAfter(),
                batch.standbyToTerminate(), desired + batch.retireAfter().size(), desiredAfter, expectedOnTarget, Step.SURGE, null,
                null, List.of(), List.of(), Map.of(), Map.of(), null);
    }

    /** The instances that leave before new ones are healthy. */
    public List<String> leavingFirst() {
        List<String> ids = new ArrayList<>(withoutReplacement);
        ids.addAll(replaceFirst);
        return ids;
    }

    /** Every out-of-date instance of the batch (the ones it replaces or removes). */
    public List<String> all() {
        List<String> ids = leavingFirst();
        ids.addAll(retireAfter);
        ids.addAll(standbyToTerminate);
        return ids;
    }

    public int size() {
        return all().size();
    }

    public int launches() {
        return replaceFirst.size() + retireAfter.size();
    }

    public BatchState at(Step next) {
        return new BatchState(number, replaceFirst, withoutReplacement, retireAfter, standbyToTerminate, desiredDuring, desiredAfter,
                expectedOnTarget, next, null, healthDeadline, deregistered, terminated, watching, failedLaunches, lastComing);
    }

    public BatchState until(Instant end) {
        return new BatchState(number, replaceFirst, withoutReplacement, retireAfter, standbyToTerminate, desiredDuring, desiredAfter,
                expectedOnTarget, step, end, healthDeadline, deregistered, terminated, watching, failedLaunches, lastComing);
    }

    public BatchState withHealthDeadline(Instant deadline) {
        return new BatchState(number, replaceFirst, withoutReplacement, retireAfter, standbyToTerminate, desiredDuring, desiredAfter,
                expectedOnTarget, step, until, deadline, deregistered, terminated, watching, failedLaunches, lastComing);
    }

    /** What a poll of the new instances saw: those still coming, and those that left before they were ever healthy. */
    public BatchState watched(Map<String, String> nowWatching, Map<String, String> nowFailed) {
        Map<String, String> failed = new LinkedHashMap<>(failedLaunches);
        failed.putAll(nowFailed);
        return new BatchState(number, replaceFirst, withoutReplacement, retireAfter, standbyToTerminate, desiredDuring, desiredAfter,
                expectedOnTarget, step, until, healthDeadline, deregistered, terminated, nowWatching, failed, lastComing);
    }

    /** A poll at {@code at} saw the new instances still coming. */
    public BatchState comingAt(Instant at) {
        return new BatchState(number, replaceFirst, withoutReplacement, retireAfter, standbyToTerminate, desiredDuring, desiredAfter,
                expectedOnTarget, step, until, healthDeadline, deregistered, terminated, watching, failedLaunches, at);
    }

    public BatchState withDeregistered(List<String> ids) {
        List<String> all = new ArrayList<>(deregistered);
        ids.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return new BatchState(number, replaceFirst, withoutReplacement, retireAfter, standbyToTerminate, desiredDuring, desiredAfter,
                expectedOnTarget, step, until, healthDeadline, all, terminated, watching, failedLaunches, lastComing);
    }

    public BatchState withTerminated(List<String> ids) {
        List<String> all = new ArrayList<>(terminated);
        ids.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return new BatchState(number, replaceFirst, withoutReplacement, retireAfter, standbyToTerminate, desiredDuring, desiredAfter,
                expectedOnTarget, step, until, healthDeadline, deregistered, all, watching, failedLaunches, lastComing);
    }
}
