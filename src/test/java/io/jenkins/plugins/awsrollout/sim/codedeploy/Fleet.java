package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.autoscaling.AutoScalingGroup;
import io.jenkins.plugins.awsrollout.sim.autoscaling.GroupMember;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.elb.ClassicLoadBalancer;
import io.jenkins.plugins.awsrollout.sim.elb.HealthCheckedPool;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.codedeploy.model.EC2TagFilter;
import software.amazon.awssdk.services.codedeploy.model.EC2TagSet;
import software.amazon.awssdk.services.codedeploy.model.ELBInfo;
import software.amazon.awssdk.services.codedeploy.model.LoadBalancerInfo;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupInfo;

/** Which instances a deployment group or target spec selects, and the load balancers it names. */
final class Fleet {
    private Fleet() {}

    /**
     * InService instances of the named Auto Scaling groups, then running instances matching the tag
     * filters (any filter) or the tag set (some filter of every list), without duplicates.
     */
    static List<String> instances(CloudRegion region, List<String> autoScalingGroups, List<EC2TagFilter> tagFilters, EC2TagSet tagSet) {
        Set<String> ids = new LinkedHashSet<>();
        for (String name : autoScalingGroups) {
            AutoScalingGroup group = region.autoScaling().groups().get(name);
            if (group == null) {
                continue;
            }
            for (GroupMember member : group.members().values()) {
                if (member.lifecycleState().equals("InService")) {
                    ids.add(member.instanceId());
                }
            }
        }
        boolean filters = tagFilters != null && !tagFilters.isEmpty();
        boolean sets = tagSet != null && tagSet.hasEc2TagSetList() && !tagSet.ec2TagSetList().isEmpty();
        if (filters || sets) {
            for (Instance instance : region.ec2().instances().values()) {
                if (!instance.running()) {
                    continue;
                }
                boolean match = filters ? anyMatches(instance, tagFilters) : true;
                if (sets) {
                    for (List<EC2TagFilter> list : tagSet.ec2TagSetList()) {
                        match &= anyMatches(instance, list);
                    }
                }
                if (match) {
                    ids.add(instance.id());
                }
            }
        }
        return List.copyOf(ids);
    }

    private static boolean anyMatches(Instance instance, List<EC2TagFilter> filters) {
        for (EC2TagFilter filter : filters) {
            String type = filter.typeAsString() == null ? "KEY_AND_VALUE" : filter.typeAsString();
            boolean match = switch (type) {
                case "KEY_ONLY" -> instance.tags().containsKey(filter.key());
                case "VALUE_ONLY" -> instance.tags().containsValue(filter.value());
                default -> filter.value() != null && filter.value().equals(instance.tags().get(filter.key()));
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    static boolean hasLoadBalancers(LoadBalancerInfo info) {
        return info != null && ((info.hasTargetGroupInfoList() && !info.targetGroupInfoList().isEmpty())
                || (info.hasElbInfoList() && !info.elbInfoList().isEmpty()));
    }

    /** The load balancer names of {@code info} that do not exist in the region. */
    static List<String> missingLoadBalancers(CloudRegion region, LoadBalancerInfo info) {
        List<String> missing = new ArrayList<>();
        if (info == null) {
            return missing;
        }
        if (info.hasTargetGroupInfoList()) {
            for (TargetGroupInfo tg : info.targetGroupInfoList()) {
                if (region.elb().targetGroups().values().stream().noneMatch(t -> t.name().equals(tg.name()))) {
                    missing.add(tg.name());
                }
            }
        }
        if (info.hasElbInfoList()) {
            for (ELBInfo elb : info.elbInfoList()) {
                if (!region.elb().classicLoadBalancers().containsKey(elb.name())) {
                    missing.add(elb.name());
                }
            }
        }
        return missing;
    }

    /** The target groups (by name) and classic load balancers of {@code info} that exist. */
    static List<HealthCheckedPool> pools(CloudRegion region, LoadBalancerInfo info) {
        List<HealthCheckedPool> pools = new ArrayList<>();
        if (info == null) {
            return pools;
        }
        if (info.hasTargetGroupInfoList()) {
            for (TargetGroupInfo tgInfo : info.targetGroupInfoList()) {
                for (TargetGroup tg : region.elb().targetGroups().values()) {
                    if (tg.name().equals(tgInfo.name())) {
                        pools.add(tg);
                    }
                }
            }
        }
        if (info.hasElbInfoList()) {
            for (ELBInfo elb : info.elbInfoList()) {
                ClassicLoadBalancer lb = region.elb().classicLoadBalancers().get(elb.name());
                if (lb != null) {
                    pools.add(lb);
                }
            }
        }
        return pools;
    }
}
