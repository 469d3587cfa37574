package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Region;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.AttachInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.AttachInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.DetachInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DetachInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.EnterStandbyRequest;
import software.amazon.awssdk.services.autoscaling.model.EnterStandbyResponse;
import software.amazon.awssdk.services.autoscaling.model.ExitStandbyRequest;
import software.amazon.awssdk.services.autoscaling.model.ExitStandbyResponse;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceHealthRequest;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceHealthResponse;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceProtectionRequest;
import software.amazon.awssdk.services.autoscaling.model.SetInstanceProtectionResponse;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupResponse;

/** Instances in groups: describe, terminate, attach, detach, standby, protection, health. */
public final class AutoScalingInstanceActions {
    private final Cloud cloud;

    public AutoScalingInstanceActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private AutoScalingRegion asg(RequestContext context) {
        return cloud.region(context).autoScaling();
    }

    private static GroupMember member(AutoScalingGroup g, String instanceId) {
        GroupMember m = g.members.get(instanceId);
        if (m == null) {
            throw SimError.client("ValidationError", "The instance " + instanceId + " is not part of Auto Scaling group " + g.name + ".");
        }
        return m;
    }

    private String now() {
        return AutoScalingRegion.iso(cloud.now());
    }

    public DescribeAutoScalingInstancesResponse handle(DescribeAutoScalingInstancesRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        List<AutoScalingInstanceDetails> all = new ArrayList<>();
        boolean byId = Pojos.present(r.instanceIds()) && !r.instanceIds().isEmpty();
        if (byId) {
            for (String id : r.instanceIds()) {
                AutoScalingGroup g = asg.groupOf(id);
                if (g != null) {
                    all.add(AutoScalingViews.details(g, g.members.get(id)));
                }
            }
        } else {
            for (AutoScalingGroup g : asg.groups().values()) {
                g.members.values().forEach(m -> all.add(AutoScalingViews.details(g, m)));
            }
        }
        Paging<AutoScalingInstanceDetails> page = Paging.page(all, r.maxRecords(), r.nextToken(), 50,
                SimError.client("InvalidNextToken", "The token is invalid."));
        return DescribeAutoScalingInstancesResponse.builder().autoScalingInstances(page.items()).nextToken(page.nextToken()).build();
    }

    public TerminateInstanceInAutoScalingGroupResponse handle(TerminateInstanceInAutoScalingGroupRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.groupOf(r.instanceId());
        if (g == null) {
            throw SimError.client("ValidationError", "Instance Id not found - No managed instance found for instance ID " + r.instanceId());
        }
        GroupMember m = g.members.get(r.instanceId());
        boolean decrement = Boolean.TRUE.equals(r.shouldDecrementDesiredCapacity());
        if (decrement && g.desired <= g.minSize && !m.terminating()) {
            throw SimError.client("ValidationError", "Currently, desiredCapacity (" + g.desired + ") is not greater than minSize ("
                    + g.minSize + "); decrementing desired capacity would violate the minimum.");
        }
        int before = g.desired;
        Activity activity = asg.terminate(g, m, "At " + now() + " instance " + m.instanceId + " was taken out of service in response "
                + "to a user request" + (decrement ? ", shrinking the capacity from " + before + " to " + (before - 1) : "") + ".", decrement);
        return TerminateInstanceInAutoScalingGroupResponse.builder().activity(AutoScalingViews.activity(g, activity)).build();
    }

    public AttachInstancesResponse handle(AttachInstancesRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        Ec2Region ec2 = cloud.region(context).ec2();
        List<String> ids = Pojos.present(r.instanceIds()) ? r.instanceIds() : List.of();
        if (g.desired + ids.size() > g.maxSize) {
            throw SimError.client("ValidationError", "Attaching " + ids.size() + " instance(s) would make the desired capacity exceed "
                    + "the group's maximum size " + g.maxSize + ".");
        }
        List<Instance> instances = new ArrayList<>();
        for (String id : ids) {
            Instance instance = ec2.instance(id);
            if (!instance.running()) {
                throw SimError.client("ValidationError", "Instance " + id + " is not in a valid state: " + instance.state());
            }
            if (asg.groupOf(id) != null) {
                throw SimError.client("ValidationError", "The instance " + id + " is already part of an Auto Scaling group.");
            }
            instances.add(instance);
        }
        for (Instance instance : instances) {
            g.desired++;
            GroupMember m = new GroupMember(instance.id(), instance.launchTemplateId(), instance.launchTemplateName(),
                    instance.launchTemplateVersion(), null, instance.imageId(), instance.instanceType(), instance.availabilityZone(),
                    cloud.now());
            m.launchActivity = asg.activity(g, "Attaching an existing EC2 instance: " + instance.id(),
                    "At " + now() + " an instance was added in response to a user request.");
            instance.tags().put("aws:autoscaling:groupName", g.name);
            asg.addMember(g, m, instance);
        }
        return AttachInstancesResponse.builder().build();
    }

