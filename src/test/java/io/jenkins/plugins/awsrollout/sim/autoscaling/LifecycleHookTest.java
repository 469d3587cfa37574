package io.jenkins.plugins.awsrollout.sim.autoscaling;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.SimState.GroupInstanceView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;

class LifecycleHookTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private AutoScalingClient asg;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(Fixtures.web(2).build(), clock);
        asg = SimClients.of(sim).autoScaling();
    }

    @AfterEach
    void stop() {
        asg.close();
        sim.close();
    }

    private List<GroupInstanceView> in(String state) {
        return sim.state().group("web").instances(state);
    }

    @Test
    void launchingInstancesWaitForTheHookBeforeServiceAndTheLoadBalancers() {
        asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("deploy")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(600).defaultResult("ABANDON"));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(3));
        clock.advance(Duration.ofSeconds(60));

        String waiting = in("Pending:Wait").get(0).instanceId();
        assertThat(sim.state().targetHealth("web-tg")).doesNotContainKey(waiting);

        asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("deploy").instanceId(waiting)
                .lifecycleActionResult("CONTINUE"));
        clock.advance(Duration.ofSeconds(40));

        assertThat(in("InService")).extracting(GroupInstanceView::instanceId).contains(waiting).hasSize(3);
        assertThat(sim.state().targetHealth("web-tg").get(waiting).state()).isEqualTo("healthy");
    }

    @Test
    void anUnansweredLaunchHookAbandonsTheInstanceAtTheHeartbeatTimeout() {
        asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("deploy")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(3));
        clock.advance(Duration.ofSeconds(60));
        String waiting = in("Pending:Wait").get(0).instanceId();

        clock.advance(Duration.ofSeconds(300));
        clock.advance(Duration.ofSeconds(30));

        assertThat(sim.state().instance(waiting).state()).isIn("shutting-down", "terminated");
        assertThat(sim.state().group("web").activities()).anySatisfy(a -> assertThat(a.statusCode()).isEqualTo("Cancelled"));
        assertThatThrownBy(() -> asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("deploy")
                .instanceId(waiting).lifecycleActionResult("CONTINUE")))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> assertThat(e.getMessage()).contains("No active Lifecycle Action"));
    }

    @Test
    void terminatingInstancesDrainThenWaitForTheHook() {
        asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("drain-logs")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(900));
        String victim = in("InService").get(0).instanceId();

        asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(victim).shouldDecrementDesiredCapacity(true));
        clock.advance(Duration.ofSeconds(30));

        assertThat(in("Terminating:Wait")).extracting(GroupInstanceView::instanceId).containsExactly(victim);
        assertThat(sim.state().instance(victim).state()).isEqualTo("running");
        asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("web").lifecycleHookName("drain-logs").instanceId(victim));
        asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("drain-logs").instanceId(victim)
                .lifecycleActionResult("CONTINUE"));
        clock.advance(Duration.ofSeconds(10));

        assertThat(sim.state().instance(victim).state()).isEqualTo("terminated");
        assertThat(sim.state().group("web").instances()).hasSize(1);
        assertThat(asg.describeLifecycleHooks(r -> r.autoScalingGroupName("web")).lifecycleHooks()).singleElement()
                .satisfies(h -> assertThat(h.heartbeatTimeout()).isEqualTo(900));
    }
}
