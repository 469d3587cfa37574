package io.jenkins.plugins.awsrollout.engine.asg;

import java.io.Serializable;
import java.util.Optional;

/**
 * The capacity bounds of a rollout, from the desired capacity and the two percentages, rounded the way Instance
 * Refresh rounds them: the floor ({@code minHealthyPercentage}, rounded up) is the least number of healthy
 * in-service instances at any moment; the ceiling ({@code maxHealthyPercentage}, rounded down, never below the
 * desired capacity) is the most instances in service at once, so {@code ceiling - desired} instances may be
 * launched before any old one leaves.
 *
 * @param desired the desired capacity the rollout keeps
 * @param floor the least healthy in-service instances
 * @param ceiling the most in-service instances
 * @param minHealthyPercentage the percentage the floor came from
 * @param maxHealthyPercentage the percentage the ceiling came from (for an automatic ceiling, the one that gives it)
 * @param automaticCeiling whether the ceiling is the automatic one ({@code maxHealthyPercentage} not given)
 */
public record CapacityLimits(int desired, int floor, int ceiling, int minHealthyPercentage, int maxHealthyPercentage,
        boolean automaticCeiling) implements Serializable {

    /** The share of the desired capacity the automatic ceiling adds (rounded up, at least one instance). */
    static final int AUTOMATIC_SURGE_PERCENTAGE = 25;

    /**
     * @param maxHealthyPercentage the ceiling's percentage, or {@link AsgRolloutRequest#AUTOMATIC_MAX_HEALTHY_PERCENTAGE}
     *     for {@link #automaticCeiling}; the limits then carry the percentage that gives that ceiling to an instance refresh
     */
    public static CapacityLimits of(int desired, int minHealthyPercentage, int maxHealthyPercentage) {
        int floor = (int) Math.ceil(desired * minHealthyPercentage / 100.0);
        if (maxHealthyPercentage == AsgRolloutRequest.AUTOMATIC_MAX_HEALTHY_PERCENTAGE) {
            int percentage = automaticPercentage(desired, minHealthyPercentage);
            int ceiling = Math.max(desired, (int) Math.floor(desired * percentage / 100.0));
            return new CapacityLimits(desired, floor, ceiling, minHealthyPercentage, percentage, true);
        }
        int ceiling = Math.max(desired, (int) Math.floor(desired * maxHealthyPercentage / 100.0));
        return new CapacityLimits(desired, floor, ceiling, minHealthyPercentage, maxHealthyPercentage, false);
    }

    /**
     * The whole percentage an instance refresh gets for the automatic ceiling (AWS takes a percentage and rounds the
     * ceiling down): the one that gives exactly {@link #automaticCeiling} when there is one, else the largest below it
     * (never more instances than the maximum size is raised to); at most 200 and at most 100 above the minimum.
     */
    static int automaticPercentage(int desired, int minHealthyPercentage) {
        if (desired == 0) {
            return 100;
        }
        int ceiling = automaticCeiling(desired);
        int up = (int) Math.ceil(ceiling * 100.0 / desired);
        int percentage = (int) Math.floor(desired * up / 100.0) == ceiling || (int) Math.floor(desired * (up - 1) / 100.0) <= desired
                ? up : up - 1;
        return Math.min(Math.min(200, minHealthyPercentage + 100), percentage);
    }

    /**
     * The ceiling when none is given: the desired capacity plus a quarter of it, rounded up, at least one instance (as
     * Kubernetes rounds a Deployment's {@code maxSurge} of 25%): 1 -> 2, 6 -> 8, 100 -> 125; an empty group stays empty.
     */
    public static int automaticCeiling(int desired) {
        return desired == 0 ? 0 : desired + Math.max(1, (int) Math.ceil(desired * AUTOMATIC_SURGE_PERCENTAGE / 100.0));
    }

    /** How many instances may be launched before old ones leave. */
    public int surge() {
        return ceiling - desired;
    }

    /** How many healthy instances may be out of service at once. */
    public int slack() {
        return desired - floor;
    }

    /**
     * Why no instance could ever be replaced without going under the floor, or empty when a rollout can progress.
     * An empty group has nothing to replace and always passes.
     */
    public Optional<String> deadlock(String group) {
        if (desired == 0 || surge() + slack() > 0) {
            return Optional.empty();
        }
        int neededMax = (int) Math.ceil((desired + 1) * 100.0 / desired);
        int neededMin = (int) Math.floor((desired - 1) * 100.0 / desired);
        return Optional.of("Keeping " + floor + " of " + desired + " instances of " + group + " healthy (minHealthyPercentage "
                + minHealthyPercentage + ") with at most " + ceiling + " in service (maxHealthyPercentage " + maxHealthyPercentage
                + ") leaves no room to replace any instance: set maxHealthyPercentage to at least " + neededMax
                + " to launch new instances first, or minHealthyPercentage to at most " + neededMin + ".");
    }

    @Override
    public String toString() {
        return "floor " + floor + " of " + desired + ", at most " + ceiling + " in service"
                + (automaticCeiling && desired > 0 ? ", an automatic ceiling of " + desired + " + " + (ceiling - desired) : "");
    }
}
