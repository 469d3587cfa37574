package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.Seeds.ClassicLoadBalancerSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.GroupSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.LaunchConfigurationSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.TargetGroupSeed;
import io.jenkins.plugins.awsrollout.sim.autoscaling.AutoScalingRegion;
import io.jenkins.plugins.awsrollout.sim.autoscaling.LaunchSource;
import io.jenkins.plugins.awsrollout.sim.elb.ClassicLoadBalancer;
import io.jenkins.plugins.awsrollout.sim.elb.ElbRegion;
import io.jenkins.plugins.awsrollout.sim.elb.LoadBalancerV2;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.elasticloadbalancing.model.Listener;

/** Seeds load balancers, launch configurations and Auto Scaling groups. */
final class GroupSeeder {
    private GroupSeeder() {}

    static void seed(World world, Cloud cloud) {
        for (TargetGroupSeed seed : world.targetGroups) {
            ElbRegion elb = WorldSeeder.region(world, cloud, seed.region).elb();
            TargetGroup tg = elb.createTargetGroup(seed.name, seed.protocol, seed.port, null, seed.healthCheckPath);
            setDelay(elb, tg, seed.deregistrationDelaySeconds);
            if (seed.loadBalancer) {
                LoadBalancerV2 lb = elb.createLoadBalancer(seed.name + "-alb", "application", "internet-facing");
                elb.createListener(lb, seed.protocol, seed.port, tg.arn());
            }
        }
        for (ClassicLoadBalancerSeed seed : world.classicLoadBalancers) {
            ElbRegion elb = WorldSeeder.region(world, cloud, seed.region).elb();
            ClassicLoadBalancer lb = elb.createClassicLoadBalancer(seed.name, "internet-facing");
            elb.addClassicListener(lb, Listener.builder().protocol("HTTP").loadBalancerPort(seed.port).instanceProtocol("HTTP")
                    .instancePort(seed.instancePort).build(), seed.healthCheckTarget);
        }
        for (LaunchConfigurationSeed seed : world.launchConfigurations) {
            CloudRegion region = WorldSeeder.region(world, cloud, seed.region);
            region.autoScaling().addLaunchConfiguration(new AutoScalingRegion.LaunchConfiguration(seed.name,
                    WorldSeeder.imageId(region.ec2(), seed.image), seed.instanceType,
                    seed.userData == null ? null : Base64.getEncoder().encodeToString(seed.userData.getBytes(StandardCharsets.UTF_8)),
                    cloud.now()));
        }
        for (GroupSeed seed : world.groups) {
            CloudRegion region = WorldSeeder.region(world, cloud, seed.region);
            LaunchSource source;
            if (seed.launchConfiguration != null) {
                source = new LaunchSource(null, null, seed.launchConfiguration);
            } else {
                String templateId = region.ec2().launchTemplate(null, seed.launchTemplate).id();
                source = new LaunchSource(LaunchTemplateSpecification.builder().launchTemplateId(templateId)
                        .launchTemplateName(seed.launchTemplate).version(seed.launchTemplateVersion).build(), null, null);
            }
            List<String> targetGroupArns = new ArrayList<>();
            for (String name : seed.targetGroups) {
                targetGroupArns.add(region.elb().targetGroupByName(name).arn());
            }
            int min = seed.minSize == null ? Math.min(seed.instances, 1) : seed.minSize;
            int max = seed.maxSize == null ? Math.max(seed.instances * 2, 1) : seed.maxSize;
            region.autoScaling().seedGroup(seed.name, source, seed.instances, min, max, targetGroupArns, seed.loadBalancers,
                    seed.healthCheckType, seed.healthCheckGracePeriodSeconds, seed.defaultInstanceWarmupSeconds,
                    seed.newInstancesProtectedFromScaleIn, seed.tags);
        }
    }

    private static void setDelay(ElbRegion elb, TargetGroup tg, int seconds) {
        elb.setAttribute(tg, "deregistration_delay.timeout_seconds", Integer.toString(seconds));
    }
}