    public DetachInstancesResponse handle(DetachInstancesRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        boolean decrement = Boolean.TRUE.equals(r.shouldDecrementDesiredCapacity());
        List<GroupMember> members = membersIn(g, r.instanceIds(), "InService", "Standby");
        if (decrement && g.desired - members.size() < g.minSize) {
            throw SimError.client("ValidationError", "The number of instances to detach would make the desired capacity fall below "
                    + "the group's minimum size " + g.minSize + ".");
        }
        List<software.amazon.awssdk.services.autoscaling.model.Activity> activities = new ArrayList<>();
        for (GroupMember m : members) {
            if (decrement && m.counting()) {
                g.desired--;
            }
            Activity a = asg.activity(g, "Detaching EC2 instance: " + m.instanceId, "At " + now() + " instance " + m.instanceId
                    + " was detached in response to a user request" + (decrement ? ", shrinking the capacity." : "."));
            a.finish("Successful", null, cloud.now());
            activities.add(AutoScalingViews.activity(g, a));
            asg.detach(g, m);
        }
        return DetachInstancesResponse.builder().activities(activities).build();
    }

    public EnterStandbyResponse handle(EnterStandbyRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        boolean decrement = Boolean.TRUE.equals(r.shouldDecrementDesiredCapacity());
        List<GroupMember> members = membersIn(g, r.instanceIds(), "InService");
        if (decrement && g.desired - members.size() < g.minSize) {
            throw SimError.client("ValidationError", "The number of instances to move to Standby would make the desired capacity fall "
                    + "below the group's minimum size " + g.minSize + ".");
        }
        List<software.amazon.awssdk.services.autoscaling.model.Activity> activities = new ArrayList<>();
        for (GroupMember m : members) {
            m.lifecycleState = "Standby";
            if (decrement) {
                g.desired--;
            }
            asg.deregisterFromLoadBalancers(g, m.instanceId);
            Activity a = asg.activity(g, "Moving EC2 instance to Standby: " + m.instanceId, "At " + now() + " instance "
                    + m.instanceId + " was moved to standby in response to a user request"
                    + (decrement ? ", shrinking the capacity." : "."));
            a.finish("Successful", null, cloud.now());
            activities.add(AutoScalingViews.activity(g, a));
        }
        asg.requestReconcile(g);
        return EnterStandbyResponse.builder().activities(activities).build();
    }

    public ExitStandbyResponse handle(ExitStandbyRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        List<GroupMember> members = membersIn(g, r.instanceIds(), "Standby");
        if (g.desired + members.size() > g.maxSize) {
            throw SimError.client("ValidationError", "Returning the instances to service would make the desired capacity exceed the "
                    + "group's maximum size " + g.maxSize + ".");
        }
        List<software.amazon.awssdk.services.autoscaling.model.Activity> activities = new ArrayList<>();
        Ec2Region ec2 = cloud.region(context).ec2();
        for (GroupMember m : members) {
            g.desired++;
            m.lifecycleState = "InService";
            m.inServiceAt = cloud.now();
            Instance instance = ec2.instances().get(m.instanceId);
            if (instance != null) {
                asg.registerWithLoadBalancers(g, instance);
            }
            Activity a = asg.activity(g, "Moving EC2 instance out of Standby: " + m.instanceId, "At " + now() + " instance "
                    + m.instanceId + " was moved out of standby in response to a user request, increasing the capacity.");
            a.statusCode = "PreInService";
            a.finish("Successful", null, cloud.now());
            var view = AutoScalingViews.activity(g, a).toBuilder().statusCode("PreInService").progress(30).endTime(null).build();
            activities.add(view);
        }
        asg.requestReconcile(g);
        return ExitStandbyResponse.builder().activities(activities).build();
    }

    /** The group's members with these ids, each in one of {@code states}, as AWS checks before moving any. */
    private List<GroupMember> membersIn(AutoScalingGroup g, List<String> ids, String... states) {
        List<GroupMember> members = new ArrayList<>();
        for (String id : ids) {
            GroupMember m = member(g, id);
            if (!List.of(states).contains(m.lifecycleState)) {
                throw SimError.client("ValidationError", "The instance " + id + " is not in " + String.join(" or ", states) + ".");
            }
            members.add(m);
        }
        return members;
    }

    public SetInstanceProtectionResponse handle(SetInstanceProtectionRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        List<GroupMember> members = r.instanceIds().stream().map(id -> member(g, id)).toList();
        members.forEach(m -> m.protectedFromScaleIn = r.protectedFromScaleIn());
        asg.requestReconcile(g);
        return SetInstanceProtectionResponse.builder().build();
    }

    public SetInstanceHealthResponse handle(SetInstanceHealthRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.groupOf(r.instanceId());
        if (g == null) {
            throw SimError.client("ValidationError", "Instance Id not found - No managed instance found for instance ID " + r.instanceId());
        }
        GroupMember m = g.members.get(r.instanceId());
        boolean respectGrace = Boolean.TRUE.equals(r.shouldRespectGracePeriod());
        if (respectGrace && m.inServiceAt != null
                && cloud.now().isBefore(m.inServiceAt.plusSeconds(g.healthCheckGracePeriod)) && r.healthStatus().equals("Unhealthy")) {
            return SetInstanceHealthResponse.builder().build();
        }
        m.healthStatus = r.healthStatus().equals("Unhealthy") ? "Unhealthy" : "Healthy";
        m.unhealthyCause = "a user health-check";
        asg.requestReconcile(g);
        return SetInstanceHealthResponse.builder().build();
    }
}
