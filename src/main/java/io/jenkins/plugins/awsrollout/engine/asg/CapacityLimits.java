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
 * @param maxHealthyPercentage the percentage the ceiling came from
 */
public record CapacityLimits(int desired, int floor, int ceiling, int minHealthyPercentage, int maxHealthyPercentage)
        implements Serializable {

    public static CapacityLimits of(int desired, int minHealthyPercentage, int maxHealthyPercentage) {
        int floor = (int) Math.ceil(desired * minHealthyPercentage / 100.0);
        int ceiling = Math.max(desired, (int) Math.floor(desired * maxHealthyPercentage / 100.0));
        return new CapacityLimits(desired, floor, ceiling, minHealthyPercentage, maxHealthyPercentage);
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
        return "floor " + floor + " of " + desired + ", at most " + ceiling + " in service";
    }
}
