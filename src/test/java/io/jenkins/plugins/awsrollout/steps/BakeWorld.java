package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The world the bake tests run in, and the "nothing left behind" check. */
final class BakeWorld {

    static final String BASE_NAME = "base-al2023-2026.11.01";
    static final String OTHER_ACCOUNT = "210987654321";
    static final String THIRD_ACCOUNT = "333333333333";

    /** A provisioning script: a minute of work, then success (the wrapper powers the machine off). */
    static final String SCRIPT = """
            #!/bin/bash
            echo "installing nginx"
            yum install -y nginx
            # sim: takes 30
            echo "nginx installed"
            """;

    private BakeWorld() {}

    /**
     * us-east-1 (default), eu-west-1 and ap-southeast-2. In us-east-1: the base AMI, a deprecated one with a later
     * name, and look-alikes owned by Amazon.
     */
    static World.Builder world() {
        return World.builder().region("us-east-1").region("eu-west-1").region("ap-southeast-2")
                .image("base-al2023-2026.10.01", i -> i.tag("role", "base").ownerAlias("amazon"))
                .image(BASE_NAME, i -> i.tag("role", "base").description("Base image"))
                .image("base-al2023-2026.12.01", i -> i.tag("role", "base").deprecateAt("2025-12-01T00:00:00Z"))
                .image("other-2026.11.01", i -> i.ownerAlias("amazon"))
                .timings(t -> t.withBoot(Duration.ofSeconds(15)).withStop(Duration.ofSeconds(10))
                        .withTerminate(Duration.ofSeconds(10)).withImageCreation(Duration.ofMinutes(2))
                        .withImageCopy(Duration.ofMinutes(3)));
    }

    static AwsBakeAmiStep userDataStep() {
        AwsBakeAmiStep step = new AwsBakeAmiStep("web-${BUILD_NUMBER}-{{timestamp}}");
        step.setSourceAmiFilter(new SourceAmiFilter("base-al2023-2026.11.*"));
        step.setUserData(SCRIPT);
        step.setTags(List.of("app=web", "build=${BUILD_NUMBER}"));
        return step;
    }

    /**
     * Nothing of a bake is left in any region: every instance terminated, no AMI or snapshot but {@code keptImages}
     * (and the seeded ones), no security group but the default and seeded ones.
     */
    static void assertNothingLeftBehind(SimulatedAws aws, Collection<String> seededImageIds, Collection<String> keptImages) {
        for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-2")) {
            SimState state = aws.sim().state(region);
            assertThat(state.instances()).as("instances in %s", region)
                    .allSatisfy(i -> assertThat(i.state()).isIn("terminated", "shutting-down"));
            List<String> images = state.images().stream().map(SimState.ImageView::id)
                    .filter(id -> !seededImageIds.contains(id)).toList();
            assertThat(images).as("AMIs in %s", region).isSubsetOf(keptImages);
            Set<String> ownedSnapshots = new java.util.HashSet<>();
            state.images().forEach(i -> ownedSnapshots.addAll(i.snapshotIds()));
            assertThat(state.snapshots()).as("snapshots in %s", region)
                    .allSatisfy(s -> assertThat(ownedSnapshots).contains(s.id()));
            assertThat(state.securityGroups()).as("security groups in %s", region)
                    .allSatisfy(g -> assertThat(g.name()).doesNotStartWith("aws-rollout-bake-"));
        }
    }

    static List<String> seededImages(SimulatedAws aws) {
        List<String> ids = new ArrayList<>();
        for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-2")) {
            aws.sim().state(region).images().forEach(i -> ids.add(i.id()));
        }
        return ids;
    }

    /** The cursor of a running bake, or null before its first tick. */
    static BakeCursor cursor(TestStepContext context) {
        OperationExecution<?> execution = (OperationExecution<?>) context.execution();
        DurableOperation<?> operation = execution.operation();
        return operation == null ? null : (BakeCursor) operation.run().cursor();
    }

    /** Runs the bake until it reaches {@code phase} (as saved), or ends. */
    static void runUntilPhase(SimulatedAws aws, TestStepContext context, BakeCursor.Phase phase) {
        aws.scheduler().runUntil(() -> context.isCompleted()
                || cursor(context) != null && cursor(context).phase() == phase, 100_000);
        assertThat(context.isCompleted()).as("the bake ended before reaching %s:%n%s", phase, context.log()).isFalse();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(TestStepContext context) {
        assertThat(context.failure()).as("failure; log:%n%s", context.log()).isNull();
        return (Map<String, Object>) context.result();
    }

    static String baseAmiId(SimulatedAws aws) {
        return aws.sim().state().image(BASE_NAME).id();
    }
}
