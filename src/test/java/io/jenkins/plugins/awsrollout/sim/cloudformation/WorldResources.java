package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.autoscaling.AutoScalingGroupActions;
import io.jenkins.plugins.awsrollout.sim.autoscaling.ScalingRuleActions;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2LaunchTemplateActions;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2NetworkActions;
import io.jenkins.plugins.awsrollout.sim.elb.ElbV2Actions;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.autoscaling.model.AttachLoadBalancerTargetGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteScheduledActionRequest;
import software.amazon.awssdk.services.autoscaling.model.DetachLoadBalancerTargetGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.PutScheduledUpdateGroupActionRequest;
import software.amazon.awssdk.services.autoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TargetTrackingConfiguration;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;

/**
 * The resource types that are real in the simulated world: a stack makes them through the same code as the
 * services' own API calls, so what it defines is what every other step sees. Any other type is generic: a generated
 * physical id, nothing else in the world.
 */
final class WorldResources {
    /** What a resource operation works with. */
    record Context(Cloud cloud, CloudRegion region, Stack stack) {
        RequestContext request(String action) {
            return new RequestContext("cloudformation", action, region.name(), "cloudformation", cloud.ids().uuid(), Map.of());
        }
    }

    /** Create, update and delete of one type; {@code update} gets the resource with its old properties still set. */
    interface Provider {
        void create(Context c, LiveResource r, Map<String, Object> p);

        void update(Context c, LiveResource r, Map<String, Object> p);

        void delete(Context c, LiveResource r);
    }

    private static final Map<String, Provider> REAL = Map.of(
            "AWS::EC2::SecurityGroup", new SecurityGroups(),
            "AWS::EC2::LaunchTemplate", new LaunchTemplates(),
            "AWS::ElasticLoadBalancingV2::TargetGroup", new TargetGroups(),
            "AWS::ElasticLoadBalancingV2::LoadBalancer", new LoadBalancers(),
            "AWS::ElasticLoadBalancingV2::Listener", new Listeners(),
            "AWS::AutoScaling::AutoScalingGroup", new Groups(),
            "AWS::AutoScaling::ScalingPolicy", new Policies(),
            "AWS::AutoScaling::ScheduledAction", new Schedules());

    private WorldResources() {}

    static Provider of(String type) {
        return REAL.getOrDefault(type, new Generic());
    }

    private static String name(Context c, LiveResource r, Map<String, Object> p, String property, int max) {
        String given = TemplateValues.text(p, property);
        return given != null ? given : ResourceTypes.generatedName(c.stack(), r.logicalId, c.cloud().ids().upper("", 12), max);
    }

