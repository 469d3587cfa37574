package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import io.jenkins.plugins.awsrollout.steps.AwsAsgRolloutStep;
import java.time.Duration;

/**
 * One configuration of section 1: a strategy, a group size, a batch size and the capacity mode that gives that batch
 * size.
 *
 * <p>Terminate first ({@code minHealthyPercentage = 100 - batch}, {@code maxHealthyPercentage = 100}): a batch takes
 * its instances out of service and the group launches their replacements. Launch first
 * ({@code minHealthyPercentage = 100}, {@code maxHealthyPercentage = 100 + batch}): a batch launches its new
 * instances, then retires as many old ones. The {@code rolling} strategy also gets {@code batchSize: 'N%'}; for
 * {@code instanceRefresh} the percentages alone set the pace.
 *
 * @param strategy {@code instanceRefresh} or {@code rolling}
 * @param size instances in the group
 * @param batchPercent the batch, as a percentage of the group
 * @param launchFirst launch first instead of terminate first
 */
record RolloutCase(String strategy, int size, int batchPercent, boolean launchFirst) {

    int minHealthyPercentage() {
        return launchFirst ? 100 : 100 - batchPercent;
    }

    int maxHealthyPercentage() {
        return launchFirst ? 100 + batchPercent : 100;
    }

    /** Instances per batch, as the capacity limits allow (floor rounded up, ceiling rounded down). */
    int batchInstances() {
        if (launchFirst) {
            return Math.max(1, (int) Math.floor(size * maxHealthyPercentage() / 100.0) - size);
        }
        return Math.max(1, size - (int) Math.ceil(size * minHealthyPercentage() / 100.0));
    }

    int batches() {
        return (size + batchInstances() - 1) / batchInstances();
    }

    /** The floor: the least healthy in-service instances ({@code minHealthyPercentage}, rounded up). */
    int floor() {
        return (int) Math.ceil(size * minHealthyPercentage() / 100.0);
    }

    /** The ceiling: the most instances counted at once ({@code maxHealthyPercentage}, rounded down, at least the size). */
    int ceiling() {
        return Math.max(size, (int) Math.floor(size * maxHealthyPercentage() / 100.0));
    }

    /**
     * The true minimum, as Auto Scaling counts capacity (instances Pending or InService that are not leaving count
     * against the ceiling; Terminating ones, draining included, do not; only healthy in-service ones count towards the
     * floor). Every new instance must be launched, boot and pass its health check ({@code boot + health}) before it
     * counts as healthy; while it does, it counts against the ceiling and not towards the floor, so at most
     * {@code ceiling - floor} new instances can be on their way at any instant, whatever the order or the batches.
     * With {@code size} instances to replace that is at least {@code ceil(size / (ceiling - floor))} rounds of
     * {@code boot + health}, and that is reachable: the old instances' drain runs while Terminating, beside the boot of
     * the next ones, so it is never on the critical path (the last instances' drain goes on after the group is
     * replaced and healthy, as with an instance refresh).
     */
    Duration lowerBound() {
        int inFlight = Math.max(1, ceiling() - floor());
        return BenchWorld.BOOT.plus(BenchWorld.HEALTH).multipliedBy((size + inFlight - 1) / inFlight);
    }

    /**
     * The minimum for {@code rolling} at the controller's default pace for Auto Scaling writes
     * ({@link ApiRates#DEFAULT_AUTO_SCALING} a second): Auto Scaling terminates one instance per call, so the old
     * instances leave one every {@code 1 / rate} at best, and each new instance still needs {@code boot + health}. With
     * {@code b} instances in flight at most ({@link #lowerBound()}), old instance {@code i} leaves at
     * {@code t(i) = max(t(i − 1) + 1 / rate, h(i))}, where {@code h(i)} is the moment a new instance is healthy for it to
     * leave against: terminate first, the replacement of instance {@code i − b} ({@code t(i − b) + boot + health}, none
     * for the first {@code b}); launch first, the new instance launched for it (the first {@code b} at once by one
     * call, the next ones as instance {@code i − b} leaves). The rollout ends when the last new instance is healthy
     * (terminate first) or the last old instance leaves (launch first). When the pace is faster than
     * {@code b / (boot + health)}, only the first {@code b} instances' spread, {@code (b − 1) / rate}, is added to the lower
     * bound; when it is slower, the pace is the limit: about {@code N / rate + boot + health}.
     */
    Duration pacedBound() {
        double step = 1.0 / ApiRates.DEFAULT_AUTO_SCALING;
        double launch = BenchWorld.BOOT.plus(BenchWorld.HEALTH).toMillis() / 1000.0;
        int b = Math.max(1, ceiling() - floor());
        double[] leaves = new double[size];
        for (int i = 0; i < size; i++) {
            double healthyAgainst = launchFirst ? (i < b ? launch : leaves[i - b] + launch) : (i < b ? 0 : leaves[i - b] + launch);
            leaves[i] = Math.max(i == 0 ? 0 : leaves[i - 1] + step, healthyAgainst);
        }
        double end = size == 0 ? 0 : leaves[size - 1] + (launchFirst ? 0 : launch);
        return Duration.ofMillis(Math.round(end * 1000));
    }

    /**
     * Auto Scaling's own bound for an instance refresh, which does not count terminating (draining) instances against
     * its percentages: terminate first, the replacement boots while the old instance drains, so a batch takes
     * {@code max(drain, boot + health)}; launch first, the retired instances drain while the next batch boots, so a
     * batch takes {@code boot + health}.
     */
    Duration refreshMinimum() {
        Duration launch = BenchWorld.BOOT.plus(BenchWorld.HEALTH);
        Duration batch = launchFirst || launch.compareTo(BenchWorld.DRAIN) >= 0 ? launch : BenchWorld.DRAIN;
        return batch.multipliedBy(batches());
    }

    String mode() {
        return launchFirst ? "launch first" : "terminate first";
    }

    String label() {
        return strategy + " " + size + " × " + batchPercent + "%";
    }

    AwsAsgRolloutStep step(String ami, String credentialsId) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep(BenchWorld.GROUP);
        step.setStrategy(strategy);
        step.setAmi(ami);
        step.setMinHealthyPercentage(minHealthyPercentage());
        step.setMaxHealthyPercentage(maxHealthyPercentage());
        if (strategy.equals("rolling")) {
            step.setBatchSize(batchPercent + "%");
        }
        // The health check is the gate: no extra warm-up on top of it.
        step.setInstanceWarmupSeconds(0);
        step.setTimeoutMinutes(600);
        step.setCredentialsId(credentialsId);
        return step;
    }
}
