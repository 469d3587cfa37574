package io.jenkins.plugins.awsrollout.sim;

import java.time.Duration;

/**
 * How long things take in simulated time. Defaults are short but realistic in order; tests that
 * run real-time SDK waiters set them to a few milliseconds or zero.
 *
 * @param boot pending to running
 * @param registration a new ELB target's registration (initial / Elb.RegistrationInProgress)
 * @param healthCheck initial health checking until healthy or unhealthy, and healthy to unhealthy
 *     after a failure
 * @param statusCheck EC2 instance status {@code initializing} after boot, before {@code ok}
 * @param stop stopping to stopped
 * @param terminate shutting-down to terminated
 * @param imageCreation CreateImage pending to available (snapshots progress over the same time)
 * @param imageCopy CopyImage pending to available
 * @param snapshot CreateSnapshot pending to completed
 * @param launchRetry how long an Auto Scaling group waits before retrying a failed launch
 * @param terminatedVisible how long a terminated instance stays visible in DescribeInstances
 */
public record Timings(
        Duration boot,
        Duration registration,
        Duration healthCheck,
        Duration statusCheck,
        Duration stop,
        Duration terminate,
        Duration imageCreation,
        Duration imageCopy,
        Duration snapshot,
        Duration launchRetry,
        Duration terminatedVisible) {

    public static Timings defaults() {
        return new Timings(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(8),
                Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofHours(1));
    }

    /** Every duration zero except how long terminated instances stay visible: things happen at once. */
    public static Timings instant() {
        return new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
    }

    public Timings withBoot(Duration d) { return new Timings(d, registration, healthCheck, statusCheck, stop, terminate, imageCreation, imageCopy, snapshot, launchRetry, terminatedVisible); }
    public Timings withRegistration(Duration d) { return new Timings(boot, d, healthCheck, statusCheck, stop, terminate, imageCreation, imageCopy, snapshot, launchRetry, terminatedVisible); }
    public Timings withHealthCheck(Duration d) { return new Timings(boot, registration, d, statusCheck, stop, terminate, imageCreation, imageCopy, snapshot, launchRetry, terminatedVisible); }
    public Timings withStatusCheck(Duration d) { return new Timings(boot, registration, healthCheck, d, stop, terminate, imageCreation, imageCopy, snapshot, launchRetry, terminatedVisible); }
    public Timings withStop(Duration d) { return new Timings(boot, registration, healthCheck, statusCheck, d, terminate, imageCreation, imageCopy, snapshot, launchRetry, terminatedVisible); }
    public Timings withTerminate(Duration d) { return new Timings(boot, registration, healthCheck, statusCheck, stop, d, imageCreation, imageCopy, snapshot, launchRetry, terminatedVisible); }
    public Timings withImageCreation(Duration d) { return new Timings(boot, registration, healthCheck, statusCheck, stop, terminate, d, imageCopy, snapshot, launchRetry, terminatedVisible); }
    public Timings withImageCopy(Duration d) { return new Timings(boot, registration, healthCheck, statusCheck, stop, terminate, imageCreation, d, snapshot, launchRetry, terminatedVisible); }
    public Timings withSnapshot(Duration d) { return new Timings(boot, registration, healthCheck, statusCheck, stop, terminate, imageCreation, imageCopy, d, launchRetry, terminatedVisible); }
    public Timings withLaunchRetry(Duration d) { return new Timings(boot, registration, healthCheck, statusCheck, stop, terminate, imageCreation, imageCopy, snapshot, d, terminatedVisible); }
    public Timings withTerminatedVisible(Duration d) { return new Timings(boot, registration, healthCheck, statusCheck, stop, terminate, imageCreation, imageCopy, snapshot, launchRetry, d); }
}
