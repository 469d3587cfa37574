package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrollout.runner.BuildOutcome;
import io.jenkins.plugins.awsrollout.runner.PipelineRunner;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awsBakeAmi} in a Jenkinsfile, through the local pipeline runner on the demo world: the Bake stage proposed
 * for the rolling-deploy example, run twice (the second build reuses the image).
 */
class AwsBakeAmiPipelineTest {

    private static final Path DEMO_WORLD = Path.of(System.getProperty("project.root", ".."), "docs", "examples",
            "demo-world.json");

    /** The Bake stage of docs/examples/rolling-deploy.Jenkinsfile, as proposed. */
    static final String BAKE_STAGE = """
            def bake
            stage('Bake') {
                // The web image: the newest base image plus nginx. An unchanged recipe reuses the last image.
                bake = awsBakeAmi amiName: 'web-${BUILD_NUMBER}-{{timestamp}}',
                                  sourceAmiFilter: [name: 'base-al2023-*', owners: ['self']],
                                  instanceType: 't3.small',
                                  userData: '''#!/bin/bash
                                      dnf install -y nginx
                                      systemctl enable nginx
                                      # sim: takes 90
                                  ''',
                                  tags: ['app=web'],
                                  skipIfUnchanged: true,
                                  keep: 3
                echo "web image: ${bake.amiId} from ${bake.sourceAmiId}${bake.reused ? ' (reused)' : ''}"
            }
            """;

    @TempDir
    Path workspace;

    @Test
    void bakeStage_onTheDemoWorld_bakesThenReuses() throws Exception {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, BAKE_STAGE);

        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(DEMO_WORLD))) {
            BuildOutcome first = PipelineRunner.on(aws).job("web", 7).run(jenkinsfile);
            BuildOutcome second = PipelineRunner.on(aws).job("web", 8).run(jenkinsfile);

            assertThat(first.result()).as(first.log()).isEqualTo(Result.SUCCESS);
            String ami = aws.sim().state().images().stream().filter(i -> i.name().startsWith("web-7-")).findFirst()
                    .orElseThrow().id();
            assertThat(first.log()).containsSubsequence(
                    "[Pipeline] { (Bake)",
                    "[Pipeline] awsBakeAmi",
                    "[awsBakeAmi] RESOLVE source AMI ami-0a1b2c3d4e5f60001 (base-al2023-2026.11.01, created 2026-01-01T00:00:00.000Z), bake key ",
                    "[awsBakeAmi] DONE baked " + ami + " (web-7-",
                    "web image: " + ami + " from ami-0a1b2c3d4e5f60001",
                    "Finished: SUCCESS");
            assertThat(second.result()).as(second.log()).isEqualTo(Result.SUCCESS);
            assertThat(second.log()).contains("web image: " + ami + " from ami-0a1b2c3d4e5f60001 (reused)");
            assertThat(aws.sim().state().instances()).filteredOn(i -> "t3.small".equals(i.instanceType()))
                    .singleElement().satisfies(i -> assertThat(i.state()).isEqualTo("terminated"));
        }
    }
}
