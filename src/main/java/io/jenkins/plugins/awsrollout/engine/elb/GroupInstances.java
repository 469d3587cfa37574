package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/** The InService instances of an Auto Scaling group: one DescribeAutoScalingGroups. */
final class GroupInstances {

    private GroupInstances() {}

    static List<Target> inService(AwsSession aws, String groupName) {
        List<AutoScalingGroup> groups = aws.autoScaling()
                .describeAutoScalingGroups(r -> r.autoScalingGroupNames(groupName))
                .autoScalingGroups();
        if (groups.isEmpty()) {
            throw new OperationFailedException("Auto Scaling group " + groupName + " was not found in " + aws.region() + ".");
        }
        List<Target> targets = groups.get(0).instances().stream()
                .filter(i -> "InService".equals(i.lifecycleStateAsString()))
                .map(Instance::instanceId)
                .sorted()
                .map(Target::instance)
                .toList();
        if (targets.isEmpty()) {
            throw new OperationFailedException("Auto Scaling group " + groupName + " has no InService instances.");
        }
        return targets;
    }
}
