package io.jenkins.plugins.awsrollout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** awsCodeDeploy from a Jenkinsfile, on the demo world: a bundle from the workspace, then one already in S3. */
class AwsCodeDeployPipelineTest {

    private static final Path DEMO = Path.of(System.getProperty("project.root", ".."), "docs", "examples", "demo-world.json");

    @TempDir
    Path workspace;

    @Test
    void jenkinsfile_deploysFromTheWorkspaceThenRollsBackABrokenBundle() throws Exception {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, """
                node {
                    stage('Package') {
                        writeFile file: 'deploy/appspec.yml', text: 'version: 0.0\\nos: linux\\nfiles:\\n  - source: /\\n    destination: /opt/web\\n'
                        writeFile file: 'deploy/scripts/start.sh', text: '#!/bin/sh\\necho start\\n'
                    }
                    stage('Deploy') {
                        def deployment = awsCodeDeploy application: 'web-app', deploymentGroup: 'web-dg',
                                source: 'deploy', s3Bucket: 'deploy-bundles', s3Prefix: 'web/builds', sseAlgorithm: 'AES256'
                        echo "deployed ${deployment.revision.key} with ${deployment.deploymentId}: ${deployment.status}, ${deployment.overview.succeeded} of ${deployment.instances.size()} instances"
                    }
                    stage('Broken') {
                        def broken = awsCodeDeploy application: 'web-app', deploymentGroup: 'web-dg',
                                s3: [bucket: 'deploy-bundles', key: 'web/web-broken.zip'], failOnError: false
                        def failed = broken.instances.findAll { it.status == 'Failed' }
                        echo "broken: ${broken.status}, ${failed.size()} failed at ${failed[0].failedEvent} (${failed[0].scriptName}), rollback ${broken.rollbackDeploymentId ? 'started' : 'none'}"
                    }
                }
                """);
        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(DEMO))) {
            BuildOutcome build = PipelineRunner.on(aws).workspace(workspace).job("web", 12).run(jenkinsfile);

            assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
            assertThat(build.lines()).as(build.log()).anySatisfy(l -> assertThat(l).matches(
                    "deployed web/builds/web-12-[0-9a-f]{12}\\.zip with d-[A-Z0-9]{9}: Succeeded, 6 of 6 instances"));
            assertThat(build.log()).contains("broken: Failed, 3 failed at ValidateService (scripts/validate.sh), rollback started");
            assertThat(aws.sim().calls().count("CreateDeployment")).isEqualTo(2);
        }
    }
    @Test
    void secondCall_whileTheFirstDeploymentRuns_saysSoInsteadOfFollowingIt() throws Exception {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, """
                def first = awsCodeDeploy application: 'web-app', deploymentGroup: 'web-dg',
                        s3: [bucket: 'deploy-bundles', key: 'web/web-1.1.0.zip'], waitForCompletion: false
                echo "first: ${first.deploymentId} ${first.status}"
                awsCodeDeploy application: 'web-app', deploymentGroup: 'web-dg', s3: [bucket: 'deploy-bundles', key: 'web/web-1.1.0.zip']
                """);
        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(DEMO))) {
            BuildOutcome build = PipelineRunner.on(aws).workspace(workspace).job("web", 12).run(jenkinsfile);

            assertThat(build.result()).as(build.log()).isEqualTo(Result.FAILURE);
            String first = build.lines().stream().filter(l -> l.startsWith("first: ")).findFirst().orElseThrow()
                    .split(" ")[1];
            assertThat(first).matches("d-[A-Z0-9]{9}");
            assertThat(build.reason()).isEqualTo("Deployment " + first + " of the same revision, created by an earlier "
                    + "awsCodeDeploy call of this build, is still running in web-app/web-dg: CodeDeploy runs one deployment "
                    + "per group at a time; wait for it to end before deploying again.");
            assertThat(aws.sim().calls().count("CreateDeployment")).isEqualTo(1);
        }
    }
}
