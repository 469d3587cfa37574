package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Region;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.ec2.LaunchTemplate;
import io.jenkins.plugins.awsrollout.sim.elb.ElbRegion;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.*;

/** Groups: create, update, delete, describe, capacity, processes, load balancers, policies, activities. */
public final class AutoScalingGroupActions {
    static final List<String> PROCESSES = List.of("Launch", "Terminate", "AddToLoadBalancer", "AlarmNotification", "AZRebalance",
            "HealthCheck", "InstanceRefresh", "ReplaceUnhealthy", "ScheduledActions");

    private final Cloud cloud;

    public AutoScalingGroupActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private AutoScalingRegion asg(RequestContext context) {
        return cloud.region(context).autoScaling();
    }

    /** The launch source a request names, validated against EC2; null when it names none. */
    static LaunchSource source(Cloud cloud, Ec2Region ec2, AutoScalingRegion asg, LaunchTemplateSpecification template,
            MixedInstancesPolicy mixed, String launchConfiguration) {
        if (template == null && mixed == null && launchConfiguration == null) {
            return null;
        }
        if (launchConfiguration != null && !asg.launchConfigurations().containsKey(launchConfiguration)) {
            throw SimError.client("ValidationError", "Launch configuration name not found - Launch configuration "
                    + launchConfiguration + " not found");
        }
        return new LaunchSource(named(ec2, template), mixed == null || mixed.launchTemplate() == null ? mixed
                : mixed.toBuilder().launchTemplate(mixed.launchTemplate().toBuilder()
                        .launchTemplateSpecification(named(ec2, mixed.launchTemplate().launchTemplateSpecification())).build()).build(),
                launchConfiguration);
    }

    /**
     * The template spec validated and completed with both id and name, as AWS stores it: a group updated by id
     * describes its template's name too (Ansible's autoscaling_group compares names to decide on replacing).
     */
    private static LaunchTemplateSpecification named(Ec2Region ec2, LaunchTemplateSpecification spec) {
        if (spec == null) {
            return null;
        }
        try {
            LaunchTemplate t = ec2.launchTemplate(spec.launchTemplateId(), spec.launchTemplateName());
            ec2.launchTemplateVersion(t, spec.version());
            return spec.toBuilder().launchTemplateId(t.id()).launchTemplateName(t.name()).build();
        } catch (SimError e) {
            throw SimError.client("ValidationError", e.getMessage());
        }
    }

    private void checkSizes(int min, int max, int desired) {
        if (min > max) {
            throw SimError.client("ValidationError", "Max bound, " + max + ", must be greater than or equal to min bound, " + min);
        }
        if (desired < min || desired > max) {
            throw SimError.client("ValidationError", "Desired capacity:" + desired + " must be between the specified min size:" + min
                    + " and max size:" + max);
        }
    }

    private void checkLoadBalancers(ElbRegion elb, List<String> targetGroups, List<String> loadBalancers) {
        if (Pojos.present(targetGroups)) {
            for (String arn : targetGroups) {
                if (!elb.targetGroups().containsKey(arn)) {
                    throw SimError.client("ValidationError", "Provided Target Groups may not be valid. Please ensure they exist and try again.");
                }
            }
        }
        if (Pojos.present(loadBalancers)) {
            for (String name : loadBalancers) {
                if (!elb.classicLoadBalancers().containsKey(name)) {
                    throw SimError.client("ValidationError", "Provided Load Balancers may not be valid. Please ensure they exist and try again.");
                }
            }
        }
    }

