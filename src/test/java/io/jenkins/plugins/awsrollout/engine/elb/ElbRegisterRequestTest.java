package io.jenkins.plugins.awsrollout.engine.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElbRegisterRequestTest {

    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-tg/0123456789abcdef";

    @Test
    void build_withTheLeastParameters_appliesTheDefaults() {
        ElbRegisterRequest request = ElbRegisterRequest.builder()
                .instanceIds(List.of("i-0123456789abcdef0")).targetGroup("web-tg").build();

        assertThat(request.action()).isEqualTo(ElbAction.REGISTER);
        assertThat(request.waitFor()).isEqualTo(WaitFor.HEALTHY);
        assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(request.onAbort()).isEqualTo(OnAbort.REVERT);
        assertThat(request.guard()).isEqualTo(HealthGuard.NONE);
        assertThat(request.targets()).containsExactly(Target.instance("i-0123456789abcdef0"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "register,   -,       HEALTHY",
        "deregister, -,       DRAINED",
        "register,   none,    NONE",
        "DEREGISTER, Drained, DRAINED",
    })
    void build_whenActionAndWait_picksTheWait(String action, String waitFor, WaitFor expected) {
        ElbRegisterRequest request = ElbRegisterRequest.builder().action(action).waitFor(waitFor)
                .instanceIds(List.of("i-0123456789abcdef0")).loadBalancer("web-elb").build();

        assertThat(request.waitFor()).isEqualTo(expected);
    }

    @Test
    void build_withDestinationsOfEveryKind_addsThemUpWithoutDuplicates() {
        ElbRegisterRequest request = ElbRegisterRequest.builder()
                .instanceIds(List.of("i-0123456789abcdef0", " i-0123456789abcdef0 "))
                .targetGroupArn(ARN).targetGroup("web-tg").targetGroups(List.of("web-tg", ARN, "admin-tg"))
                .loadBalancer("web-elb").loadBalancers(List.of("web-elb", "old-elb"))
                .build();

        assertThat(request.targets()).hasSize(1);
        assertThat(request.targetGroups()).containsExactly(ARN, "web-tg", "admin-tg");
        assertThat(request.loadBalancers()).containsExactly("web-elb", "old-elb");
        assertThat(new ElbRegisterOperation(request).name())
                .isEqualTo("Registration of i-0123456789abcdef0 with api-tg, web-tg, admin-tg, web-elb, old-elb");
    }

    @Test
    void build_withTargets_keepsPortsAndZonesAndDropsZeroPorts() {
        ElbRegisterRequest request = ElbRegisterRequest.builder().targetGroup("ip-tg")
                .targets(Arrays.asList(new Target("10.0.3.7", 8080, "all"), new Target("10.0.3.8", 0, " "),
                        new Target("i-0123456789abcdef0", null, null)))
                .build();

        assertThat(request.targets()).containsExactly(new Target("10.0.3.7", 8080, "all"), new Target("10.0.3.8", null, null),
                new Target("i-0123456789abcdef0", null, null));
        assertThat(request.targetsDescribed()).isEqualTo("10.0.3.7:8080, 10.0.3.8, i-0123456789abcdef0");
    }

    @Test
    void build_withAnAutoScalingGroup_hasNoTargetsYet() {
        ElbRegisterRequest request = ElbRegisterRequest.builder().autoScalingGroup("web").action("deregister")
                .targetGroup("web-tg").minHealthyPercentage(50).build();

        assertThat(request.targets()).isEmpty();
        assertThat(request.targetsDescribed()).isEqualTo("the InService instances of web");
        assertThat(new ElbRegisterOperation(request).name()).isEqualTo("Deregistration of the InService instances of web from web-tg");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "targetGroupArn | arn:aws:iam::123456789012:role/x | Invalid targetGroupArn 'arn:aws:iam::123456789012:role/x': a target group ARN looks like arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>.",
        "targetGroup    | -web                             | Invalid targetGroup '-web': give a target group name (1 to 32 letters, digits and hyphens) or ARN.",
        "loadBalancer   | web.elb                          | Invalid loadBalancer 'web.elb': a classic load balancer name is 1 to 32 letters, digits and hyphens.",
        "targetGroups   | ''                               | Invalid targetGroups[0] '': give a target group name or ARN.",
        "waitFor        | ready                            | Invalid waitFor 'ready': use 'healthy', 'drained' or 'none'.",
        "waitFor        | drained                          | Invalid waitFor 'drained': a registration waits for 'healthy' or 'none'.",
        "availabilityZone | us east                        | Invalid targets[0].availabilityZone 'us east': give an availability zone name or 'all'.",
        "port           | 70000                            | Invalid targets[0].port '70000': give a port from 1 to 65535, or none for the target group's.",
        "minHealthyTargets | -1                            | Invalid minHealthyTargets '-1': give 0 or more targets.",
    })
    void build_whenAValueIsBad_failsNamingFieldAndValue(String field, String value, String message) {
        ElbRegisterRequest.Builder builder = ElbRegisterRequest.builder().targetGroup("web-tg")
                .targets(List.of(new Target("10.0.3.7", 80, null)));
        switch (field) {
            case "targetGroupArn" -> builder.targetGroupArn(value);
            case "targetGroup" -> builder.targetGroup(value);
            case "loadBalancer" -> builder.targetGroup(null).loadBalancer(value).targets(null).instanceIds(List.of("i-0123456789abcdef0"));
            case "targetGroups" -> builder.targetGroups(List.of(value));
            case "waitFor" -> builder.waitFor(value);
            case "availabilityZone" -> builder.targets(List.of(new Target("10.0.3.7", 80, value)));
            case "port" -> builder.targets(List.of(new Target("10.0.3.7", Integer.parseInt(value), null)));
            case "minHealthyTargets" -> builder.minHealthyTargets(Integer.parseInt(value));
            default -> throw new IllegalArgumentException(field);
        }

        assertThatThrownBy(builder::build).isInstanceOf(OperationFailedException.class).hasMessage(message);
    }

    @Test
    void build_withInstanceIdsAndTargets_asksForOneKindOfTargets() {
        assertThatThrownBy(() -> ElbRegisterRequest.builder().action("deregister").targetGroup("web-tg")
                .instanceIds(List.of("i-0123456789abcdef0")).targets(List.of(new Target("10.0.0.1", null, null))).build())
                .hasMessage("Give the targets to deregister as exactly one of instanceIds, autoScalingGroup or targets (got "
                        + "instanceIds and targets).");
    }
}
