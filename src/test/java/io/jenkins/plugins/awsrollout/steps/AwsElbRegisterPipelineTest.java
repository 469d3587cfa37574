package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrollout.runner.BuildOutcome;
import io.jenkins.plugins.awsrollout.runner.PipelineRunner;
import io.jenkins.plugins.awsrollout.engine.elb.ElbWorlds;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awsElbRegister} in a Jenkinsfile, through the local pipeline runner on the demo world: a canary taken out of
 * the target group and the classic load balancer and put back, as in the rolling-deploy example.
 */
class AwsElbRegisterPipelineTest {

    private static final Path DEMO_WORLD = Path.of(System.getProperty("project.root", ".."), "docs", "examples",
            "demo-world.json");

    @TempDir
    Path workspace;

    @Test
    void canary_outAndBackIn_onTheDemoWorld() throws Exception {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, """
                // Registering what is already registered changes nothing and returns the fleet's states.
                def fleet = awsElbRegister autoScalingGroup: 'web', targetGroup: 'web-tg', waitFor: 'none'
                def canary = fleet.targets[0].id
                stage('Canary out') {
                    def out = awsElbRegister action: 'deregister', instanceIds: [canary],
                                             targetGroup: 'web-tg', loadBalancer: 'web-elb', minHealthyPercentage: 80
                    echo "out: ${out.targets.collect { it.state }} after ${out.durationSeconds}s"
                }
                stage('Canary in') {
                    def back = awsElbRegister instanceIds: [canary], targetGroup: 'web-tg', loadBalancer: 'web-elb'
                    echo "in: ${back.targets.collect { it.state }}, ${back.changed} changed"
                }
                """);

        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(DEMO_WORLD))) {
            BuildOutcome build = PipelineRunner.on(aws).run(jenkinsfile);

            assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
            assertThat(build.lines()).as(build.log()).containsSubsequence(
                    "[Pipeline] awsElbRegister",
                    "[awsElbRegister] DONE 6 targets registered (0 changed by this step) after 0s",
                    "[Pipeline] { (Canary out)",
                    "out: [unused, OutOfService] after 31s",
                    "[Pipeline] { (Canary in)",
                    "in: [healthy, InService], 2 changed",
                    "Finished: SUCCESS");
            assertThat(aws.sim().calls().mutating()).extracting(Call::action).containsExactly(
                    "DeregisterTargets", "DeregisterInstancesFromLoadBalancer", "RegisterTargets",
                    "RegisterInstancesWithLoadBalancer");
            assertThat(aws.sim().state().targetHealth("web-tg")).hasSize(6);
            assertThat(aws.sim().state().classicHealth("web-elb")).hasSize(6);
        }
    }

    @Test
    void targets_withPorts_bindFromMapsAndBadInputFailsTheBuildNamingTheField() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(ElbWorlds.fleet(30).build())) {
            String spare = ElbWorlds.instances(aws.sim(), "spare").get(0);
            Path jenkinsfile = workspace.resolve("Jenkinsfile");
            Files.writeString(jenkinsfile, """
                    def r = awsElbRegister targets: [[id: '%s', port: 8081]], targetGroup: 'web-tg'
                    echo "${r.targets[0].id}:${r.targets[0].port} ${r.targets[0].state}"
                    awsElbRegister targets: [[id: '%s', port: 70000]], targetGroup: 'web-tg'
                    """.formatted(spare, spare));

            BuildOutcome build = PipelineRunner.on(aws).run(jenkinsfile);

            assertThat(build.result()).isEqualTo(Result.FAILURE);
            assertThat(build.lines()).as(build.log()).containsSubsequence(
                    "[awsElbRegister] REGISTER registered " + spare + ":8081 with web-tg",
                    spare + ":8081 healthy",
                    "[Pipeline] awsElbRegister");
            assertThat(build.reason()).isEqualTo("Invalid targets[0].port '70000': give a port from 1 to 65535, or none for "
                    + "the target group's.");
            assertThat(aws.sim().calls().of("elbv2", "RegisterTargets")).singleElement()
                    .satisfies(c -> assertThat(c.param("Targets.member.1.Port")).isEqualTo("8081"));
        }
    }
}
