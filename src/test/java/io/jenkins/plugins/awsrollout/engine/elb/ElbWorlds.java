package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.util.List;

/** Worlds for the awsElbRegister tests. */
public final class ElbWorlds {

    private ElbWorlds() {}

    /**
     * us-east-1 with target groups {@code web-tg} (deregistration delay {@code delaySeconds}) and {@code api-tg} (30 s),
     * both behind load balancers, {@code lonely-tg} (no load balancer), classic load balancer {@code web-elb}; group
     * {@code web} of 4 instances registered and healthy in web-tg and web-elb, group {@code spare} of 2 instances
     * registered nowhere. Registration takes 5 s, health checks 30 s.
     */
    public static World.Builder fleet(int delaySeconds) {
        return World.builder().region("us-east-1")
                .image("base")
                .launchTemplate("web-lt", lt -> lt.image("base").instanceType("t3.micro"))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds(delaySeconds))
                .targetGroup("api-tg", tg -> tg.port(8080).deregistrationDelaySeconds(30))
                .targetGroup("lonely-tg", tg -> tg.loadBalancer(false))
                .classicLoadBalancer("web-elb")
                .autoScalingGroup("web", g -> g.launchTemplate("web-lt").instances(4).minSize(1).maxSize(8)
                        .targetGroups("web-tg").loadBalancers("web-elb").healthCheckType("EC2"))
                .autoScalingGroup("spare", g -> g.launchTemplate("web-lt").instances(2).minSize(0).maxSize(4)
                        .healthCheckType("EC2"))
                .timings(t -> t.withRegistration(Duration.ofSeconds(5)).withHealthCheck(Duration.ofSeconds(30)));
    }

    /** The instance ids of a group, sorted. */
    public static List<String> instances(AwsSimulator sim, String group) {
        return sim.state().group(group).instances().stream().map(SimState.GroupInstanceView::instanceId).sorted().toList();
    }
}
