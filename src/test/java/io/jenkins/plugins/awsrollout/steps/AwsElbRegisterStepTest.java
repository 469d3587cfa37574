package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.engine.elb.ElbWorlds;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code awsElbRegister} end to end on the simulator: ELBv2 and classic, waits, guard, failures, abort, restart. */
class AwsElbRegisterStepTest {

    private SimulatedAws aws;

    @AfterEach
    void close() {
        if (aws != null) {
            aws.close();
        }
    }

    private SimulatedAws start(int webTgDelaySeconds) {
        aws = SimulatedAws.start(ElbWorlds.fleet(webTgDelaySeconds).build());
        return aws;
    }

    private List<String> group(String name) {
        return ElbWorlds.instances(aws.sim(), name);
    }

    private static AwsElbRegisterStep step(Consumer<AwsElbRegisterStep> configure) {
        AwsElbRegisterStep step = new AwsElbRegisterStep();
        configure.accept(step);
        return step;
    }

    private List<Call> ok(String service, String action) {
        return aws.sim().calls().of(service, action).stream().filter(Call::ok).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> targets(TestStepContext build) {
        return (List<Map<String, Object>>) ((Map<String, Object>) build.result()).get("targets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(TestStepContext build) {
        return (Map<String, Object>) build.result();
    }

    @Test
    void register_intoTargetGroup_waitsUntilHealthyWithOneDescribePerPoll() throws Exception {
        start(30);
        List<String> spare = group("spare");

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(spare);
            s.setTargetGroup("web-tg");
        }));

        assertThat(build.failure()).isNull();
        assertThat(result(build)).containsEntry("action", "register").containsEntry("changed", 2);
        assertThat((long) result(build).get("durationSeconds")).isBetween(35L, 60L);
        assertThat(targets(build)).extracting(t -> t.get("id"), t -> t.get("port"), t -> t.get("targetGroup"), t -> t.get("state"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(spare.get(0), 80, "web-tg", "healthy"),
                        org.assertj.core.groups.Tuple.tuple(spare.get(1), 80, "web-tg", "healthy"));
        String both = spare.get(0) + ":80, " + spare.get(1) + ":80";
        assertThat(build.log()).contains(
                "[awsElbRegister] PLAN register 2 targets with target group web-tg, then wait until healthy (at most 15m)",
                "[awsElbRegister] PLAN web-tg (4 targets, 4 healthy): register " + spare.get(0) + ":80 (unused), "
                        + spare.get(1) + ":80 (unused)",
                "[awsElbRegister] REGISTER registered " + both + " with web-tg",
                "[awsElbRegister] HEALTH web-tg " + both
                        + " unused -> initial (Elb.RegistrationInProgress: Target registration is in progress)",
                "[awsElbRegister] HEALTH web-tg " + both
                        + " initial (Elb.RegistrationInProgress) -> initial (Elb.InitialHealthChecking: Initial health checks in progress) after 5s",
                "[awsElbRegister] HEALTH web-tg " + both + " initial -> healthy after",
                "[awsElbRegister] DONE 2 targets healthy (2 changed by this step) after");
        // One RegisterTargets for both; then only one DescribeTargetHealth per poll.
        List<String> actions = aws.sim().calls().actions();
        assertThat(actions.subList(0, 3)).containsExactly("DescribeTargetGroups", "DescribeTargetHealth", "RegisterTargets");
        assertThat(actions.subList(3, actions.size())).containsOnly("DescribeTargetHealth").hasSizeBetween(3, 10);
        assertThat(ok("elbv2", "RegisterTargets")).singleElement().satisfies(c -> assertThat(c.params())
                .containsEntry("Targets.member.1.Id", spare.get(0)).containsEntry("Targets.member.2.Id", spare.get(1)));
        assertThat(aws.sim().state().targetHealth("web-tg")).hasSize(6)
                .allSatisfy((id, state) -> assertThat(state.state()).isEqualTo("healthy"));
    }