    public CreateAutoScalingGroupResponse handle(CreateAutoScalingGroupRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        Ec2Region ec2 = cloud.region(context).ec2();
        LaunchSource source = source(cloud, ec2, asg, r.launchTemplate(), r.mixedInstancesPolicy(), r.launchConfigurationName());
        if (source == null && r.instanceId() == null) {
            throw SimError.client("ValidationError",
                    "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
        }
        int desired = r.desiredCapacity() == null ? r.minSize() : r.desiredCapacity();
        checkSizes(r.minSize(), r.maxSize(), desired);
        checkLoadBalancers(cloud.region(context).elb(), r.targetGroupARNs(), r.loadBalancerNames());
        AutoScalingGroup g = asg.createGroup(r.autoScalingGroupName());
        g.source = source;
        g.minSize = r.minSize();
        g.maxSize = r.maxSize();
        g.desired = desired;
        if (r.defaultCooldown() != null) {
            g.defaultCooldown = r.defaultCooldown();
        }
        if (r.healthCheckType() != null) {
            g.healthCheckType = r.healthCheckType();
        }
        g.healthCheckGracePeriod = r.healthCheckGracePeriod() == null ? 0 : r.healthCheckGracePeriod();
        g.defaultInstanceWarmup = r.defaultInstanceWarmup();
        g.vpcZoneIdentifier = r.vpcZoneIdentifier();
        if (Pojos.present(r.availabilityZones())) {
            g.availabilityZones = new ArrayList<>(r.availabilityZones());
        }
        if (g.availabilityZones.isEmpty()) {
            ec2.subnets().forEach(s -> {
                if (g.vpcZoneIdentifier == null || g.vpcZoneIdentifier.contains(s.id())) {
                    g.availabilityZones.add(s.availabilityZone());
                }
            });
        }
        if (Pojos.present(r.targetGroupARNs())) {
            g.targetGroupArns.addAll(r.targetGroupARNs());
        }
        if (Pojos.present(r.loadBalancerNames())) {
            g.loadBalancerNames.addAll(r.loadBalancerNames());
        }
        if (Pojos.present(r.tags())) {
            for (Tag t : r.tags()) {
                g.tags.put(t.key(), t.value() == null ? "" : t.value());
                if (!Boolean.FALSE.equals(t.propagateAtLaunch())) {
                    g.propagatedTags.add(t.key());
                }
            }
        }
        if (Pojos.present(r.terminationPolicies()) && !r.terminationPolicies().isEmpty()) {
            g.terminationPolicies = List.copyOf(r.terminationPolicies());
        }
        g.newInstancesProtectedFromScaleIn = Boolean.TRUE.equals(r.newInstancesProtectedFromScaleIn());
        g.maxInstanceLifetime = r.maxInstanceLifetime();
        g.capacityRebalance = Boolean.TRUE.equals(r.capacityRebalance());
        g.instanceMaintenancePolicy = r.instanceMaintenancePolicy();
        asg.requestReconcile(g);
        return CreateAutoScalingGroupResponse.builder().build();
    }

    public UpdateAutoScalingGroupResponse handle(UpdateAutoScalingGroupRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        LaunchSource source = source(cloud, cloud.region(context).ec2(), asg, r.launchTemplate(), r.mixedInstancesPolicy(),
                r.launchConfigurationName());
        int min = r.minSize() == null ? g.minSize : r.minSize();
        int max = r.maxSize() == null ? g.maxSize : r.maxSize();
        int desired = r.desiredCapacity() == null ? Math.max(min, Math.min(max, g.desired)) : r.desiredCapacity();
        checkSizes(min, max, desired);
        if (source != null) {
            g.source = source;
        }
        g.minSize = min;
        g.maxSize = max;
        g.desired = desired;
        if (r.defaultCooldown() != null) {
            g.defaultCooldown = r.defaultCooldown();
        }
        if (r.healthCheckType() != null) {
            g.healthCheckType = r.healthCheckType();
        }
        if (r.healthCheckGracePeriod() != null) {
            g.healthCheckGracePeriod = r.healthCheckGracePeriod();
        }
        if (r.defaultInstanceWarmup() != null) {
            g.defaultInstanceWarmup = r.defaultInstanceWarmup();
        }
        if (r.vpcZoneIdentifier() != null) {
            g.vpcZoneIdentifier = r.vpcZoneIdentifier();
        }
        if (Pojos.present(r.availabilityZones()) && !r.availabilityZones().isEmpty()) {
            g.availabilityZones = new ArrayList<>(r.availabilityZones());
        }
        if (Pojos.present(r.terminationPolicies()) && !r.terminationPolicies().isEmpty()) {
            g.terminationPolicies = List.copyOf(r.terminationPolicies());
        }
        if (r.newInstancesProtectedFromScaleIn() != null) {
            g.newInstancesProtectedFromScaleIn = r.newInstancesProtectedFromScaleIn();
        }
        if (r.maxInstanceLifetime() != null) {
            g.maxInstanceLifetime = r.maxInstanceLifetime();
        }
        if (r.capacityRebalance() != null) {
            g.capacityRebalance = r.capacityRebalance();
        }
        if (r.instanceMaintenancePolicy() != null) {
            g.instanceMaintenancePolicy = r.instanceMaintenancePolicy();
        }
        asg.requestReconcile(g);
        return UpdateAutoScalingGroupResponse.builder().build();
    }

    public DeleteAutoScalingGroupResponse handle(DeleteAutoScalingGroupRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        boolean live = g.members.values().stream().anyMatch(m -> !m.terminating());
        if (live && !Boolean.TRUE.equals(r.forceDelete())) {
            throw SimError.client("ResourceInUse",
                    "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
        }
        Ec2Region ec2 = cloud.region(context).ec2();
        for (GroupMember m : List.copyOf(g.members.values())) {
            asg.deregisterFromLoadBalancers(g, m.instanceId);
            Instance instance = ec2.instances().get(m.instanceId);
            if (instance != null) {
                ec2.terminate(instance);
            }
        }
        asg.deleteGroup(g);
        ScalingRuleActions.groupDeleted(asg, g.name);
        return DeleteAutoScalingGroupResponse.builder().build();
    }

    public DescribeAutoScalingGroupsResponse handle(DescribeAutoScalingGroupsRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        List<AutoScalingGroup> selected = new ArrayList<>();
        boolean named = Pojos.present(r.autoScalingGroupNames()) && !r.autoScalingGroupNames().isEmpty();
        for (AutoScalingGroup g : asg.groups().values()) {
            if (named && !r.autoScalingGroupNames().contains(g.name)) {
                continue;
            }
            if (Pojos.present(r.filters()) && !r.filters().stream().allMatch(f -> filter(g, f))) {
                continue;
            }
            selected.add(g);
        }
        int max = r.maxRecords() == null ? 50 : r.maxRecords();
        if (max < 1 || max > 100) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + max
                    + "' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100");
        }
        Paging<AutoScalingGroup> page = Paging.page(selected, max, r.nextToken(), 50,
                SimError.client("InvalidNextToken", "The token is invalid."));
        boolean instances = r.includeInstances() == null || r.includeInstances();
        return DescribeAutoScalingGroupsResponse.builder()
                .autoScalingGroups(page.items().stream().map(g -> AutoScalingViews.group(g, instances)).toList())
                .nextToken(page.nextToken()).build();
    }

