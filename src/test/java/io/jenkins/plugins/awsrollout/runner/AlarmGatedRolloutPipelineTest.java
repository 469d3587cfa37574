package io.jenkins.plugins.awsrollout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.sim.cloudwatch.AlarmFaults;
import io.jenkins.plugins.awsrollout.sim.codedeploy.CodeDeployRegion;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarms end to end, on the demo world: a CloudWatch alarm that goes off in the simulated world stops awsAsgRollout's
 * instance refresh (AWS rolls it back), its rolling batches (the step rolls them back) and awsCodeDeploy's deployment
 * (CodeDeploy rolls it back).
 */
class AlarmGatedRolloutPipelineTest {

    private static final Path DEMO = Path.of(System.getProperty("project.root", ".."), "docs", "examples", "demo-world.json");

    @TempDir
    Path workspace;

    private BuildOutcome run(SimulatedAws aws, String script) throws Exception {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, script);
        return PipelineRunner.on(aws).workspace(workspace).job("web", 3).run(jenkinsfile);
    }

    @Test
    void instanceRefreshIsRolledBackWhenItsAlarmGoesOff() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(DEMO))) {
            AlarmFaults.of(aws.sim()).alarmAfter("web-5xx", "StartInstanceRefresh", Duration.ofSeconds(90));
            try (var ec2 = io.jenkins.plugins.awsrollout.sim.SimClients.of(aws.sim()).ec2()) {
                ec2.createLaunchTemplateVersion(r -> r.launchTemplateName("web-lt").sourceVersion("1")
                        .launchTemplateData(d -> d.instanceType("t3.small")));
            }

            BuildOutcome build = run(aws, """
                    node {
                        try {
                            awsAsgRollout autoScalingGroup: 'web', launchTemplateVersion: '2', strategy: 'instanceRefresh',
                                    alarms: ['web-5xx'], minHealthyPercentage: 50
                            echo 'rolled out'
                        } catch (e) {
                            echo "rollout failed: ${e.message}"
                        }
                    }
                    """);

            assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
            assertThat(build.log()).doesNotContain("rolled out").contains("rollout failed").contains("web-5xx");
            var refresh = aws.sim().state().group("web").refreshes().get(0);
            assertThat(refresh.status()).isEqualTo("RollbackSuccessful");
            // (Replacements AWS's rollback took out may still be terminating when it reports RollbackSuccessful.)
            assertThat(aws.sim().state().group("web").instances()).filteredOn(i -> !i.lifecycleState().startsWith("Terminat"))
                    .isNotEmpty().allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));
            assertThat(aws.sim().calls().of("StartInstanceRefresh").get(0).param("Preferences.AlarmSpecification.Alarms.member.1"))
                    .isEqualTo("web-5xx");
        }
    }

    @Test
    void rollingRolloutIsRolledBackWhenItsAlarmGoesOff() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(DEMO))) {
            // A release whose 5xx errors start a minute after the first old instance is terminated: during batch 2.
            AlarmFaults.of(aws.sim()).alarmAfter("web-5xx", "TerminateInstanceInAutoScalingGroup", Duration.ofSeconds(60));
            try (var ec2 = io.jenkins.plugins.awsrollout.sim.SimClients.of(aws.sim()).ec2()) {
                ec2.createLaunchTemplateVersion(r -> r.launchTemplateName("web-lt").sourceVersion("1")
                        .launchTemplateData(d -> d.instanceType("t3.small")));
            }

            BuildOutcome build = run(aws, """
                    node {
                        def r = awsAsgRollout autoScalingGroup: 'web', launchTemplateVersion: '2', strategy: 'rolling',
                                alarms: ['web-5xx'], failOnError: false
                        echo "rollout: ${r.status}"
                    }
                    """);

            assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
            assertThat(build.log()).contains("rollout: RolledBack", "Rollout of web to web-lt version 2 failed in batch 2: alarm "
                    + "web-5xx went to ALARM (Threshold Crossed: the metric breached its threshold 60 s after "
                    + "TerminateInstanceInAutoScalingGroup)");
            var group = aws.sim().state().group("web");
            assertThat(group.launchTemplateVersion()).isEqualTo("1");
            assertThat(group.desiredCapacity()).isEqualTo(6);
            assertThat(group.instances()).filteredOn(i -> !i.lifecycleState().startsWith("Terminat"))
                    .hasSize(6).allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));
            assertThat(aws.sim().calls().of("DescribeAlarms")).isNotEmpty();
        }
    }

    @Test
    void deploymentStopsOnItsAlarmAndRollsBack() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(DEMO))) {
            AlarmFaults.of(aws.sim()).alarmAfter("web-5xx", "CreateDeployment", Duration.ofSeconds(20));

            BuildOutcome build = run(aws, """
                    node {
                        def d = awsCodeDeploy application: 'web-app', deploymentGroup: 'web-dg',
                                s3: [bucket: 'deploy-bundles', key: 'web/web-1.1.0.zip'],
                                alarms: [names: ['web-5xx']], autoRollback: [events: ['DEPLOYMENT_STOP_ON_ALARM']], failOnError: false
                        echo "deployment: ${d.status}, rollback ${d.rollbackDeploymentId ? 'started' : 'none'}"
                    }
                    """);

            assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
            assertThat(build.log()).contains("deployment: Stopped, rollback started");
            var deployments = aws.sim().cloud().locked(() -> CodeDeployRegion.of(aws.sim().cloud().defaultRegion()).deployments()
                    .values().stream().filter(d -> "ALARM_ACTIVE".equals(d.errorCode())).toList());
            assertThat(deployments).as("the deployment the alarm stopped").hasSize(1);
        }
    }
}