    /** Any other type: a physical id (its {@code <Type>Name} property, or a generated one) and nothing else. */
    static final class Generic implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            Object own = p.get(ResourceTypes.shortName(r.type) + "Name");
            r.physicalId = own != null ? Intrinsics.text(own) : name(c, r, p, "Name", 128);
        }

        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {}

        @Override
        public void delete(Context c, LiveResource r) {}
    }

    static final class SecurityGroups implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            var created = new Ec2NetworkActions(c.cloud()).handle(CreateSecurityGroupRequest.builder()
                    .groupName(name(c, r, p, "GroupName", 255))
                    .description(Objects.requireNonNullElse(TemplateValues.text(p, "GroupDescription"), r.logicalId))
                    .vpcId(TemplateValues.text(p, "VpcId"))
                    .tagSpecifications(TagSpecification.builder().resourceType("security-group").tags(TemplateValues.tags(p, "Tags")
                            .entrySet().stream().map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(e.getKey())
                                    .value(e.getValue()).build()).toList()).build())
                    .build(), c.request("CreateSecurityGroup"));
            r.physicalId = created.groupId();
            r.attributes.put("GroupId", created.groupId());
            r.attributes.put("VpcId", c.region().ec2().securityGroups().get(created.groupId()).vpcId());
        }

        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {}

        @Override
        public void delete(Context c, LiveResource r) {
            if (c.region().ec2().securityGroups().containsKey(r.physicalId)) {
                new Ec2NetworkActions(c.cloud()).handle(DeleteSecurityGroupRequest.builder().groupId(r.physicalId).build(),
                        c.request("DeleteSecurityGroup"));
            }
        }
    }

    static final class LaunchTemplates implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            var created = new Ec2LaunchTemplateActions(c.cloud()).handle(CreateLaunchTemplateRequest.builder()
                    .launchTemplateName(name(c, r, p, "LaunchTemplateName", 128))
                    .versionDescription(TemplateValues.text(p, "VersionDescription"))
                    .launchTemplateData(TemplateValues.<RequestLaunchTemplateData>toPojo(p.get("LaunchTemplateData"),
                            RequestLaunchTemplateData::builder))
                    .build(), c.request("CreateLaunchTemplate")).launchTemplate();
            r.physicalId = created.launchTemplateId();
            r.attributes.put("LaunchTemplateId", created.launchTemplateId());
            r.attributes.put("LatestVersionNumber", "1");
            r.attributes.put("DefaultVersionNumber", "1");
        }

        /** New data is a new version, made the default (as CloudFormation does). */
        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {
            if (Objects.equals(r.properties.get("LaunchTemplateData"), p.get("LaunchTemplateData"))) {
                return;
            }
            Ec2LaunchTemplateActions actions = new Ec2LaunchTemplateActions(c.cloud());
            long version = actions.handle(CreateLaunchTemplateVersionRequest.builder().launchTemplateId(r.physicalId)
                    .versionDescription(TemplateValues.text(p, "VersionDescription"))
                    .launchTemplateData(TemplateValues.<RequestLaunchTemplateData>toPojo(p.get("LaunchTemplateData"),
                            RequestLaunchTemplateData::builder))
                    .build(), c.request("CreateLaunchTemplateVersion")).launchTemplateVersion().versionNumber();
            actions.handle(ModifyLaunchTemplateRequest.builder().launchTemplateId(r.physicalId).defaultVersion(Long.toString(version))
                    .build(), c.request("ModifyLaunchTemplate"));
            r.attributes.put("LatestVersionNumber", Long.toString(version));
            r.attributes.put("DefaultVersionNumber", Long.toString(version));
        }

        @Override
        public void delete(Context c, LiveResource r) {
            if (c.region().ec2().launchTemplates().containsKey(r.physicalId)) {
                new Ec2LaunchTemplateActions(c.cloud()).handle(DeleteLaunchTemplateRequest.builder().launchTemplateId(r.physicalId)
                        .build(), c.request("DeleteLaunchTemplate"));
            }
        }
    }

    static final class TargetGroups implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            var created = new ElbV2Actions(c.cloud()).handle(CreateTargetGroupRequest.builder()
                    .name(name(c, r, p, "Name", 32))
                    .protocol(TemplateValues.text(p, "Protocol"))
                    .port(TemplateValues.integer(p, "Port"))
                    .vpcId(TemplateValues.text(p, "VpcId"))
                    .healthCheckPath(TemplateValues.text(p, "HealthCheckPath"))
                    .build(), c.request("CreateTargetGroup")).targetGroups().get(0);
            r.physicalId = created.targetGroupArn();
            r.attributes.put("TargetGroupArn", created.targetGroupArn());
            r.attributes.put("TargetGroupName", created.targetGroupName());
            r.attributes.put("TargetGroupFullName", created.targetGroupArn().substring(created.targetGroupArn().indexOf("targetgroup/")));
            r.attributes.put("LoadBalancerArns", List.of());
            attributes(c, r, p);
        }

        private static void attributes(Context c, LiveResource r, Map<String, Object> p) {
            TargetGroup tg = c.region().elb().targetGroups().get(r.physicalId);
            if (tg != null && p.get("TargetGroupAttributes") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> attribute) {
                        c.region().elb().setAttribute(tg, String.valueOf(attribute.get("Key")), Intrinsics.text(attribute.get("Value")));
                    }
                }
            }
        }

        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {
            attributes(c, r, p);
        }

        @Override
        public void delete(Context c, LiveResource r) {
            new ElbV2Actions(c.cloud()).handle(DeleteTargetGroupRequest.builder().targetGroupArn(r.physicalId).build(),
                    c.request("DeleteTargetGroup"));
        }
    }

    static final class LoadBalancers implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            var created = new ElbV2Actions(c.cloud()).handle(CreateLoadBalancerRequest.builder()
                    .name(name(c, r, p, "Name", 32))
                    .type(TemplateValues.text(p, "Type"))
                    .scheme(TemplateValues.text(p, "Scheme"))
                    .subnets(TemplateValues.texts(p, "Subnets"))
                    .securityGroups(TemplateValues.texts(p, "SecurityGroups"))
                    .build(), c.request("CreateLoadBalancer")).loadBalancers().get(0);
            r.physicalId = created.loadBalancerArn();
            r.attributes.put("LoadBalancerArn", created.loadBalancerArn());
            r.attributes.put("LoadBalancerName", created.loadBalancerName());
            r.attributes.put("DNSName", created.dnsName());
            r.attributes.put("LoadBalancerFullName", created.loadBalancerArn().substring(created.loadBalancerArn().indexOf(":loadbalancer/")
                    + ":loadbalancer/".length()));
            r.attributes.put("CanonicalHostedZoneID", "Z35SXDOTRQ7X7K");
        }

        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {}

        @Override
        public void delete(Context c, LiveResource r) {
            c.region().elb().deleteLoadBalancer(r.physicalId);
        }
    }

    static final class Listeners implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            List<Action> actions = p.get("DefaultActions") instanceof List<?> list
                    ? list.stream().map(a -> TemplateValues.<Action>toPojo(a, Action::builder)).toList() : List.of();
            var created = new ElbV2Actions(c.cloud()).handle(CreateListenerRequest.builder()
                    .loadBalancerArn(TemplateValues.text(p, "LoadBalancerArn"))
                    .protocol(TemplateValues.text(p, "Protocol"))
                    .port(TemplateValues.integer(p, "Port"))
                    .defaultActions(actions)
                    .build(), c.request("CreateListener")).listeners().get(0);
            r.physicalId = created.listenerArn();
            r.attributes.put("ListenerArn", created.listenerArn());
        }

        /** A new target to forward to: the listener is made again (the simulated world keeps listeners simple). */
        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {
            delete(c, r);
            create(c, r, p);
        }

        @Override
        public void delete(Context c, LiveResource r) {
            c.region().elb().deleteListener(r.physicalId);
        }
    }

    static final class Groups implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            String name = name(c, r, p, "AutoScalingGroupName", 255);
            List<String> subnets = TemplateValues.texts(p, "VPCZoneIdentifier");
            new AutoScalingGroupActions(c.cloud()).handle(CreateAutoScalingGroupRequest.builder()
                    .autoScalingGroupName(name)
                    .launchTemplate(launchTemplate(p))
                    .launchConfigurationName(TemplateValues.text(p, "LaunchConfigurationName"))
                    .minSize(TemplateValues.integer(p, "MinSize"))
                    .maxSize(TemplateValues.integer(p, "MaxSize"))
                    .desiredCapacity(TemplateValues.integer(p, "DesiredCapacity"))
                    .defaultCooldown(TemplateValues.integer(p, "Cooldown"))
                    .healthCheckType(TemplateValues.text(p, "HealthCheckType"))
                    .healthCheckGracePeriod(TemplateValues.integer(p, "HealthCheckGracePeriod"))
                    .defaultInstanceWarmup(TemplateValues.integer(p, "DefaultInstanceWarmup"))
                    .vpcZoneIdentifier(subnets == null ? null : String.join(",", subnets))
                    .availabilityZones(TemplateValues.texts(p, "AvailabilityZones"))
                    .targetGroupARNs(TemplateValues.texts(p, "TargetGroupARNs"))
                    .loadBalancerNames(TemplateValues.texts(p, "LoadBalancerNames"))
                    .terminationPolicies(TemplateValues.texts(p, "TerminationPolicies"))
                    .tags(tags(name, p))
                    .build(), c.request("CreateAutoScalingGroup"));
            r.physicalId = name;
        }

        private static LaunchTemplateSpecification launchTemplate(Map<String, Object> p) {
            return TemplateValues.toPojo(p.get("LaunchTemplate"), LaunchTemplateSpecification::builder);
        }

        private static List<Tag> tags(String group, Map<String, Object> p) {
            List<Tag> tags = new ArrayList<>();
            if (p.get("Tags") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> tag) {
                        tags.add(Tag.builder().key(String.valueOf(tag.get("Key"))).value(Intrinsics.text(tag.get("Value")))
                                .propagateAtLaunch(!"false".equalsIgnoreCase(String.valueOf(tag.get("PropagateAtLaunch"))))
                                .resourceId(group).resourceType("auto-scaling-group").build());
                    }
                }
            }
            return tags;
        }

        /** Only what changed is sent, as CloudFormation does: a group scaled since keeps its capacity. */
        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {
            Map<String, Object> old = r.properties;
            UpdateAutoScalingGroupRequest.Builder b = UpdateAutoScalingGroupRequest.builder().autoScalingGroupName(r.physicalId);
            boolean changed = false;
            for (String property : List.of("MinSize", "MaxSize", "DesiredCapacity", "HealthCheckGracePeriod", "Cooldown",
                    "DefaultInstanceWarmup")) {
                if (!Objects.equals(old.get(property), p.get(property)) && p.get(property) != null) {
                    Integer value = TemplateValues.integer(p, property);
                    switch (property) {
                        case "MinSize" -> b.minSize(value);
                        case "MaxSize" -> b.maxSize(value);
                        case "DesiredCapacity" -> b.desiredCapacity(value);
                        case "HealthCheckGracePeriod" -> b.healthCheckGracePeriod(value);
                        case "Cooldown" -> b.defaultCooldown(value);
                        default -> b.defaultInstanceWarmup(value);
                    }
                    changed = true;
                }
            }
            if (!Objects.equals(old.get("LaunchTemplate"), p.get("LaunchTemplate")) && p.get("LaunchTemplate") != null) {
                b.launchTemplate(launchTemplate(p));
                changed = true;
            }
            if (!Objects.equals(old.get("HealthCheckType"), p.get("HealthCheckType")) && p.get("HealthCheckType") != null) {
                b.healthCheckType(TemplateValues.text(p, "HealthCheckType"));
                changed = true;
            }
            if (!Objects.equals(old.get("VPCZoneIdentifier"), p.get("VPCZoneIdentifier")) && p.get("VPCZoneIdentifier") != null) {
                b.vpcZoneIdentifier(String.join(",", TemplateValues.texts(p, "VPCZoneIdentifier")));
                changed = true;
            }
            AutoScalingGroupActions actions = new AutoScalingGroupActions(c.cloud());
            if (changed) {
                actions.handle(b.build(), c.request("UpdateAutoScalingGroup"));
            }
            List<String> before = Objects.requireNonNullElse(TemplateValues.texts(old, "TargetGroupARNs"), List.of());
            List<String> after = Objects.requireNonNullElse(TemplateValues.texts(p, "TargetGroupARNs"), List.of());
            List<String> attach = after.stream().filter(a -> !before.contains(a)).toList();
            List<String> detach = before.stream().filter(a -> !after.contains(a)).toList();
            if (!attach.isEmpty()) {
                actions.handle(AttachLoadBalancerTargetGroupsRequest.builder().autoScalingGroupName(r.physicalId)
                        .targetGroupARNs(attach).build(), c.request("AttachLoadBalancerTargetGroups"));
            }
            if (!detach.isEmpty()) {
                actions.handle(DetachLoadBalancerTargetGroupsRequest.builder().autoScalingGroupName(r.physicalId)
                        .targetGroupARNs(detach).build(), c.request("DetachLoadBalancerTargetGroups"));
            }
        }

        @Override
        public void delete(Context c, LiveResource r) {
            if (c.region().autoScaling().groups().containsKey(r.physicalId)) {
                new AutoScalingGroupActions(c.cloud()).handle(DeleteAutoScalingGroupRequest.builder().autoScalingGroupName(r.physicalId)
                        .forceDelete(true).build(), c.request("DeleteAutoScalingGroup"));
            }
        }
    }

    static final class Policies implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            String name = ResourceTypes.generatedName(c.stack(), r.logicalId, c.cloud().ids().upper("", 12), 255);
            put(c, r, p, name);
        }

        private static void put(Context c, LiveResource r, Map<String, Object> p, String name) {
            String arn = new AutoScalingGroupActions(c.cloud()).handle(PutScalingPolicyRequest.builder()
                    .autoScalingGroupName(TemplateValues.text(p, "AutoScalingGroupName"))
                    .policyName(name)
                    .policyType(Objects.requireNonNullElse(TemplateValues.text(p, "PolicyType"), "SimpleScaling"))
                    .adjustmentType(TemplateValues.text(p, "AdjustmentType"))
                    .scalingAdjustment(TemplateValues.integer(p, "ScalingAdjustment"))
                    .cooldown(TemplateValues.integer(p, "Cooldown"))
                    .minAdjustmentMagnitude(TemplateValues.integer(p, "MinAdjustmentMagnitude"))
                    .estimatedInstanceWarmup(TemplateValues.integer(p, "EstimatedInstanceWarmup"))
                    .metricAggregationType(TemplateValues.text(p, "MetricAggregationType"))
                    .stepAdjustments(p.get("StepAdjustments") instanceof List<?> steps ? steps.stream()
                            .map(s -> TemplateValues.<StepAdjustment>toPojo(s, StepAdjustment::builder)).toList() : null)
                    .targetTrackingConfiguration(TemplateValues.<TargetTrackingConfiguration>toPojo(
                            p.get("TargetTrackingConfiguration"), TargetTrackingConfiguration::builder))
                    .build(), c.request("PutScalingPolicy")).policyARN();
            r.physicalId = arn;
            r.attributes.put("Arn", arn);
            r.attributes.put("PolicyName", name);
        }

        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {
            put(c, r, p, String.valueOf(r.attributes.get("PolicyName")));
        }

        @Override
        public void delete(Context c, LiveResource r) {
            try {
                new ScalingRuleActions(c.cloud()).handle(DeletePolicyRequest.builder().policyName(r.physicalId).build(),
                        c.request("DeletePolicy"));
            } catch (RuntimeException gone) {
                // Deleted with its group already: nothing to do.
            }
        }
    }

    static final class Schedules implements Provider {
        @Override
        public void create(Context c, LiveResource r, Map<String, Object> p) {
            put(c, r, p, ResourceTypes.generatedName(c.stack(), r.logicalId, c.cloud().ids().upper("", 12), 255));
        }

        private static void put(Context c, LiveResource r, Map<String, Object> p, String name) {
            new ScalingRuleActions(c.cloud()).handle(PutScheduledUpdateGroupActionRequest.builder()
                    .autoScalingGroupName(TemplateValues.text(p, "AutoScalingGroupName"))
                    .scheduledActionName(name)
                    .minSize(TemplateValues.integer(p, "MinSize"))
                    .maxSize(TemplateValues.integer(p, "MaxSize"))
                    .desiredCapacity(TemplateValues.integer(p, "DesiredCapacity"))
                    .recurrence(TemplateValues.text(p, "Recurrence"))
                    .startTime(p.get("StartTime") == null ? null : java.time.Instant.parse(TemplateValues.text(p, "StartTime")))
                    .endTime(p.get("EndTime") == null ? null : java.time.Instant.parse(TemplateValues.text(p, "EndTime")))
                    .timeZone(TemplateValues.text(p, "TimeZone"))
                    .build(), c.request("PutScheduledUpdateGroupAction"));
            r.physicalId = name;
        }

        @Override
        public void update(Context c, LiveResource r, Map<String, Object> p) {
            put(c, r, p, r.physicalId);
        }

        @Override
        public void delete(Context c, LiveResource r) {
            try {
                new ScalingRuleActions(c.cloud()).handle(DeleteScheduledActionRequest.builder()
                        .autoScalingGroupName(TemplateValues.text(r.properties, "AutoScalingGroupName"))
                        .scheduledActionName(r.physicalId).build(), c.request("DeleteScheduledAction"));
            } catch (RuntimeException gone) {
                // Deleted with its group already: nothing to do.
            }
        }
    }

    static Map<String, Object> copy(Map<String, Object> properties) {
        return new LinkedHashMap<>(properties);
    }
}
