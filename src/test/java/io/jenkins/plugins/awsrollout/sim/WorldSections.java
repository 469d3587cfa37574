package io.jenkins.plugins.awsrollout.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.awsrollout.sim.codedeploy.CodeDeploySeed;
import io.jenkins.plugins.awsrollout.sim.codepipeline.CodePipelineSeed;
import io.jenkins.plugins.awsrollout.sim.s3.S3Seed;
import io.jenkins.plugins.awsrollout.sim.ssm.SsmSeed;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The extension point of the world file: a top-level member that is not a core one (see
 * {@link WorldFile}) is handed to the reader registered here under its name, after the core
 * resources are seeded. A service added later (CodeDeploy's {@code codeDeploy} section, S3's
 * {@code s3}) registers one line below.
 */
final class WorldSections {
    private static final Map<String, BiConsumer<Cloud, JsonNode>> READERS = Map.of(
            "codeDeploy", CodeDeploySeed::seed,
            "s3", S3Seed::seed,
            "ssm", SsmSeed::seed,
            "codePipeline", CodePipelineSeed::seed,
            "alarms", io.jenkins.plugins.awsrollout.sim.cloudwatch.AlarmSeed::seed);

    private WorldSections() {}

    static boolean known(String key) {
        return READERS.containsKey(key);
    }

    static void apply(String key, JsonNode section, Cloud cloud) {
        BiConsumer<Cloud, JsonNode> reader = READERS.get(key);
        if (reader == null) {
            throw new IllegalArgumentException("world: unknown section '" + key + "'");
        }
        reader.accept(cloud, section);
    }
}
