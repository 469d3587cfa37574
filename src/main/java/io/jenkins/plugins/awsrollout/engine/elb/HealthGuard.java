package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.elb.TargetStatus.Health;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The traffic guard of a deregistration: it may not leave a target group (or classic load balancer) with fewer
 * healthy targets than {@code minHealthyTargets}, nor with fewer than {@code minHealthyPercentage} percent of its
 * registered targets healthy. Registered means listed and not already draining; the percentage is of the targets
 * registered <em>before</em> the deregistration, rounded up, so that taking 1 of 4 out at 75% is allowed and 2 of 4
 * is not.
 *
 * @param minHealthyTargets the floor in targets (0: none)
 * @param minHealthyPercentage the floor in percent of the registered targets (0: none)
 */
public record HealthGuard(int minHealthyTargets, int minHealthyPercentage) implements Serializable {

    public static final HealthGuard NONE = new HealthGuard(0, 0);

    public boolean active() {
        return minHealthyTargets > 0 || minHealthyPercentage > 0;
    }

    /**
     * Why deregistering would break the guard, or empty when it would not.
     *
     * @param destination where the targets leave from
     * @param everyTarget the health of every target the destination lists now, ours included
     * @param leaving the health of the targets this step is about to deregister there
     */
    public Optional<String> refusal(Destination destination, Collection<TargetStatus> everyTarget,
            Collection<TargetStatus> leaving) {
        long registered = everyTarget.stream().filter(HealthGuard::registered).count();
        long healthy = everyTarget.stream().filter(s -> s.health() == Health.HEALTHY).count();
        long healthyLeaving = leaving.stream().filter(s -> s.health() == Health.HEALTHY).count();
        long remaining = healthy - healthyLeaving;
        long byPercentage = (registered * minHealthyPercentage + 99) / 100;
        List<String> broken = new ArrayList<>();
        if (remaining < minHealthyTargets) {
            broken.add("minHealthyTargets " + minHealthyTargets);
        }
        if (remaining < byPercentage) {
            broken.add("minHealthyPercentage " + minHealthyPercentage + " (" + byPercentage + " of " + registered + ")");
        }
        if (broken.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Refusing to deregister " + leaving.size() + " target" + plural(leaving.size()) + " from "
                + destination.described() + ": it has " + healthy + " healthy target" + plural(healthy) + " of " + registered
                + " registered, and taking out " + healthyLeaving + " healthy one" + plural(healthyLeaving) + " would leave "
                + remaining + ", fewer than " + String.join(" and ", broken) + ".");
    }

    private static boolean registered(TargetStatus status) {
        return status.health() != Health.DRAINING && status.health() != Health.NOT_REGISTERED;
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }
}
