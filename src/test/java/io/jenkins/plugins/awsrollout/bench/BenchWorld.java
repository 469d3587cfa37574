package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.sim.Timings;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;

/**
 * The group every benchmark rolls: {@code web} of {@code size} instances on launch template {@code web-lt} version 1
 * (AMI {@code app-v1}; version 2 has AMI {@code app-v2}), behind target group {@code web-tg} with ELB health checks. Simulated boot 60 s, health check 30 s, deregistration delay 30 s; registration and termination
 * take no time, so that the three figures the theoretical minimum is made of are the only waits.
 */
final class BenchWorld {

    static final String GROUP = "web";
    static final Duration BOOT = Duration.ofSeconds(60);
    static final Duration HEALTH = Duration.ofSeconds(30);
    static final Duration DRAIN = Duration.ofSeconds(30);

    private BenchWorld() {}

    static Timings timings() {
        return Timings.defaults().withBoot(BOOT).withHealthCheck(HEALTH).withRegistration(Duration.ZERO)
                .withTerminate(Duration.ZERO).withStatusCheck(Duration.ZERO).withLaunchRetry(Duration.ofSeconds(10))
                .withTerminatedVisible(Duration.ofMinutes(2));
    }

    static World.Builder group(int size) {
        return group(size, g -> { });
    }

    /** The same, with the group adjusted (e.g. its sizes). */
    static World.Builder group(int size, java.util.function.Consumer<io.jenkins.plugins.awsrollout.sim.Seeds.GroupSeed> adjust) {
        return World.builder().region("us-east-1")
                .image("app-v1").image("app-v2")
                .launchTemplate("web-lt", lt -> lt.image("app-v1").instanceType("t3.micro").version(v -> v.image("app-v2")))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds((int) DRAIN.toSeconds()))
                .autoScalingGroup(GROUP, g -> {
                    g.launchTemplate("web-lt").launchTemplateVersion("1").instances(size).minSize(0).maxSize(size * 2)
                            .targetGroups("web-tg").healthCheckType("ELB").healthCheckGracePeriodSeconds(300);
                    adjust.accept(g);
                })
                .timings(timings());
    }
}