    private static boolean filter(AutoScalingGroup g, Filter f) {
        String name = f.name();
        List<String> values = Pojos.present(f.values()) ? f.values() : List.of();
        if (name.startsWith("tag:")) {
            String v = g.tags.get(name.substring(4));
            return v != null && values.contains(v);
        }
        return switch (name) {
            case "tag-key" -> g.tags.keySet().stream().anyMatch(values::contains);
            case "tag-value" -> g.tags.values().stream().anyMatch(values::contains);
            default -> false;
        };
    }

    public SetDesiredCapacityResponse handle(SetDesiredCapacityRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        if (r.desiredCapacity() < g.minSize || r.desiredCapacity() > g.maxSize) {
            throw SimError.client("ValidationError", "New SetDesiredCapacity value " + r.desiredCapacity()
                    + " is " + (r.desiredCapacity() < g.minSize ? "below min value " + g.minSize : "above max value " + g.maxSize)
                    + " for the AutoScalingGroup.");
        }
        g.desired = r.desiredCapacity();
        asg.requestReconcile(g);
        return SetDesiredCapacityResponse.builder().build();
    }

    public SuspendProcessesResponse handle(SuspendProcessesRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        List<String> processes = Pojos.present(r.scalingProcesses()) && !r.scalingProcesses().isEmpty() ? r.scalingProcesses() : PROCESSES;
        for (String p : processes) {
            if (!PROCESSES.contains(p)) {
                throw SimError.client("ValidationError", "Process " + p + " is not a valid process name");
            }
            g.suspended.put(p, "User suspended at " + AutoScalingRegion.iso(cloud.now()));
        }
        asg.requestReconcile(g);
        return SuspendProcessesResponse.builder().build();
    }

