package io.jenkins.plugins.awsrollout.sim.cloudformation;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What CloudFormation knows per resource type: how long creating, updating and deleting take, which property changes
 * replace the resource (a table of known properties; a {@code <Type>Name} or {@code Name} property replaces any
 * other type), and the generic physical ids and attributes of types that are not real in the simulated world.
 */
final class ResourceTypes {
    private ResourceTypes() {}

    /** Seconds to create, update, delete. */
    private record Durations(int create, int update, int delete) {}

    private static final Durations DEFAULT = new Durations(10, 10, 10);
    private static final Map<String, Durations> DURATIONS = Map.of(
            "AWS::EC2::SecurityGroup", new Durations(6, 4, 4),
            "AWS::EC2::LaunchTemplate", new Durations(3, 3, 2),
            "AWS::ElasticLoadBalancingV2::TargetGroup", new Durations(15, 5, 5),
            "AWS::ElasticLoadBalancingV2::LoadBalancer", new Durations(120, 10, 30),
            "AWS::ElasticLoadBalancingV2::Listener", new Durations(3, 3, 3),
            "AWS::AutoScaling::AutoScalingGroup", new Durations(60, 30, 90),
            "AWS::AutoScaling::ScalingPolicy", new Durations(5, 5, 3),
            "AWS::AutoScaling::ScheduledAction", new Durations(5, 5, 3),
            "AWS::IAM::Role", new Durations(20, 10, 10),
            "AWS::IAM::InstanceProfile", new Durations(120, 10, 30));

    /** Properties whose change needs a new physical resource. */
    private static final Map<String, Set<String>> REPLACE = Map.ofEntries(
            Map.entry("AWS::EC2::SecurityGroup", Set.of("GroupName", "GroupDescription", "VpcId")),
            Map.entry("AWS::EC2::LaunchTemplate", Set.of("LaunchTemplateName")),
            Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", Set.of("Name", "Scheme", "Type")),
            Map.entry("AWS::ElasticLoadBalancingV2::Listener", Set.of("LoadBalancerArn")),
            Map.entry("AWS::ElasticLoadBalancingV2::TargetGroup",
                    Set.of("Name", "Port", "Protocol", "ProtocolVersion", "TargetType", "VpcId", "IpAddressType")),
            Map.entry("AWS::AutoScaling::AutoScalingGroup", Set.of("AutoScalingGroupName", "InstanceId")),
            Map.entry("AWS::AutoScaling::ScalingPolicy", Set.of("AutoScalingGroupName")),
            Map.entry("AWS::AutoScaling::ScheduledAction", Set.of("AutoScalingGroupName")),
            Map.entry("AWS::EC2::Instance", Set.of("ImageId", "AvailabilityZone", "SubnetId", "KeyName", "NetworkInterfaces")),
            Map.entry("AWS::IAM::Role", Set.of("RoleName", "Path")),
            Map.entry("AWS::S3::Bucket", Set.of("BucketName")),
            Map.entry("AWS::SQS::Queue", Set.of("QueueName", "FifoQueue")),
            Map.entry("AWS::SNS::Topic", Set.of("TopicName", "FifoTopic")),
            Map.entry("AWS::DynamoDB::Table", Set.of("TableName", "KeySchema")));

    /** Properties whose change may need a new resource, depending on the values (CloudFormation's "Conditional"). */
    private static final Map<String, Set<String>> CONDITIONAL = Map.of(
            "AWS::EC2::Instance", Set.of("InstanceType", "UserData", "EbsOptimized"),
            "AWS::DynamoDB::Table", Set.of("AttributeDefinitions"));

    static Duration create(String type) {
        return Duration.ofSeconds(DURATIONS.getOrDefault(type, DEFAULT).create());
    }

    static Duration update(String type) {
        return Duration.ofSeconds(DURATIONS.getOrDefault(type, DEFAULT).update());
    }

    static Duration delete(String type) {
        return Duration.ofSeconds(DURATIONS.getOrDefault(type, DEFAULT).delete());
    }

    /** {@code Always}, {@code Conditionally} or {@code Never}, as ResourceTargetDefinition.RequiresRecreation says. */
    static String recreation(String type, String property) {
        Set<String> replace = REPLACE.get(type);
        if (replace != null ? replace.contains(property) : property.equals("Name") || property.equals(shortName(type) + "Name")) {
            return "Always";
        }
        return CONDITIONAL.getOrDefault(type, Set.of()).contains(property) ? "Conditionally" : "Never";
    }

    private static final Map<String, String> NAME_PROPERTY = Map.of("AWS::EC2::SecurityGroup", "GroupName",
            "AWS::EC2::LaunchTemplate", "LaunchTemplateName", "AWS::ElasticLoadBalancingV2::TargetGroup", "Name",
            "AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName");

    /** The property that names a resource of this type, when the template sets it. */
    static String nameProperty(String type) {
        return NAME_PROPERTY.getOrDefault(type, shortName(type) + "Name");
    }

    /** {@code AWS::SQS::Queue} -> {@code Queue}. */
    static String shortName(String type) {
        return type.substring(type.lastIndexOf(':') + 1);
    }

    /** A generated name as CloudFormation makes them: stack, logical id and a random suffix, at most {@code max}. */
    static String generatedName(Stack stack, String logicalId, String suffix, int max) {
        String base = stack.name + "-" + logicalId;
        int room = max - suffix.length() - 1;
        return (base.length() > room ? base.substring(0, room) : base) + "-" + suffix;
    }

    /** An attribute of a type the world does not model: Arn from the physical id, anything else derived from it. */
    static Object genericAttribute(LiveResource live, String attribute, CloudFormationRegion region) {
        if (attribute.equals("Arn")) {
            String[] parts = live.type.split("::");
            String service = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "service";
            return "arn:aws:" + service + ":" + region.name() + ":" + region.accountId() + ":"
                    + shortName(live.type).toLowerCase(Locale.ROOT) + "/" + live.physicalId;
        }
        return live.physicalId + "." + attribute;
    }
}
