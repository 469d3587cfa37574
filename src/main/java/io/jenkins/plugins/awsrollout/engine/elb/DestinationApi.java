package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.util.List;
import java.util.Map;

/** The three calls a wait needs, for one kind of destination: one call each, whatever the number of targets. */
interface DestinationApi {

    /**
     * Every target the destination lists now (registered, initial, draining...), by {@link Destination#keyOf key},
     * in AWS's order: one DescribeTargetHealth or DescribeInstanceHealth.
     */
    Map<String, TargetStatus> describe(AwsSession aws, Destination destination);

    /** Registers {@code targets}: one RegisterTargets or RegisterInstancesWithLoadBalancer. */
    void register(AwsSession aws, Destination destination, List<Target> targets);

    /** Deregisters {@code targets}: one DeregisterTargets or DeregisterInstancesFromLoadBalancer. */
    void deregister(AwsSession aws, Destination destination, List<Target> targets);

    /** How a target the destination does not list reads. */
    TargetStatus notRegistered();

    static DestinationApi of(Destination destination) {
        return destination.classic() ? ClassicElbApi.INSTANCE : TargetGroupApi.INSTANCE;
    }

    /** Applies {@code action} to {@code targets}. */
    default void apply(ElbAction action, AwsSession aws, Destination destination, List<Target> targets) {
        if (action == ElbAction.REGISTER) {
            register(aws, destination, targets);
        } else {
            deregister(aws, destination, targets);
        }
    }
}