    public ResumeProcessesResponse handle(ResumeProcessesRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        List<String> processes = Pojos.present(r.scalingProcesses()) && !r.scalingProcesses().isEmpty() ? r.scalingProcesses() : PROCESSES;
        processes.forEach(g.suspended::remove);
        asg.requestReconcile(g);
        return ResumeProcessesResponse.builder().build();
    }

    /** Group metrics AWS can send to CloudWatch (EnableMetricsCollection's Metrics). */
    static final List<String> METRICS = List.of("GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances",
            "GroupPendingInstances", "GroupStandbyInstances", "GroupTerminatingInstances", "GroupTotalInstances",
            "GroupInServiceCapacity", "GroupPendingCapacity", "GroupStandbyCapacity", "GroupTerminatingCapacity", "GroupTotalCapacity",
            "WarmPoolDesiredCapacity", "WarmPoolWarmedCapacity", "WarmPoolPendingCapacity", "WarmPoolTerminatingCapacity",
            "WarmPoolTotalCapacity", "GroupAndWarmPoolDesiredCapacity", "GroupAndWarmPoolTotalCapacity");

    /** Metrics named (all of them when none is), each checked. */
    private static List<String> metrics(List<String> named) {
        List<String> metrics = Pojos.present(named) && !named.isEmpty() ? named : METRICS;
        for (String m : metrics) {
            if (!METRICS.contains(m)) {
                throw SimError.client("ValidationError", "Metric " + m + " is not a valid metric name");
            }
        }
        return metrics;
    }

    public EnableMetricsCollectionResponse handle(EnableMetricsCollectionRequest r, RequestContext context) {
        AutoScalingGroup g = asg(context).group(r.autoScalingGroupName());
        if (!"1Minute".equals(r.granularity())) {
            throw SimError.client("ValidationError", "Granularity " + r.granularity() + " is not valid; the only valid value is 1Minute");
        }
        metrics(r.metrics()).forEach(m -> g.enabledMetrics.put(m, r.granularity()));
        return EnableMetricsCollectionResponse.builder().build();
    }

    public DisableMetricsCollectionResponse handle(DisableMetricsCollectionRequest r, RequestContext context) {
        AutoScalingGroup g = asg(context).group(r.autoScalingGroupName());
        metrics(r.metrics()).forEach(g.enabledMetrics::remove);
        return DisableMetricsCollectionResponse.builder().build();
    }

    public AttachLoadBalancerTargetGroupsResponse handle(AttachLoadBalancerTargetGroupsRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        checkLoadBalancers(cloud.region(context).elb(), r.targetGroupARNs(), null);
        attach(asg, g, () -> g.targetGroupArns.addAll(r.targetGroupARNs()));
        return AttachLoadBalancerTargetGroupsResponse.builder().build();
    }

    public DetachLoadBalancerTargetGroupsResponse handle(DetachLoadBalancerTargetGroupsRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        ElbRegion elb = cloud.region(context).elb();
        for (String arn : r.targetGroupARNs()) {
            if (g.targetGroupArns.remove(arn) && elb.targetGroups().containsKey(arn)) {
                g.members.keySet().forEach(id -> elb.deregister(elb.targetGroups().get(arn), id));
            }
        }
        asg.requestReconcile(g);
        return DetachLoadBalancerTargetGroupsResponse.builder().build();
    }

