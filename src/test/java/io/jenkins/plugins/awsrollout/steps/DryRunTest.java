package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.elb.ElbWorlds;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimState.GroupInstanceView;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dryRun} on awsBakeAmi, awsElbRegister and awsCodeDeploy (issue #14 item 6), as awsAsgRollout has it: the
 * same reads and checks, what would happen in the log, a map with {@code dryRun: true}, and not one mutating call
 * (the simulator's call log says so).
 */
class DryRunTest {

    private SimulatedAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(TestStepContext build) {
        assertThat(build.failure()).as(build.log()).isNull();
        return (Map<String, Object>) build.result();
    }

    private void assertNoMutatingCall() {
        assertThat(aws.sim().calls().mutating()).extracting(Call::action).isEmpty();
        assertThat(aws.sim().calls().all()).isNotEmpty();
    }

    @Test
    void bake_resolvesTheSourceTheNameAndTheKey_andLaunchesNothing() throws Exception {
        aws = SimulatedAws.start(BakeWorld.world().build());
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setRegions(List.of("eu-west-1"));
        step.setDryRun(true);

        TestStepContext build = aws.run(step);

        Map<String, Object> result = result(build);
        String name = "web-1-" + SimulatedAws.EPOCH.getEpochSecond();
        assertThat(result).containsEntry("status", "DryRun").containsEntry("dryRun", true)
                .containsEntry("amiName", name)
                .containsEntry("sourceAmiId", BakeWorld.baseAmiId(aws))
                .containsEntry("sourceAmiName", BakeWorld.BASE_NAME)
                .containsEntry("wouldReuse", null)
                .containsEntry("regions", List.of("us-east-1", "eu-west-1"))
                .containsEntry("provisioning", "userData");
        assertThat((String) result.get("bakeKey")).isNotBlank();
        assertThat(build.log()).contains("[awsBakeAmi] RESOLVE source AMI " + BakeWorld.baseAmiId(aws),
                "[awsBakeAmi] DRY RUN would bake " + name + " on a t3.micro builder, provisioned by user data, then copy it "
                        + "to eu-west-1; nothing was changed");
        assertNoMutatingCall();
        assertThat(aws.sim().state().instances()).isEmpty();
    }

    @Test
    void bake_saysItWouldReuseAnImageWithTheSameKey() throws Exception {
        aws = SimulatedAws.start(BakeWorld.world().build());
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setSkipIfUnchanged(true);
        String baked = (String) result(aws.run(step)).get("amiId");
        aws.sim().calls().clear();
        step.setDryRun(true);

        TestStepContext build = aws.context("test", 2);
        aws.start(step, build);
        aws.runToEnd(build);

        assertThat(result(build)).containsEntry("wouldReuse", baked).containsEntry("sameKeyAmiId", baked);
        assertThat(build.log()).contains("[awsBakeAmi] DRY RUN would reuse " + baked + " (web-1-");
        assertNoMutatingCall();
    }

    @Test
    void registration_printsTheDiffAndTheGuardsVerdict_andChangesNothing() throws Exception {
        aws = SimulatedAws.start(ElbWorlds.fleet(30).build());
        List<String> web = ElbWorlds.instances(aws.sim(), "web");
        AwsElbRegisterStep step = new AwsElbRegisterStep();
        step.setAction("deregister");
        step.setInstanceIds(web.subList(0, 2));
        step.setTargetGroup("web-tg");
        step.setMinHealthyTargets(3);
        step.setDryRun(true);

        TestStepContext build = aws.run(step);

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("status", "DryRun").containsEntry("dryRun", true).containsEntry("action", "deregister")
                .containsEntry("changed", 2).containsEntry("guardRefuses", true);
        assertThat((String) result.get("guard")).startsWith("Refusing to deregister 2 targets from target group web-tg");
        assertThat(build.log()).contains("[awsElbRegister] PLAN web-tg (4 targets, 4 healthy): deregister " + web.get(0) + ":80 (healthy)",
                "[awsElbRegister] DRY RUN Refusing to deregister 2 targets", "Would deregister 2 targets; nothing was changed.");
        assertNoMutatingCall();
        assertThat(aws.sim().state().targetHealth("web-tg")).hasSize(4);

        step.setMinHealthyTargets(2);
        aws.sim().calls().clear();
        TestStepContext allowed = aws.run(step);

        assertThat(result(allowed)).containsEntry("guardRefuses", false)
                .containsEntry("guard", "The guard allows it: minHealthyTargets 2, minHealthyPercentage 0 hold after the change.");
        assertNoMutatingCall();
    }

    @Test
    @SuppressWarnings("unchecked")
    void codeDeploy_resolvesRevisionConfigurationAndTargets_andCreatesNothing() throws Exception {
        aws = SimulatedAws.start(CodeDeployWorlds.inPlace(4).build());
        AwsCodeDeployStep step = AwsCodeDeployStepTest.s3("web/2.0.zip");
        step.setDryRun(true);

        TestStepContext build = aws.run(step);

        Map<String, Object> result = result(build);
        List<String> inService = aws.sim().state().group("web").instances("InService").stream()
                .map(GroupInstanceView::instanceId).toList();
        assertThat(result).containsEntry("status", "DryRun").containsEntry("dryRun", true)
                .containsEntry("deploymentConfig", "CodeDeployDefault.HalfAtATime")
                .containsEntry("autoScalingGroups", List.of("web"));
        assertThat((List<Object>) result.get("instances")).containsExactlyInAnyOrderElementsOf(inService);
        assertThat((Map<String, Object>) result.get("revision")).containsEntry("bucket", "deploy-bundles").containsEntry("key", "web/2.0.zip");
        assertThat(build.log()).contains("[awsCodeDeploy] DRY RUN Would deploy s3://deploy-bundles/web/2.0.zip",
                " to web-app/web-dg with CodeDeployDefault.HalfAtATime.",
                "[awsCodeDeploy] DRY RUN Would target 4 instances: ", "[awsCodeDeploy] DRY RUN Nothing was changed.");
        assertNoMutatingCall();
        assertThat(aws.sim().calls().count("CreateDeployment")).isZero();
    }
}
