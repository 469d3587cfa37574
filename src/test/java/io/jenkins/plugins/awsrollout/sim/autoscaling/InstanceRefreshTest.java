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
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshInProgressException;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;

class InstanceRefreshTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private AutoScalingClient asg;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(Fixtures.web(6).build(), clock);
        asg = SimClients.of(sim).autoScaling();
    }

    @AfterEach
    void stop() {
        asg.close();
        sim.close();
    }

    private String startRefresh(String version, Consumer<RefreshPreferences.Builder> preferences) {
        return asg.startInstanceRefresh(r -> r.autoScalingGroupName("web")
                .desiredConfiguration(d -> d.launchTemplate(t -> t.launchTemplateName("web-lt").version(version)))
                .preferences(preferences)).instanceRefreshId();
    }

    private InstanceRefresh refresh() {
        return asg.describeInstanceRefreshes(r -> r.autoScalingGroupName("web")).instanceRefreshes().get(0);
    }

    private String status() {
        return sim.state().group("web").refreshes().get(0).status();
    }

    private String statusReason() {
        String reason = sim.state().group("web").refreshes().get(0).statusReason();
        return reason == null ? "" : reason;
    }

    /** Advances until the refresh reaches {@code status}, then lets terminations finish. */
    private void advanceUntilStatus(String status) {
        Fixtures.advanceUntil(clock, Duration.ofSeconds(10), Duration.ofHours(3), () -> status().equals(status));
        clock.advance(Duration.ofMinutes(2));
    }

    private List<String> versions() {
        return sim.state().group("web").instances().stream().map(GroupInstanceView::launchTemplateVersion).toList();
    }

    private String groupVersion() {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0).launchTemplate().version();
    }

    @Test
    void replacesEveryInstanceInBatchesAboveTheHealthyFloorAndAppliesTheDesiredConfiguration() {
        startRefresh("2", p -> p.minHealthyPercentage(50).instanceWarmup(30));

        assertThat(refresh().statusAsString()).isIn("Pending", "InProgress");
        advanceUntilStatus("Successful");

        InstanceRefresh done = refresh();
        assertThat(done.percentageComplete()).isEqualTo(100);
        assertThat(done.instancesToUpdate()).isZero();
        assertThat(versions()).hasSize(6).containsOnly("2");
        assertThat(sim.state().group("web").instances()).allSatisfy(i ->
                assertThat(i.imageId()).isEqualTo(sim.state().image("base-v2").id()));
        assertThat(groupVersion()).isEqualTo("2");
        assertThat(sim.capacity("web").minHealthy()).isEqualTo(3);
    }

    @Test
    void maxHealthyAbove100LaunchesFirstAndNeverDropsBelowDesired() {
        startRefresh("2", p -> p.minHealthyPercentage(100).maxHealthyPercentage(150).instanceWarmup(0));

        advanceUntilStatus("Successful");

        assertThat(versions()).hasSize(6).containsOnly("2");
        assertThat(sim.capacity("web").minHealthy()).isEqualTo(6);
        assertThat(sim.capacity("web").maxInService()).isEqualTo(9);
    }

    @Test
    void lastCheckpointBelow100StopsThereAndSkipMatchingLaterReplacesOnlyTheRest() {
        startRefresh("2", p -> p.minHealthyPercentage(50).checkpointPercentages(50).checkpointDelay(60));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(10), Duration.ofHours(1),
                () -> statusReason().contains("checkpoint"));
        assertThat(refresh().statusAsString()).isEqualTo("InProgress");
        assertThat(refresh().percentageComplete()).isEqualTo(50);

        advanceUntilStatus("Successful");
        assertThat(versions()).filteredOn("2"::equals).hasSize(3);

        long launchesBefore = launches();
        startRefresh("2", p -> p.minHealthyPercentage(50).skipMatching(true));
        advanceUntilStatus("Successful");

        assertThat(versions()).hasSize(6).containsOnly("2");
        assertThat(launches() - launchesBefore).isEqualTo(3);
    }

    private long launches() {
        return sim.state().group("web").activities().stream().filter(a -> a.description().startsWith("Launching a new EC2 instance: ")).count();
    }

    @Test
    void checkpointsPauseForTheirDelayThenContinue() {
        startRefresh("2", p -> p.minHealthyPercentage(50).checkpointPercentages(50, 100).checkpointDelay(600));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(10), Duration.ofHours(1),
                () -> statusReason().startsWith("Waiting at checkpoint 50%"));

        clock.advance(Duration.ofSeconds(590));
        assertThat(versions()).filteredOn("2"::equals).hasSize(3);
        assertThat(refresh().statusAsString()).isEqualTo("InProgress");

        advanceUntilStatus("Successful");
        assertThat(versions()).containsOnly("2");
    }

    @Test
    void replacementsThatFailHealthChecksFailTheRefreshAndAutoRollbackRestoresThePreviousVersion() {
        sim.faults().unhealthyAmi(sim.state().image("base-v2").id());

        startRefresh("2", p -> p.minHealthyPercentage(100).instanceWarmup(0).autoRollback(true));
        advanceUntilStatus("RollbackSuccessful");

        InstanceRefresh refresh = refresh();
        assertThat(refresh.rollbackDetails().rollbackReason()).startsWith("Instance refresh failed: 3 replacement instances");
        assertThat(refresh.rollbackDetails().percentageCompleteOnRollback()).isEqualTo(100);
        assertThat(versions()).hasSize(6).containsOnly("1");
        assertThat(groupVersion()).isEqualTo("1");
        assertThat(sim.capacity("web").minHealthy()).isEqualTo(5);
    }

    @Test
    void withoutAutoRollbackAFailingRefreshEndsFailed() {
        sim.faults().unhealthyAmi(sim.state().image("base-v2").id());

        startRefresh("2", p -> p.minHealthyPercentage(100).instanceWarmup(0));
        advanceUntilStatus("Failed");

        assertThat(refresh().statusReason()).contains("failed to launch or failed health checks");
        assertThat(refresh().endTime()).isNotNull();
        assertThat(groupVersion()).isEqualTo("1");
    }

    @Test
    void cancelStopsAfterInFlightReplacements() {
        startRefresh("2", p -> p.minHealthyPercentage(50).instanceWarmup(0));
        clock.advance(Duration.ofSeconds(10));

        asg.cancelInstanceRefresh(r -> r.autoScalingGroupName("web"));
        assertThat(refresh().statusAsString()).isEqualTo("Cancelling");
        advanceUntilStatus("Cancelled");
        assertThat(refresh().statusAsString()).isEqualTo("Cancelled");
        clock.advance(Duration.ofMinutes(30));

        assertThat(versions()).hasSize(6).filteredOn("2"::equals).hasSize(3);
        assertThat(groupVersion()).isEqualTo("1");
        assertThatThrownBy(() -> asg.cancelInstanceRefresh(r -> r.autoScalingGroupName("web")))
                .isInstanceOfSatisfying(AutoScalingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ActiveInstanceRefreshNotFound"));
    }

    @Test
    void rollbackReplacesTheNewInstancesWithThePreviousConfiguration() {
        startRefresh("2", p -> p.minHealthyPercentage(50).instanceWarmup(0));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(10), Duration.ofHours(1), () -> versions().contains("2"));

        asg.rollbackInstanceRefresh(r -> r.autoScalingGroupName("web"));
        assertThat(refresh().statusAsString()).isEqualTo("RollbackInProgress");
        advanceUntilStatus("RollbackSuccessful");

        assertThat(refresh().rollbackDetails().rollbackReason()).isEqualTo("Rollback requested by user.");
        assertThat(versions()).hasSize(6).containsOnly("1");
    }

    @Test
    void protectedInstancesAreWaitedForUntilReleased() {
        String keep = sim.state().group("web").instances().get(0).instanceId();
        asg.setInstanceProtection(r -> r.autoScalingGroupName("web").instanceIds(keep).protectedFromScaleIn(true));

        startRefresh("2", p -> p.minHealthyPercentage(50).instanceWarmup(0).scaleInProtectedInstances("Wait"));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(10), Duration.ofHours(1),
                () -> statusReason().contains("protected from scale in"));
        assertThat(refresh().statusAsString()).isEqualTo("InProgress");
        assertThat(versions()).filteredOn("2"::equals).hasSize(5);

        asg.setInstanceProtection(r -> r.autoScalingGroupName("web").instanceIds(keep).protectedFromScaleIn(false));
        advanceUntilStatus("Successful");
        assertThat(versions()).containsOnly("2");
    }

    @Test
    void standbyInstancesCanBeIgnored() {
        String parked = sim.state().group("web").instances().get(0).instanceId();
        asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds(parked).shouldDecrementDesiredCapacity(true));

        startRefresh("2", p -> p.minHealthyPercentage(50).instanceWarmup(0).standbyInstances("Ignore"));
        advanceUntilStatus("Successful");

        assertThat(sim.state().group("web").instances("Standby")).singleElement()
                .satisfies(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));
        assertThat(sim.state().group("web").instances("InService")).hasSize(5)
                .allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("2"));
    }

    @Test
    void standbyInstancesAreWaitedForUntilTheyReturnToService() {
        String parked = sim.state().group("web").instances().get(0).instanceId();
        asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds(parked).shouldDecrementDesiredCapacity(true));

        startRefresh("2", p -> p.minHealthyPercentage(50).instanceWarmup(0));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(10), Duration.ofHours(1), () -> statusReason().contains("in Standby"));
        assertThat(status()).isEqualTo("InProgress");

        asg.exitStandby(r -> r.autoScalingGroupName("web").instanceIds(parked));
        advanceUntilStatus("Successful");
        assertThat(versions()).hasSize(6).containsOnly("2");
    }

    @Test
    void standbyInstancesCanBeTerminatedWithoutReplacement() {
        String parked = sim.state().group("web").instances().get(0).instanceId();
        asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds(parked).shouldDecrementDesiredCapacity(true));

        startRefresh("2", p -> p.minHealthyPercentage(50).instanceWarmup(0).standbyInstances("Terminate"));
        advanceUntilStatus("Successful");

        assertThat(sim.state().group("web").instances()).hasSize(5).allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("2"));
        assertThat(sim.state().instance(parked).state()).isEqualTo("terminated");
    }

    @Test
    void aSecondRefreshWhileOneIsActiveIsRefused() {
        startRefresh("2", p -> p.minHealthyPercentage(90));

        assertThatThrownBy(() -> startRefresh("2", p -> p.minHealthyPercentage(90)))
                .isInstanceOf(InstanceRefreshInProgressException.class);
    }

    @Test
    void aRefreshWithoutDesiredConfigurationCannotBeRolledBack() {
        asg.startInstanceRefresh(r -> r.autoScalingGroupName("web"));

        assertThatThrownBy(() -> asg.rollbackInstanceRefresh(r -> r.autoScalingGroupName("web")))
                .isInstanceOfSatisfying(AutoScalingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IrreversibleInstanceRefresh"));
    }
}
