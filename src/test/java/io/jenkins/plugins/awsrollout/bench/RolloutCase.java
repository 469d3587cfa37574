package io.jenkins.plugins.awsrollout.bench;

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
