package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancing.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancing.model.InstanceState;
import software.amazon.awssdk.services.elasticloadbalancing.model.InvalidInstanceException;

/** Classic load balancers: instances only, no ports. */
final class ClassicElbApi implements DestinationApi {

    static final ClassicElbApi INSTANCE = new ClassicElbApi();

    private ClassicElbApi() {}

    /**
     * Without {@code Instances}, DescribeInstanceHealth describes the registered instances only; named explicitly, an
     * instance is described even when it is not registered, and an unknown id is an error. Listing all tells
     * "registered" from "not" without depending on descriptions, and gives the guard the whole load balancer.
     */
    @Override
    public Map<String, TargetStatus> describe(AwsSession aws, Destination destination) {
        Map<String, TargetStatus> listed = new LinkedHashMap<>();
        for (InstanceState s : aws.elb().describeInstanceHealth(r -> r.loadBalancerName(destination.name())).instanceStates()) {
            listed.put(s.instanceId(), TargetStatus.ofClassic(s.state(), s.reasonCode(), s.description()));
        }
        return listed;
    }

    @Override
    public void register(AwsSession aws, Destination destination, List<Target> targets) {
        aws.elb().registerInstancesWithLoadBalancer(r -> r.loadBalancerName(destination.name()).instances(instances(targets)));
    }

    /**
     * A classic load balancer refuses to deregister an instance that is not registered ({@code InvalidInstance}), as
     * after a replayed tick: then only those still registered are deregistered.
     */
    @Override
    public void deregister(AwsSession aws, Destination destination, List<Target> targets) {
        try {
            deregisterNow(aws, destination, targets);
        } catch (InvalidInstanceException e) {
            Map<String, TargetStatus> registered = describe(aws, destination);
            List<Target> still = targets.stream().filter(t -> registered.containsKey(t.id())).toList();
            if (!still.isEmpty()) {
                deregisterNow(aws, destination, still);
            }
        }
    }

    private static void deregisterNow(AwsSession aws, Destination destination, List<Target> targets) {
        aws.elb().deregisterInstancesFromLoadBalancer(r -> r.loadBalancerName(destination.name()).instances(instances(targets)));
    }

    @Override
    public TargetStatus notRegistered() {
        return TargetStatus.notRegisteredClassic();
    }

    private static List<Instance> instances(List<Target> targets) {
        return targets.stream().map(t -> Instance.builder().instanceId(t.id()).build()).toList();
    }
}
