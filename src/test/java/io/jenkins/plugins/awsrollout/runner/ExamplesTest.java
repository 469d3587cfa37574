package io.jenkins.plugins.awsrollout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code docs/examples/*.Jenkinsfile} runs through the runner on its world and must end as its entry in
 * {@link #EXPECTED} says: result, key log lines (in order), and the simulator's end state. An example without an
 * entry fails, so none can rot unnoticed.
 *
 * <p>Adding an example: put {@code docs/examples/NAME.Jenkinsfile} there and one entry below.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("project.root", ".."), "docs", "examples");

    private static final Map<String, Example> EXPECTED = Map.of(
            "infrastructure.Jenkinsfile", Example.on("infrastructure-world.json")
                    .endsAs(Result.SUCCESS)
                    .logs("[Pipeline] { (Infrastructure)",
                            "[awsCfnDeploy] DRY RUN No change made to stack web-infra: change set jenkins-infrastructure-1-t85s00 was deleted.",
                            "web-infra would make 8 resources",
                            "[awsCfnDeploy] EVENT web-infra AWS::CloudFormation::Stack CREATE_COMPLETE",
                            "[Pipeline] { (Bake)", "[Pipeline] { (Roll out)",
                            "web now runs ami-9f23f142f5ee61d7d (launch template version 2)",
                            "[Pipeline] { (Grow)",
                            "[awsCfnDeploy] CHANGES   Modify WebGroup (AWS::AutoScaling::AutoScalingGroup), replacement False: MaxSize",
                            "Modify WebGroup: MaxSize (replacement False)",
                            "[Pipeline] { (Check)", "[awsCfnDeploy] NO CHANGES Stack web-infra is up to date: change set "
                                    + "jenkins-infrastructure-1-t85sr3 had no changes, and was deleted.",
                            "web-infra is up to date", "Finished: SUCCESS")
                    .leaves(sim -> {
                        // The stack's group, rolled to the new image, grown to 16 without being replaced.
                        SimState.GroupView web = sim.state().group("web");
                        assertThat(web.maxSize()).isEqualTo(16);
                        assertThat(web.minSize()).isEqualTo(2);
                        assertThat(web.launchTemplateVersion()).isEqualTo("2");
                        assertThat(web.instances()).filteredOn(i -> i.lifecycleState().equals("InService")).hasSize(4)
                                .allSatisfy(i -> assertThat(i.imageId()).isEqualTo("ami-9f23f142f5ee61d7d"));
                        assertThat(sim.calls().of("CreateAutoScalingGroup")).isEmpty();
                        assertThat(sim.calls().of("ExecuteChangeSet")).hasSize(2);
                        assertThat(sim.calls().of("DeleteChangeSet")).hasSize(2).allMatch(Call::ok);
                        try (var asg = io.jenkins.plugins.awsrollout.sim.SimClients.of(sim).autoScaling()) {
                            assertThat(asg.describePolicies(r -> r.autoScalingGroupName("web")).scalingPolicies())
                                    .singleElement().satisfies(p -> assertThat(p.policyType()).isEqualTo("TargetTrackingScaling"));
                            assertThat(asg.describeScheduledActions(r -> r.autoScalingGroupName("web")).scheduledUpdateGroupActions())
                                    .singleElement().satisfies(a -> assertThat(a.recurrence()).isEqualTo("0 7 * * MON-FRI"));
                        }
                    }),
            "quick-start.Jenkinsfile", Example.on("demo-world.json")
                    .endsAs(Result.SUCCESS)
                    .logs("[Pipeline] awsBakeAmi", "[Pipeline] awsAsgRollout",
                            "web now runs ami-28ec616c0592264ac (launch template version 2)", "Finished: SUCCESS")
                    .leaves(sim -> {
                        // The replaced instances may still be draining when the refresh reports success.
                        assertThat(sim.state().group("web").instances())
                                .filteredOn(i -> i.lifecycleState().equals("InService")).hasSize(6)
                                .allSatisfy(i -> assertThat(i.imageId()).isEqualTo("ami-28ec616c0592264ac"));
                        assertThat(sim.capacity("web").minHealthy()).isEqualTo(6);
                    }),
            "rolling-deploy.Jenkinsfile", Example.on("demo-world.json")
                    .endsAs(Result.SUCCESS)
                    .logs("[Pipeline] { (Bake)", "[Pipeline] awsBakeAmi",
                            "web image: ami-28ec616c0592264ac from ami-0a1b2c3d4e5f60001",
                            "[Pipeline] { (Roll out)", "[awsAsgRollout] DRY RUN No change made to web.",
                            "Plan: web-lt: version 1 (ami-0a1b2c3d4e5f60001) -> a new version from 1 with ImageId "
                                    + "ami-28ec616c0592264ac; 6 instances in 2 batches",
                            "[awsAsgRollout] RESUME Resumed AZRebalance, AlarmNotification, ScheduledActions on web.",
                            "web runs launch template version 2 (was 1); 6 instances replaced in 406s",
                            "[Pipeline] { (Check load balancer)",
                            "[awsElbRegister] DONE 12 targets healthy (0 changed by this step) after 0s",
                            "web: 12 of 12 registrations healthy",
                            "[Pipeline] { (Deploy)", "[Pipeline] awsCodeDeploy",
                            "web-app deployed: Succeeded on 6 of 6 instances",
                            "web now runs ami-28ec616c0592264ac (launch template version 2)",
                            "Finished: SUCCESS")
                    .leaves(sim -> {
                        // One new image and nothing left of the bake.
                        assertThat(sim.state().images()).extracting(SimState.ImageView::name)
                                .containsExactlyInAnyOrder("base-al2023-2026.11.01", "web-1-1767225600");
                        assertThat(sim.calls().of("RunInstances")).hasSize(1);
                        assertThat(sim.calls().of("DeleteSecurityGroup")).singleElement().matches(Call::ok);
                        // Every instance of web on the new image, pinned version 2, never under 6 healthy.
                        SimState.GroupView web = sim.state().group("web");
                        assertThat(web.launchTemplateVersion()).isEqualTo("2");
                        assertThat(web.instances()).hasSize(6).allSatisfy(i -> {
                            assertThat(i.imageId()).isEqualTo("ami-28ec616c0592264ac");
                            assertThat(i.lifecycleState()).isEqualTo("InService");
                        });
                        // (The deployment later takes half the fleet out of traffic at a time, as HalfAtATime says.)
                        assertThat(sim.capacity("web").minHealthy(
                                sim.calls().of("CreateLaunchTemplateVersion").get(0).time(),
                                sim.calls().of("ResumeProcesses").get(0).time())).isEqualTo(6);
                        assertThat(web.suspendedProcesses()).isEmpty();
                        // One deployment of the release.
                        assertThat(sim.calls().of("CreateDeployment")).singleElement()
                                .satisfies(c -> assertThat(c.param("revision.s3Location.key")).isEqualTo("web/web-1.1.0.zip"));
                    }),
            "codepipeline-release.Jenkinsfile", Example.on("release-world.json")
                    .endsAs(Result.SUCCESS)
                    .logs("[Pipeline] { (Release to staging)", "[Pipeline] awsCodePipeline",
                            "[awsCodePipeline] STAGE Deploy-Staging succeeded.",
                            "[Pipeline] { (Promote)", "[Pipeline] input", "[Pipeline] awsCodePipeline",
                            "[awsCodePipeline] STAGE Deploy-Prod succeeded.",
                            "Finished: SUCCESS")
                    .leaves(sim -> {
                        // Both deployments of the release succeeded, made by the pipeline (no CreateDeployment call).
                        try (var codeDeploy = io.jenkins.plugins.awsrollout.sim.SimClients.of(sim).codeDeploy()) {
                            for (String group : List.of("web-staging-dg", "web-dg")) {
                                String newest = codeDeploy.listDeployments(r -> r.applicationName("web-app")
                                        .deploymentGroupName(group)).deployments().get(0);
                                var info = codeDeploy.getDeployment(r -> r.deploymentId(newest)).deploymentInfo();
                                assertThat(info.creatorAsString() + " " + info.statusAsString() + " " + info.revision()
                                        .s3Location().key()).as(group).isEqualTo("user Succeeded web/web-1.1.0.zip");
                            }
                        }
                        assertThat(sim.calls().of("CreateDeployment")).isEmpty();
                        assertThat(sim.calls().of("StartPipelineExecution")).hasSize(1);
                        assertThat(sim.calls().of("PutApprovalResult")).singleElement()
                                .satisfies(c -> assertThat(c.param("result.status")).isEqualTo("Approved"));
                    }));

    /**
     * What an example must do.
     *
     * @param world its world file, in docs/examples
     * @param result how the build ends
     * @param log lines its build log shows, in this order
     * @param endState assertions on the simulator afterwards
     */
    record Example(String world, Result result, List<String> log, Consumer<AwsSimulator> endState) {
        static Example on(String world) {
            return new Example(world, Result.SUCCESS, List.of(), sim -> {});
        }

        Example endsAs(Result value) {
            return new Example(world, value, log, endState);
        }

        Example logs(String... lines) {
            return new Example(world, result, List.of(lines), endState);
        }

        Example leaves(Consumer<AwsSimulator> value) {
            return new Example(world, result, log, value);
        }
    }

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".Jenkinsfile")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void example_runsAsExpected(String name) throws IOException {
        Example expected = EXPECTED.get(name);
        assertThat(expected).as("docs/examples/%s has no entry in ExamplesTest.EXPECTED", name).isNotNull();

        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(EXAMPLES.resolve(expected.world())))) {
            BuildOutcome build = PipelineRunner.on(aws).run(EXAMPLES.resolve(name));

            assertThat(build.result()).as(build.log()).isEqualTo(expected.result());
            assertThat(build.lines()).as(build.log()).containsSubsequence(expected.log());
            expected.endState().accept(aws.sim());
        }
    }

    @Test
    void everyExpectation_hasItsExample() throws IOException {
        assertThat(examples().toList()).containsAll(EXPECTED.keySet());
    }
}
