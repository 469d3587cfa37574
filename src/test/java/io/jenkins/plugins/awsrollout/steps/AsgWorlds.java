package io.jenkins.plugins.awsrollout.steps;

import io.jenkins.plugins.awsrollout.sim.Seeds;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.util.function.Consumer;

/** Worlds for the {@code awsAsgRollout} tests. */
final class AsgWorlds {

    private AsgWorlds() {}

    /**
     * us-east-1 with AMIs {@code base-v1}, {@code base-v2} and {@code bad-v3} (whose instances never pass health
     * checks), launch template {@code web-lt} (version 1 on base-v1, version 2 on base-v2), target group
     * {@code web-tg} (30 s deregistration delay), classic load balancer {@code web-elb}, and group {@code web} of
     * {@code size} instances on version 1 behind the target group, with ELB health checks. Boot 60 s, health checks
     * 30 s.
     */
    static World.Builder web(int size) {
        return web(size, g -> { });
    }

    /** The same, with the group adjusted (e.g. {@code g -> g.loadBalancers("web-elb")}). */
    static World.Builder web(int size, Consumer<Seeds.GroupSeed> group) {
        return World.builder().region("us-east-1")
                .image("base-v1").image("base-v2").image("bad-v3", i -> i.unhealthy(true))
                .launchTemplate("web-lt", lt -> lt.image("base-v1").instanceType("t3.micro").version(v -> v.image("base-v2")))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds(30))
                .classicLoadBalancer("web-elb")
                .autoScalingGroup("web", g -> {
                    g.launchTemplate("web-lt").launchTemplateVersion("1").instances(size).minSize(1).maxSize(size * 2)
                            .targetGroups("web-tg").healthCheckType("ELB").healthCheckGracePeriodSeconds(60);
                    group.accept(g);
                })
                .timings(t -> t.withBoot(Duration.ofSeconds(60)).withHealthCheck(Duration.ofSeconds(30))
                        .withRegistration(Duration.ofSeconds(5)).withTerminate(Duration.ofSeconds(10))
                        .withStatusCheck(Duration.ofSeconds(30)));
    }
}