    public DescribeLoadBalancerTargetGroupsResponse handle(DescribeLoadBalancerTargetGroupsRequest r, RequestContext context) {
        AutoScalingGroup g = asg(context).group(r.autoScalingGroupName());
        return DescribeLoadBalancerTargetGroupsResponse.builder().loadBalancerTargetGroups(g.targetGroupArns.stream()
                .map(arn -> LoadBalancerTargetGroupState.builder().loadBalancerTargetGroupARN(arn).state("InService").build())
                .toList()).build();
    }

    public AttachLoadBalancersResponse handle(AttachLoadBalancersRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        checkLoadBalancers(cloud.region(context).elb(), null, r.loadBalancerNames());
        attach(asg, g, () -> g.loadBalancerNames.addAll(r.loadBalancerNames()));
        return AttachLoadBalancersResponse.builder().build();
    }

    public DetachLoadBalancersResponse handle(DetachLoadBalancersRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        ElbRegion elb = cloud.region(context).elb();
        for (String name : r.loadBalancerNames()) {
            if (g.loadBalancerNames.remove(name) && elb.classicLoadBalancers().containsKey(name)) {
                g.members.keySet().forEach(id -> elb.deregister(elb.classicLoadBalancers().get(name), id));
            }
        }
        asg.requestReconcile(g);
        return DetachLoadBalancersResponse.builder().build();
    }

    public DescribeLoadBalancersResponse handle(DescribeLoadBalancersRequest r, RequestContext context) {
        AutoScalingGroup g = asg(context).group(r.autoScalingGroupName());
        return DescribeLoadBalancersResponse.builder().loadBalancers(g.loadBalancerNames.stream()
                .map(n -> LoadBalancerState.builder().loadBalancerName(n).state("InService").build()).toList()).build();
    }

    private void attach(AutoScalingRegion asg, AutoScalingGroup g, Runnable change) {
        change.run();
        Ec2Region ec2 = asg.region().ec2();
        for (GroupMember m : g.members.values()) {
            Instance instance = ec2.instances().get(m.instanceId);
            if (m.counting() && instance != null) {
                asg.registerWithLoadBalancers(g, instance);
            }
        }
        asg.requestReconcile(g);
    }

    public PutScalingPolicyResponse handle(PutScalingPolicyRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        // Putting a policy again under its name updates it: its ARN stays.
        String arn = asg.policies.stream().filter(p -> p.autoScalingGroupName().equals(g.name) && p.policyName().equals(r.policyName()))
                .map(ScalingPolicy::policyARN).findFirst()
                .orElseGet(() -> "arn:aws:autoscaling:" + asg.region().name() + ":" + cloud.accountId() + ":scalingPolicy:"
                        + cloud.ids().uuid() + ":autoScalingGroupName/" + g.name + ":policyName/" + r.policyName());
        asg.policies.removeIf(p -> p.autoScalingGroupName().equals(g.name) && p.policyName().equals(r.policyName()));
        asg.policies.add(ScalingPolicy.builder().autoScalingGroupName(g.name).policyName(r.policyName()).policyARN(arn)
                .policyType(r.policyType() == null ? "SimpleScaling" : r.policyType()).adjustmentType(r.adjustmentType())
                .scalingAdjustment(r.scalingAdjustment()).cooldown(r.cooldown()).minAdjustmentMagnitude(r.minAdjustmentMagnitude())
                .estimatedInstanceWarmup(r.estimatedInstanceWarmup()).metricAggregationType(r.metricAggregationType())
                .stepAdjustments(Pojos.present(r.stepAdjustments()) ? r.stepAdjustments() : List.of())
                .targetTrackingConfiguration(r.targetTrackingConfiguration()).enabled(r.enabled() == null || r.enabled())
                .alarms(List.of()).build());
        return PutScalingPolicyResponse.builder().policyARN(arn).alarms(List.of()).build();
    }

