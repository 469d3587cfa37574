package io.jenkins.plugins.awsrollout.sim.ssm;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import java.time.Duration;

/**
 * How long SSM Run Command takes in simulated time, besides the script itself ({@code sleep},
 * {@code # sim: takes}).
 *
 * @param invocationVisible after SendCommand, GetCommandInvocation answers {@code InvocationDoesNotExist}
 *     for this long (as AWS does for a moment)
 * @param delivery Pending until the agent picks the command up and it turns InProgress
 * @param cancel Cancelling until Cancelled after CancelCommand
 */
public record SsmTimings(Duration invocationVisible, Duration delivery, Duration cancel) {

    public static SsmTimings defaults() {
        return new SsmTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    public SsmTimings withInvocationVisible(Duration d) { return new SsmTimings(d, delivery, cancel); }
    public SsmTimings withDelivery(Duration d) { return new SsmTimings(invocationVisible, d, cancel); }
    public SsmTimings withCancel(Duration d) { return new SsmTimings(invocationVisible, delivery, d); }

    /** The timings in force in {@code cloud} (set by the world's {@code ssm} section; call under the world lock). */
    public static SsmTimings of(Cloud cloud) {
        return holder(cloud).timings;
    }

    /** Replaces the timings of {@code cloud} (call under the world lock). */
    public static void set(Cloud cloud, SsmTimings timings) {
        holder(cloud).timings = timings;
    }

    private static Holder holder(Cloud cloud) {
        return cloud.defaultRegion().extension(Holder.class, r -> new Holder());
    }

    private static final class Holder {
        SsmTimings timings = defaults();
    }
}
