package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long CodeDeploy takes in simulated time.
 *
 * @param created how long a new deployment stays Created before it is Queued
 * @param queued how long it stays Queued before it is InProgress
 * @param hook one lifecycle hook script (ApplicationStop, BeforeInstall, AfterInstall,
 *     ApplicationStart, ValidateService, Before/AfterBlockTraffic, Before/AfterAllowTraffic)
 * @param downloadBundle the DownloadBundle event
 * @param install the Install event (copying the files)
 * @param traffic the least time BlockTraffic and AllowTraffic take; BlockTraffic also waits for the
 *     target groups' deregistration delay, AllowTraffic until the instance is healthy in them
 * @param trafficTimeout AllowTraffic fails when the instance is not healthy after this long
 *     (BlockTraffic when it has not drained)
 * @param greenProvisioningTimeout a blue/green deployment fails when its copied Auto Scaling group
 *     is not InService after this long
 * @param events per-event overrides of the above, by lifecycle event name
 */
public record CodeDeployTimings(
        Duration created,
        Duration queued,
        Duration hook,
        Duration downloadBundle,
        Duration install,
        Duration traffic,
        Duration trafficTimeout,
        Duration greenProvisioningTimeout,
        Map<String, Duration> events) {

    public CodeDeployTimings {
        events = Map.copyOf(events);
    }

    public static CodeDeployTimings defaults() {
        return new CodeDeployTimings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Map.of());
    }

    /** Every step at once (traffic events still wait for draining and health). */
    public static CodeDeployTimings instant() {
        return new CodeDeployTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofMinutes(5), Duration.ofMinutes(15), Map.of());
    }

    /** How long one run of {@code event} takes (for traffic events: at least). */
    public Duration of(String event) {
        Duration override = events.get(event);
        if (override != null) {
            return override;
        }
        return switch (event) {
            case "DownloadBundle" -> downloadBundle;
            case "Install" -> install;
            case "BlockTraffic", "AllowTraffic" -> traffic;
            default -> hook;
        };
    }

    public CodeDeployTimings withCreated(Duration d) { return new CodeDeployTimings(d, queued, hook, downloadBundle, install, traffic, trafficTimeout, greenProvisioningTimeout, events); }
    public CodeDeployTimings withQueued(Duration d) { return new CodeDeployTimings(created, d, hook, downloadBundle, install, traffic, trafficTimeout, greenProvisioningTimeout, events); }
    public CodeDeployTimings withHook(Duration d) { return new CodeDeployTimings(created, queued, d, downloadBundle, install, traffic, trafficTimeout, greenProvisioningTimeout, events); }
    public CodeDeployTimings withDownloadBundle(Duration d) { return new CodeDeployTimings(created, queued, hook, d, install, traffic, trafficTimeout, greenProvisioningTimeout, events); }
    public CodeDeployTimings withInstall(Duration d) { return new CodeDeployTimings(created, queued, hook, downloadBundle, d, traffic, trafficTimeout, greenProvisioningTimeout, events); }
    public CodeDeployTimings withTraffic(Duration d) { return new CodeDeployTimings(created, queued, hook, downloadBundle, install, d, trafficTimeout, greenProvisioningTimeout, events); }
    public CodeDeployTimings withTrafficTimeout(Duration d) { return new CodeDeployTimings(created, queued, hook, downloadBundle, install, traffic, d, greenProvisioningTimeout, events); }
    public CodeDeployTimings withGreenProvisioningTimeout(Duration d) { return new CodeDeployTimings(created, queued, hook, downloadBundle, install, traffic, trafficTimeout, d, events); }

    /** This timing for one lifecycle event only. */
    public CodeDeployTimings withEvent(String event, Duration d) {
        Map<String, Duration> copy = new LinkedHashMap<>(events);
        copy.put(event, d);
        return new CodeDeployTimings(created, queued, hook, downloadBundle, install, traffic, trafficTimeout, greenProvisioningTimeout, copy);
    }

    /** The timings in force in {@code cloud} (call under the world lock). */
    public static CodeDeployTimings of(Cloud cloud) {
        return holder(cloud).timings;
    }

    /** Replaces the timings of {@code cloud} (call under the world lock). */
    public static void set(Cloud cloud, CodeDeployTimings timings) {
        holder(cloud).timings = timings;
    }

    private static Holder holder(Cloud cloud) {
        return cloud.defaultRegion().extension(Holder.class, r -> new Holder());
    }

    private static final class Holder {
        CodeDeployTimings timings = defaults();
    }
}
