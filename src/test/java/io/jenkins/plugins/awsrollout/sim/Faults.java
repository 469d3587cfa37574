package io.jenkins.plugins.awsrollout.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Faults as data. Rates draw from one seeded {@link Random}, so a run with the same calls in the
 * same order fails the same calls.
 */
public final class Faults {
    private static final String ALL = "*";

    private final Cloud cloud;
    private Random random;
    private final Map<String, Double> throttleRates = new HashMap<>();
    private final Map<String, Integer> throttleNext = new HashMap<>();
    private final Map<String, Double> serverErrorRates = new HashMap<>();
    private int launchFailures;

    /** What to do with one call. */
    enum Decision { NONE, THROTTLE, SERVER_ERROR }

    Faults(Cloud cloud, long seed) {
        this.cloud = cloud;
        this.random = new Random(seed);
    }

    /** Restarts the random sequence from {@code seed}. */
    public synchronized Faults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Throttles this share (0..1) of the calls of {@code action}. */
    public synchronized Faults throttle(String action, double rate) {
        throttleRates.put(action, rate);
        return this;
    }

    /** Throttles this share (0..1) of all calls. */
    public synchronized Faults throttleAll(double rate) {
        return throttle(ALL, rate);
    }

    /** Throttles exactly the next {@code count} calls of {@code action} (deterministic, no random draw). */
    public synchronized Faults throttleNext(String action, int count) {
        throttleNext.put(action, count);
        return this;
    }

    /** Fails this share (0..1) of the calls of {@code action} with the service's 5xx error. */
    public synchronized Faults serverErrors(String action, double rate) {
        serverErrorRates.put(action, rate);
        return this;
    }

    /** Fails this share (0..1) of all calls with the service's 5xx error. */
    public synchronized Faults serverErrorsAll(double rate) {
        return serverErrors(ALL, rate);
    }

    /**
     * Makes the next {@code count} instance launches fail: RunInstances answers
     * {@code InsufficientInstanceCapacity}, and an Auto Scaling group records a failed scaling
     * activity with the same message and retries later.
     */
    public synchronized Faults failLaunches(int count) {
        launchFailures = count;
        return this;
    }

    /** Instances launched from this AMI (from now on, and those running now) never pass health checks. */
    public Faults unhealthyAmi(String amiId) {
        cloud.markImageUnhealthy(amiId, true);
        return this;
    }

    /** This instance fails its health checks from now on: target groups, classic ELBs and EC2 status checks. */
    public Faults markUnhealthy(String instanceId) {
        cloud.markInstanceUnhealthy(instanceId, true);
        return this;
    }

    /** Undoes {@link #markUnhealthy}. */
    public Faults markHealthy(String instanceId) {
        cloud.markInstanceUnhealthy(instanceId, false);
        return this;
    }

    /** Removes all rates, pending launch failures and failing hooks (unhealthy AMIs and instances stay). */
    public synchronized Faults clear() {
        throttleRates.clear();
        throttleNext.clear();
        serverErrorRates.clear();
        launchFailures = 0;
        hookFailures.clear();
        return this;
    }

    synchronized Decision decide(String action) {
        Integer next = throttleNext.get(action);
        if (next != null && next > 0) {
            throttleNext.put(action, next - 1);
            return Decision.THROTTLE;
        }
        double throttle = throttleRates.getOrDefault(action, throttleRates.getOrDefault(ALL, 0.0));
        if (throttle > 0 && random.nextDouble() < throttle) {
            return Decision.THROTTLE;
        }
        double server = serverErrorRates.getOrDefault(action, serverErrorRates.getOrDefault(ALL, 0.0));
        if (server > 0 && random.nextDouble() < server) {
            return Decision.SERVER_ERROR;
        }
        return Decision.NONE;
    }

    /** Consumes one pending launch failure; true when this launch must fail. */
    public synchronized boolean takeLaunchFailure() {
        if (launchFailures > 0) {
            launchFailures--;
            return true;
        }
        return false;
    }

    // ---- CodeDeploy (read by sim/codedeploy) ----

    private final Map<String, Integer> hookFailures = new HashMap<>();

    private static String hookKey(String application, String deploymentGroup, String lifecycleEvent) {
        return application + "/" + deploymentGroup + "/" + lifecycleEvent;
    }

    /**
     * Fails lifecycle event {@code lifecycleEvent} (e.g. {@code ValidateService}) on every instance
     * of every deployment to this deployment group from now on, with a ScriptFailed diagnostic.
     */
    public synchronized Faults failHook(String application, String deploymentGroup, String lifecycleEvent) {
        return failHook(application, deploymentGroup, lifecycleEvent, Integer.MAX_VALUE);
    }

    /** Fails {@code lifecycleEvent} on the next {@code instances} instances of this deployment group that run it. */
    public synchronized Faults failHook(String application, String deploymentGroup, String lifecycleEvent, int instances) {
        hookFailures.put(hookKey(application, deploymentGroup, lifecycleEvent), instances);
        return this;
    }

    /** Consumes one injected hook failure; true when this run of the event must fail. */
    public synchronized boolean takeHookFailure(String application, String deploymentGroup, String lifecycleEvent) {
        String key = hookKey(application, deploymentGroup, lifecycleEvent);
        Integer left = hookFailures.get(key);
        if (left == null || left <= 0) {
            return false;
        }
        if (left != Integer.MAX_VALUE) {
            hookFailures.put(key, left - 1);
        }
        return true;
    }
}
