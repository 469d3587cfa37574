package io.jenkins.plugins.awsrollout.steps;

import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;

/** Worlds for the {@code awsAsgRollout} tests. */
final class AsgWorlds {

    private AsgWorlds() {}

    /**
     * us-east-1 with AMIs {@code base-v1}, {@code base-v2} and {@code bad-v3} (whose instances never pass health
     * checks), launch template {@code web-lt} (version 1 on base-v1, version 2 on base-v2), target group
     * {@code web-tg} (30 s deregistration delay) and group {@code web} of {@code size} instances on version 1 behind
     * it, with ELB health checks. Boot 60 s, health checks 30 s.
     */
    static World.Builder web(int size) {
        return World.builder().region("us-east-1")
                .image("base-v1").image("base-v2").image("bad-v3", i -> i.unhealthy(true))
                .launchTemplate("web-lt", lt -> lt.image("base-v1").instanceType("t3.micro").version(v -> v.image("base-v2")))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds(30))
                .autoScalingGroup("web", g -> g.launchTemplate("web-lt").launchTemplateVersion("1").instances(size)
                        .minSize(1).maxSize(size * 2).targetGroups("web-tg").healthCheckType("ELB")
                        .healthCheckGracePeriodSeconds(60))
                .timings(t -> t.withBoot(Duration.ofSeconds(60)).withHealthCheck(Duration.ofSeconds(30))
                        .withRegistration(Duration.ofSeconds(5)).withTerminate(Duration.ofSeconds(10))
                        .withStatusCheck(Duration.ofSeconds(30)));
    }

    /** The same group also behind classic load balancer {@code web-elb}. */
    static World.Builder webWithClassic(int size) {
        return web(size).classicLoadBalancer("web-elb")
                .autoScalingGroup("web2", g -> g.launchTemplate("web-lt").launchTemplateVersion("1").instances(0).minSize(0)
                        .maxSize(1));
    }
}
