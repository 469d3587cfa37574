package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.steps.AwsCodeDeployStep;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsCodeDeployBuilderTest {

    @TempDir
    Path workspace;

    @Test
    void perform_packsTheBuildsWorkspaceUploadsAndDeploys() throws Exception {
        World world = Fixtures.web(2)
                .s3Bucket("deploy-bundles", b -> b.versioned(true))
                .codeDeploy(cd -> cd.timings(t -> t.withHook(Duration.ofSeconds(5))).application("web-app",
                        a -> a.deploymentGroup("web-dg", g -> g.autoScalingGroups("web").targetGroups("web-tg"))))
                .build();
        Files.createDirectories(workspace.resolve("dist"));
        Files.writeString(workspace.resolve("dist/appspec.yml"), "version: 0.0\nos: linux\n");
        Files.writeString(workspace.resolve("dist/app.jar.txt"), "app");
        Files.writeString(workspace.resolve("dist/build.log"), "noise");
        AwsCodeDeployStep deployment = new AwsCodeDeployStep("web-app", "web-dg");
        deployment.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        deployment.setSource("dist");
        deployment.setSourceExcludes(List.of("*.log\n\n"));
        deployment.setS3Bucket("deploy-bundles");
        AwsCodeDeployBuilder builder = new AwsCodeDeployBuilder(deployment);
        LogListener listener = new LogListener();

        try (SimulatedAws aws = SimulatedAws.start(world)) {
            assertThat(builder.requiresWorkspace()).isTrue();
            Map<String, Object> result = builder.perform(aws.runtime(), null, new FilePath(workspace.toFile()),
                    Map.of("JOB_NAME", "web-freestyle", "BUILD_NUMBER", "3"), listener);

            assertThat(result).as(listener.text()).containsEntry("status", "Succeeded");
            assertThat(listener.text()).contains("[awsCodeDeploy] UPLOAD Packed 'dist' from the workspace (2 files, ",
                    "to s3://deploy-bundles/web-freestyle-3-", "[awsCodeDeploy] DEPLOY Deployment ");
            assertThat(aws.sim().calls().mutating()).extracting(c -> c.action())
                    .containsExactly("PutObject", "RegisterApplicationRevision", "CreateDeployment");
        }
    }

    @Test
    void perform_withBadInput_failsTheBuildWithItsSentence() throws Exception {
        AwsCodeDeployStep deployment = new AwsCodeDeployStep("web-app", "web-dg");
        deployment.setOnReady("later");
        deployment.setAppSpecContent("version: 0.0");
        AwsCodeDeployBuilder builder = new AwsCodeDeployBuilder(deployment);
        LogListener listener = new LogListener();

        try (SimulatedAws aws = SimulatedAws.start(Fixtures.web(1).build())) {
            assertThat(builder.requiresWorkspace()).isFalse();
            assertThatThrownBy(() -> builder.perform(aws.runtime(), null, null, Map.of(), listener))
                    .isInstanceOf(hudson.AbortException.class)
                    .hasMessage("Invalid onReady: 'later' must be 'wait' or 'continue' or 'return'.");
            assertThat(aws.sim().calls().all()).isEmpty();
        }
    }
}