    public DescribePoliciesResponse handle(DescribePoliciesRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        List<ScalingPolicy> selected = asg.policies.stream()
                .filter(p -> r.autoScalingGroupName() == null || p.autoScalingGroupName().equals(r.autoScalingGroupName()))
                .filter(p -> !Pojos.present(r.policyNames()) || r.policyNames().isEmpty() || r.policyNames().contains(p.policyName()))
                .filter(p -> !Pojos.present(r.policyTypes()) || r.policyTypes().isEmpty() || r.policyTypes().contains(p.policyType()))
                .toList();
        Paging<ScalingPolicy> page = Paging.page(selected, r.maxRecords(), r.nextToken(), 50,
                SimError.client("InvalidNextToken", "The token is invalid."));
        return DescribePoliciesResponse.builder().scalingPolicies(page.items()).nextToken(page.nextToken()).build();
    }

    public DescribeScalingActivitiesResponse handle(DescribeScalingActivitiesRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        List<software.amazon.awssdk.services.autoscaling.model.Activity> all = new ArrayList<>();
        for (AutoScalingGroup g : asg.groups().values()) {
            if (r.autoScalingGroupName() != null && !g.name.equals(r.autoScalingGroupName())) {
                continue;
            }
            for (Activity a : g.activities) {
                if (!Pojos.present(r.activityIds()) || r.activityIds().isEmpty() || r.activityIds().contains(a.id)) {
                    all.add(AutoScalingViews.activity(g, a));
                }
            }
        }
        if (r.autoScalingGroupName() != null && !asg.groups().containsKey(r.autoScalingGroupName())) {
            asg.group(r.autoScalingGroupName());
        }
        // Newest first; activities still in progress lead.
        all.sort((a, b) -> {
            boolean aOpen = a.endTime() == null;
            boolean bOpen = b.endTime() == null;
            if (aOpen != bOpen) {
                return aOpen ? -1 : 1;
            }
            return b.startTime().compareTo(a.startTime());
        });
        Paging<software.amazon.awssdk.services.autoscaling.model.Activity> page = Paging.page(all, r.maxRecords(), r.nextToken(), 100,
                SimError.client("InvalidNextToken", "The token is invalid."));
        return DescribeScalingActivitiesResponse.builder().activities(page.items()).nextToken(page.nextToken()).build();
    }

    public CreateLaunchConfigurationResponse handle(CreateLaunchConfigurationRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        if (r.imageId() != null) {
            cloud.region(context).ec2().image(r.imageId());
        }
        asg.addLaunchConfiguration(new AutoScalingRegion.LaunchConfiguration(r.launchConfigurationName(), r.imageId(),
                r.instanceType() == null ? "m1.small" : r.instanceType(), r.userData(), cloud.now()));
        return CreateLaunchConfigurationResponse.builder().build();
    }

    public DescribeLaunchConfigurationsResponse handle(DescribeLaunchConfigurationsRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        List<LaunchConfiguration> configurations = new ArrayList<>();
        for (Map.Entry<String, AutoScalingRegion.LaunchConfiguration> e : asg.launchConfigurations().entrySet()) {
            if (Pojos.present(r.launchConfigurationNames()) && !r.launchConfigurationNames().isEmpty()
                    && !r.launchConfigurationNames().contains(e.getKey())) {
                continue;
            }
            AutoScalingRegion.LaunchConfiguration lc = e.getValue();
            configurations.add(LaunchConfiguration.builder().launchConfigurationName(lc.name()).launchConfigurationARN(
                    "arn:aws:autoscaling:" + asg.region().name() + ":" + cloud.accountId() + ":launchConfiguration:"
                            + lc.name().hashCode() + ":launchConfigurationName/" + lc.name())
                    .imageId(lc.imageId()).instanceType(lc.instanceType()).userData(lc.userData()).createdTime(lc.createdTime())
                    .securityGroups(List.of()).blockDeviceMappings(List.of()).build());
        }
        Paging<LaunchConfiguration> page = Paging.page(configurations, r.maxRecords(), r.nextToken(), 50,
                SimError.client("InvalidNextToken", "The token is invalid."));
        return DescribeLaunchConfigurationsResponse.builder().launchConfigurations(page.items()).nextToken(page.nextToken()).build();
    }
}
