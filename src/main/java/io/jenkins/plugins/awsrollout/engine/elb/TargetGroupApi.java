package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** ELBv2 target groups. */
final class TargetGroupApi implements DestinationApi {

    static final TargetGroupApi INSTANCE = new TargetGroupApi();

    private TargetGroupApi() {}

    /**
     * Without {@code Targets}, DescribeTargetHealth lists every registered target, draining ones included; a target it
     * does not list is not registered (as AWS says when asked about it by name: {@code unused},
     * {@code Target.NotRegistered}). Listing all also gives the guard the health of the whole group.
     */
    @Override
    public Map<String, TargetStatus> describe(AwsSession aws, Destination destination) {
        Map<String, TargetStatus> listed = new LinkedHashMap<>();
        for (TargetHealthDescription d : aws.elbV2()
                .describeTargetHealth(r -> r.targetGroupArn(destination.arn()))
                .targetHealthDescriptions()) {
            TargetHealth health = d.targetHealth();
            Integer port = d.target().port() != null ? d.target().port() : destination.port();
            listed.put(Destination.key(d.target().id(), port),
                    TargetStatus.ofV2(health.stateAsString(), health.reasonAsString(), health.description()));
        }
        return listed;
    }

    @Override
    public void register(AwsSession aws, Destination destination, List<Target> targets) {
        aws.elbV2().registerTargets(r -> r.targetGroupArn(destination.arn()).targets(descriptions(targets)));
    }

    /** Deregistering a target that is not registered succeeds (AWS API reference), so a replay is harmless. */
    @Override
    public void deregister(AwsSession aws, Destination destination, List<Target> targets) {
        aws.elbV2().deregisterTargets(r -> r.targetGroupArn(destination.arn()).targets(descriptions(targets)));
    }

    @Override
    public TargetStatus notRegistered() {
        return TargetStatus.notRegisteredV2();
    }

    private static List<TargetDescription> descriptions(List<Target> targets) {
        return targets.stream()
                .map(t -> TargetDescription.builder().id(t.id()).port(t.port()).availabilityZone(t.availabilityZone()).build())
                .toList();
    }
}