    @Test
    void register_intoTwoTargetGroupsAndAClassicLoadBalancer_oneCallEachAndOneDescribeEachPerPoll() throws Exception {
        start(30);
        List<String> spare = group("spare");

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(spare);
            s.setTargetGroups(List.of("web-tg", "api-tg"));
            s.setLoadBalancer("web-elb");
        }));

        assertThat(build.failure()).isNull();
        assertThat(ok("elbv2", "RegisterTargets")).extracting(c -> c.param("TargetGroupArn"))
                .containsExactly(arn("web-tg"), arn("api-tg"));
        assertThat(ok("elb", "RegisterInstancesWithLoadBalancer")).hasSize(1);
        List<Call> health = aws.sim().calls().of("elbv2", "DescribeTargetHealth");
        long web = health.stream().filter(c -> c.param("TargetGroupArn").equals(arn("web-tg"))).count();
        long api = health.stream().filter(c -> c.param("TargetGroupArn").equals(arn("api-tg"))).count();
        assertThat(web).isEqualTo(api).isEqualTo(aws.sim().calls().of("elb", "DescribeInstanceHealth").size());
        assertThat(targets(build)).hasSize(6).extracting(t -> t.get("state"))
                .containsExactly("healthy", "healthy", "healthy", "healthy", "InService", "InService");
        assertThat(targets(build).get(2)).containsEntry("port", 8080).containsEntry("targetGroup", "api-tg");
        assertThat(targets(build).get(4)).containsEntry("port", null).containsEntry("loadBalancer", "web-elb")
                .doesNotContainKey("targetGroup");
        assertThat(build.log()).contains("[awsElbRegister] REGISTER registered " + spare.get(0) + ", " + spare.get(1)
                + " with web-elb", "HEALTH web-elb " + spare.get(0) + ", " + spare.get(1) + " OutOfService -> InService after");
    }

    @Test
    void register_whatIsAlreadyRegistered_changesNothing() throws Exception {
        start(30);

        TestStepContext build = aws.run(step(s -> {
            s.setAutoScalingGroup("web");
            s.setTargetGroup("web-tg");
            s.setLoadBalancer("web-elb");
        }));

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().mutating()).isEmpty();
        assertThat(result(build)).containsEntry("changed", 0);
        assertThat(targets(build)).hasSize(8);
        assertThat(build.log()).contains("PLAN web has 4 InService instances: ",
                "PLAN web-tg (4 targets, 4 healthy): nothing to register, already registered: 4 targets (4 healthy)",
                "DONE 8 targets healthy (0 changed by this step)");
    }

    @Test
    void deregister_withALongDeregistrationDelay_waitsItOutWithFewPolls() throws Exception {
        start(600);
        String leaving = group("web").get(0);

        TestStepContext build = aws.run(step(s -> {
            s.setAction("deregister");
            s.setInstanceIds(List.of(leaving));
            s.setTargetGroup("web-tg");
            s.setTimeoutMinutes(20);
        }));

        assertThat(build.failure()).isNull();
        assertThat(build.log()).contains(
                "PLAN deregister 1 target from target group web-tg (deregistration delay 10m), then wait until drained (at most 20m)",
                "DEREGISTER deregistered " + leaving + ":80 from web-tg; it drains for up to 10m (deregistration delay)",
                "DRAIN web-tg " + leaving + ":80 healthy -> draining (Target.DeregistrationInProgress: Target deregistration is "
                        + "in progress); waiting out the 10m deregistration delay, until 2026-01-01T00:10:00Z",
                "DRAIN web-tg " + leaving + ":80 draining -> unused (Target.NotRegistered: Target is not registered to the "
                        + "target group) after 10m",
                "DONE 1 target drained (1 changed by this step) after 10m");
        assertThat(targets(build)).singleElement().satisfies(t -> assertThat(t)
                .containsEntry("state", "unused").containsEntry("reason", "Target.NotRegistered"));
        assertThat((long) result(build).get("durationSeconds")).isBetween(600L, 605L);
        assertThat(aws.sim().calls().count("DescribeTargetGroupAttributes")).isEqualTo(1);
        // Polls back off while the target drains and land just after the delay ends.
        assertThat(aws.sim().calls().count("DescribeTargetHealth")).isBetween(5L, 20L);
        assertThat(aws.sim().state().targetHealth("web-tg")).hasSize(3).doesNotContainKey(leaving);
    }

    @Test
    void deregister_fromAClassicLoadBalancer_waitsUntilItIsGone() throws Exception {
        start(30);
        String leaving = group("web").get(1);

        TestStepContext build = aws.run(step(s -> {
            s.setAction("deregister");
            s.setInstanceIds(List.of(leaving));
            s.setLoadBalancer("web-elb");
        }));

        assertThat(build.failure()).isNull();
        assertThat(ok("elb", "DeregisterInstancesFromLoadBalancer")).hasSize(1);
        assertThat(targets(build)).singleElement().satisfies(t -> assertThat(t).containsEntry("loadBalancer", "web-elb")
                .containsEntry("state", "OutOfService")
                .containsEntry("description", "Instance is not currently registered with the LoadBalancer."));
        assertThat(aws.sim().state().classicHealth("web-elb")).hasSize(3).doesNotContainKey(leaving);
    }

    @Test
    void register_aTargetThatFailsItsHealthChecks_failsNamingItThenReverts() throws Exception {
        start(30);
        List<String> spare = group("spare");
        aws.sim().faults().markUnhealthy(spare.get(0));

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(spare);
            s.setTargetGroup("web-tg");
        }));

        assertThat(build.failure()).isInstanceOf(AbortException.class);
        assertThat(build.failure().getMessage())
                .startsWith(spare.get(0) + ":80 in web-tg failed its health checks after ")
                .endsWith(": unhealthy (Target.FailedHealthChecks: Health checks failed). Reverted: deregistered "
                        + spare.get(0) + ":80, " + spare.get(1) + ":80 from web-tg.");
        assertThat(build.log()).contains("HEALTH web-tg " + spare.get(0) + ":80 initial -> unhealthy "
                + "(Target.FailedHealthChecks: Health checks failed) after",
                "REVERT deregistered " + spare.get(0) + ":80, " + spare.get(1) + ":80 from web-tg");
        assertThat(ok("elbv2", "DeregisterTargets")).hasSize(1);
        assertThat(aws.sim().state().targetHealth("web-tg")).extractingFromEntries(e -> e.getValue().state())
                .containsOnly("healthy", "draining");
    }

    @Test
    void register_intoAClassicLoadBalancer_anInstanceThatFailsItsHealthChecks_failsNamingIt() throws Exception {
        start(30);
        String sick = group("spare").get(1);
        aws.sim().faults().markUnhealthy(sick);

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(List.of(sick));
            s.setLoadBalancer("web-elb");
        }));

        assertThat(build.failure().getMessage()).startsWith(sick + " in web-elb failed its health checks after ")
                .endsWith(": OutOfService (Instance: Instance has failed at least the UnhealthyThreshold number of health "
                        + "checks consecutively). Reverted: deregistered " + sick + " from web-elb.");
        assertThat(build.log()).contains("HEALTH web-elb " + sick + " OutOfService (Instance: Instance has not passed the "
                + "configured HealthyThreshold number of health checks consecutively) -> OutOfService (Instance: Instance has "
                + "failed at least the UnhealthyThreshold number of health checks consecutively) after");
        assertThat(aws.sim().state().classicHealth("web-elb")).doesNotContainKey(sick);
    }

    @Test
    void register_intoATargetGroupWithoutLoadBalancer_failsAtOnce() throws Exception {
        start(30);
        String one = group("spare").get(0);

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(List.of(one));
            s.setTargetGroup("lonely-tg");
            s.setOnAbort("leave");
        }));

        assertThat(build.failure()).hasMessage(one + ":80 in lonely-tg cannot become healthy as things stand: unused "
                + "(Target.NotInUse: Target group is not configured to receive traffic from the load balancer). "
                + "Left as they are (onAbort: 'leave'): registered " + one + ":80 with lonely-tg.");
        assertThat(aws.sim().calls().count("DeregisterTargets")).isZero();
    }

    @Test
    void register_whenHealthChecksOutlastTheTimeout_timesOutNamingStateAndReasonThenReverts() throws Exception {
        aws = SimulatedAws.start(ElbWorlds.fleet(30).timings(t -> t.withHealthCheck(Duration.ofMinutes(10))).build());
        String one = group("spare").get(0);

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(List.of(one));
            s.setTargetGroup("web-tg");
            s.setTimeoutMinutes(2);
        }));

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessage("Registration of " + one
                + " with web-tg timed out after 2m waiting for " + one + ":80 in web-tg to become healthy; last seen initial "
                + "(Elb.InitialHealthChecking: Initial health checks in progress). Reverted: deregistered " + one
                + ":80 from web-tg.");
        assertThat(aws.sim().state().targetHealth("web-tg").get(one).state()).isEqualTo("draining");
    }

    @Test
    void deregister_belowMinHealthyTargets_refusesWithoutAnyChange() throws Exception {
        start(30);
        List<String> web = group("web");

        TestStepContext build = aws.run(step(s -> {
            s.setAction("deregister");
            s.setInstanceIds(web.subList(0, 2));
            s.setTargetGroup("web-tg");
            s.setMinHealthyTargets(3);
        }));

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessage("Refusing to deregister 2 targets from "
                + "target group web-tg: it has 4 healthy targets of 4 registered, and taking out 2 healthy ones would leave 2, "
                + "fewer than minHealthyTargets 3. Nothing was changed.");
        assertThat(aws.sim().calls().mutating()).isEmpty();
        assertThat(aws.sim().state().targetHealth("web-tg")).hasSize(4);
    }

    @Test
    void deregister_fromAClassicLoadBalancerBelowMinHealthyPercentage_refusesWithoutAnyChange() throws Exception {
        start(30);
        List<String> web = group("web");

        TestStepContext build = aws.run(step(s -> {
            s.setAction("deregister");
            s.setInstanceIds(web.subList(0, 2));
            s.setTargetGroup("web-tg");
            s.setLoadBalancer("web-elb");
            s.setMinHealthyPercentage(75);
        }));

        assertThat(build.failure()).hasMessageContaining("Refusing to deregister 2 targets from target group web-tg")
                .hasMessageContaining("fewer than minHealthyPercentage 75 (3 of 4). Nothing was changed.");
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    @Test
    void stop_whileWaitingForHealthy_revertsTheRegistrationThenFailsWithTheCause() throws Exception {
        start(30);
        List<String> spare = group("spare");
        TestStepContext build = aws.context("test", 1);
        StepExecution execution = aws.start(step(s -> {
            s.setInstanceIds(spare);
            s.setTargetGroup("web-tg");
        }), build);
        aws.scheduler().runUntil(() -> build.log().contains("Elb.InitialHealthChecking"), 1000);

        CancellationException cause = new CancellationException("aborted by a user");
        execution.stop(cause);
        aws.runToEnd(build);

        assertThat(build.failure()).isSameAs(cause);
        assertThat(build.log()).contains("REVERT deregistered " + spare.get(0) + ":80, " + spare.get(1) + ":80 from web-tg",
                "Registration of " + spare.get(0) + ", " + spare.get(1) + " with web-tg was stopped. Reverted: deregistered "
                        + spare.get(0) + ":80, " + spare.get(1) + ":80 from web-tg.");
        assertThat(aws.sim().state().targetHealth("web-tg")).extractingFromEntries(e -> e.getKey(), e -> e.getValue().state())
                .contains(org.assertj.core.groups.Tuple.tuple(spare.get(0), "draining"),
                        org.assertj.core.groups.Tuple.tuple(spare.get(1), "draining"));
    }

    @Test
    void stop_whileDrainingWithOnAbortLeave_leavesTheTargetsDeregistered() throws Exception {
        start(300);
        String leaving = group("web").get(0);
        TestStepContext build = aws.context("test", 1);
        StepExecution execution = aws.start(step(s -> {
            s.setAction("deregister");
            s.setInstanceIds(List.of(leaving));
            s.setTargetGroup("web-tg");
            s.setOnAbort("leave");
        }), build);
        aws.scheduler().runUntil(() -> build.log().contains("DRAIN web-tg"), 1000);

        execution.stop(new CancellationException("aborted"));
        aws.runToEnd(build);

        assertThat(build.log()).contains("Deregistration of " + leaving + " from web-tg was stopped. Left as they are "
                + "(onAbort: 'leave'): deregistered " + leaving + ":80 from web-tg.");
        assertThat(aws.sim().calls().count("RegisterTargets")).isZero();
        assertThat(aws.sim().state().targetHealth("web-tg").get(leaving).state()).isEqualTo("draining");
    }

    @Test
    void stop_whileDrainingWithRevert_registersTheTargetsAgain() throws Exception {
        start(300);
        String leaving = group("web").get(0);
        TestStepContext build = aws.context("test", 1);
        StepExecution execution = aws.start(step(s -> {
            s.setAction("deregister");
            s.setInstanceIds(List.of(leaving));
            s.setTargetGroup("web-tg");
            s.setLoadBalancer("web-elb");
        }), build);
        aws.scheduler().runUntil(() -> build.log().contains("DRAIN web-tg"), 1000);

        execution.stop(new CancellationException("aborted"));
        aws.runToEnd(build);

        assertThat(build.log()).contains("REVERT registered " + leaving + ":80 with web-tg again",
                "REVERT registered " + leaving + " with web-elb again",
                "was stopped. Reverted: registered " + leaving + ":80 with web-tg; registered " + leaving + " with web-elb.");
        assertThat(ok("elbv2", "RegisterTargets")).hasSize(1);
        assertThat(ok("elb", "RegisterInstancesWithLoadBalancer")).hasSize(1);
        aws.clock().advance(Duration.ofMinutes(1));
        assertThat(aws.sim().state().targetHealth("web-tg").get(leaving).state()).isEqualTo("healthy");
        assertThat(aws.sim().state().classicHealth("web-elb").get(leaving).state()).isEqualTo("InService");
    }

    @Test
    void restart_whileDraining_resumesFromTheSavedStateAndDeregistersOnce() throws Exception {
        start(120);
        String leaving = group("web").get(2);
        TestStepContext build = aws.context("test", 1);
        aws.start(step(s -> {
            s.setAction("deregister");
            s.setInstanceIds(List.of(leaving));
            s.setTargetGroup("web-tg");
            s.setLoadBalancer("web-elb");
        }), build);
        aws.scheduler().runUntil(() -> build.log().contains("DRAIN web-tg"), 1000);
        int callsBefore = aws.sim().calls().size();

        StepExecution revived = aws.restart(build);
        aws.runToEnd(build);

        assertThat(revived).isNotNull();
        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().size()).isGreaterThan(callsBefore);
        assertThat(ok("elbv2", "DeregisterTargets")).hasSize(1);
        assertThat(ok("elb", "DeregisterInstancesFromLoadBalancer")).hasSize(1);
        assertThat(aws.sim().calls().count("DescribeTargetGroupAttributes")).isEqualTo(1);
        assertThat(targets(build)).extracting(t -> t.get("state")).containsExactly("unused", "OutOfService");
        assertThat(build.log()).contains("DONE 2 targets drained (2 changed by this step) after 2m");
    }

    @Test
    void autoScalingGroup_registersItsInServiceInstances() throws Exception {
        start(30);
        List<String> spare = group("spare");

        TestStepContext build = aws.run(step(s -> {
            s.setAutoScalingGroup("spare");
            s.setTargetGroup("api-tg");
        }));

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().count("DescribeAutoScalingGroups")).isEqualTo(1);
        assertThat(build.log()).contains("PLAN spare has 2 InService instances: " + spare.get(0) + ", " + spare.get(1));
        assertThat(targets(build)).extracting(t -> t.get("id"), t -> t.get("port"), t -> t.get("state"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(spare.get(0), 8080, "healthy"),
                        org.assertj.core.groups.Tuple.tuple(spare.get(1), 8080, "healthy"));
    }

    @Test
    void throttling_ofThirtyPercent_stillRegistersOncePerDestination() throws Exception {
        start(30);
        List<String> spare = group("spare");
        aws.sim().faults().throttleAll(0.3);

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(spare);
            s.setTargetGroups(List.of("web-tg", "api-tg"));
            s.setLoadBalancer("web-elb");
        }));

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().throttled()).isNotEmpty();
        assertThat(ok("elbv2", "RegisterTargets")).extracting(c -> c.param("TargetGroupArn"))
                .containsExactly(arn("web-tg"), arn("api-tg"));
        assertThat(ok("elb", "RegisterInstancesWithLoadBalancer")).hasSize(1);
        assertThat(targets(build)).extracting(t -> t.get("state"))
                .containsOnly("healthy", "InService").hasSize(6);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> s.setTargetGroup("web-tg"),
                        "Give the targets to register as exactly one of instanceIds, autoScalingGroup or targets."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setInstanceIds(List.of("i-0123456789abcdef0"));
                    s.setAutoScalingGroup("web");
                    s.setTargetGroup("web-tg");
                }, "Give the targets to register as exactly one of instanceIds, autoScalingGroup or targets (got instanceIds "
                        + "and autoScalingGroup)."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setInstanceIds(List.of("web-1"));
                    s.setTargetGroup("web-tg");
                }, "Invalid instanceIds[0] 'web-1': an instance id looks like i-0123456789abcdef0."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> s.setInstanceIds(List.of("i-0123456789abcdef0")),
                        "Say where the targets go: give targetGroup, targetGroupArn or targetGroups (ELBv2), or loadBalancer "
                                + "or loadBalancers (classic)."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setAction("remove");
                    s.setInstanceIds(List.of("i-0123456789abcdef0"));
                    s.setTargetGroup("web-tg");
                }, "Invalid action 'remove': use 'register' or 'deregister'."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setAction("deregister");
                    s.setWaitFor("healthy");
                    s.setInstanceIds(List.of("i-0123456789abcdef0"));
                    s.setTargetGroup("web-tg");
                }, "Invalid waitFor 'healthy': a deregistration waits for 'drained' or 'none'."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setInstanceIds(List.of("i-0123456789abcdef0"));
                    s.setTargetGroup("web_tg");
                }, "Invalid targetGroup 'web_tg': give a target group name (1 to 32 letters, digits and hyphens) or ARN."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    ElbTarget ip = new ElbTarget("10.0.3.7");
                    ip.setPort(8080);
                    s.setTargets(List.of(ip));
                    s.setLoadBalancer("web-elb");
                }, "Invalid targets[0]: classic load balancers (web-elb) take instance ids without ports, not 10.0.3.7 on port "
                        + "8080."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setTargets(List.of(new ElbTarget("web-7")));
                    s.setTargetGroup("web-tg");
                }, "Invalid targets[0].id 'web-7': give an instance id (i-...) or an IP address."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setAction("deregister");
                    s.setInstanceIds(List.of("i-0123456789abcdef0"));
                    s.setTargetGroup("web-tg");
                    s.setMinHealthyPercentage(150);
                }, "Invalid minHealthyPercentage '150': give a percentage from 0 to 100."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setInstanceIds(List.of("i-0123456789abcdef0"));
                    s.setTargetGroup("web-tg");
                    s.setTimeoutMinutes(0);
                }, "Invalid timeoutMinutes '0': give 1 to 1440 minutes."),
                Arguments.of((Consumer<AwsElbRegisterStep>) s -> {
                    s.setInstanceIds(List.of("i-0123456789abcdef0"));
                    s.setTargetGroup("web-tg");
                    s.setOnAbort("rollback");
                }, "Invalid onAbort 'rollback': use 'revert' or 'leave'."));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInput_failsNamingFieldAndValueBeforeAnyAwsCall(Consumer<AwsElbRegisterStep> configure, String message)
            throws Exception {
        start(30);

        TestStepContext build = aws.run(step(configure));

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessage(message);
        assertThat(aws.sim().calls().all()).isEmpty();
    }

    @Test
    void unknownTargetGroup_failsNamingItWithoutChanges() throws Exception {
        start(30);

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(group("spare"));
            s.setTargetGroups(List.of("web-tg", "gone-tg"));
        }));

        assertThat(build.failure()).hasMessage("Target group gone-tg was not found in us-east-1.");
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    @Test
    void secrets_neverReachTheLogNorTheSavedState() throws Exception {
        start(30);
        List<String> spare = group("spare");

        TestStepContext build = aws.run(step(s -> {
            s.setInstanceIds(spare);
            s.setTargetGroup("web-tg");
            s.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        }));

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().all()).extracting(Call::accessKeyId).containsOnly("AKIASIMDEPLOYER00001");
        assertThat(build.log()).doesNotContain(SimulatedAws.SECRET_KEY).doesNotContain("AKIASIMDEPLOYER00001");
        assertThat(build.saves()).isPositive();
        assertThat(new String(build.savedBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(SimulatedAws.SECRET_KEY)
                .contains(SimulatedAws.CREDENTIALS_ID);
    }

    private String arn(String targetGroup) {
        return aws.sim().cloud().locked(() -> aws.sim().cloud().defaultRegion().elb().targetGroupByName(targetGroup).arn());
    }
}
