package io.jenkins.plugins.awsrollout.sim.codepipeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code codePipeline} section of a world file, and {@code World.Builder#codePipeline}: pipelines with their
 * variables, stages and actions. Every field is a JSON member of the same name (docs/simulator.md documents them).
 */
public final class CodePipelineSeed {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Set<String> CATEGORIES = Set.of("Source", "Build", "Test", "Deploy", "Approval", "Invoke", "Compute");

    List<PipelineSeed> pipelines = new ArrayList<>();

    public CodePipelineSeed pipeline(String name, Consumer<PipelineSeed> configure) {
        PipelineSeed seed = new PipelineSeed();
        seed.name = name;
        configure.accept(seed);
        pipelines.add(seed);
        return this;
    }

    /** A pipeline. */
    public static final class PipelineSeed {
        String name;
        String region;
        String pipelineType = "V2";
        String executionMode = "SUPERSEDED";
        List<VariableSeed> variables = new ArrayList<>();
        List<StageSeed> stages = new ArrayList<>();

        public PipelineSeed pipelineType(String value) { pipelineType = value; return this; }

        public PipelineSeed variable(String variableName, String defaultValue) {
            VariableSeed v = new VariableSeed();
            v.name = variableName;
            v.defaultValue = defaultValue;
            variables.add(v);
            return this;
        }

        public PipelineSeed stage(String stageName, Consumer<StageSeed> configure) {
            StageSeed s = new StageSeed();
            s.name = stageName;
            configure.accept(s);
            stages.add(s);
            return this;
        }
    }

    /** A pipeline-level variable. */
    public static final class VariableSeed {
        String name;
        String defaultValue;
        String description;
    }

    /** A stage. */
    public static final class StageSeed {
        String name;
        List<ActionSeed> actions = new ArrayList<>();

        public StageSeed action(String actionName, String category, String provider, Consumer<ActionSeed> configure) {
            ActionSeed a = new ActionSeed();
            a.name = actionName;
            a.category = category;
            a.provider = provider;
            configure.accept(a);
            actions.add(a);
            return this;
        }

        /** A CodeDeploy action deploying its input artifact to {@code application}/{@code deploymentGroup}. */
        public StageSeed codeDeploy(String actionName, String application, String deploymentGroup, String inputArtifact) {
            return action(actionName, "Deploy", "CodeDeploy", a -> a.configuration("ApplicationName", application)
                    .configuration("DeploymentGroupName", deploymentGroup).input(inputArtifact));
        }

        /** A manual approval. */
        public StageSeed approval(String actionName) {
            return action(actionName, "Approval", "Manual", a -> {});
        }

        /** An S3 source action producing {@code outputArtifact}. */
        public StageSeed s3Source(String actionName, String bucket, String key, String outputArtifact) {
            return action(actionName, "Source", "S3", a -> a.configuration("S3Bucket", bucket).configuration("S3ObjectKey", key)
                    .output(outputArtifact));
        }
    }

    /**
     * An action: {@code seconds} and {@code outcome} ({@code Succeeded} or {@code Failed}, with {@code errorMessage})
     * decide how it ends, except for CodeDeploy actions (they end with their deployment) and approvals (they wait).
     */
    public static final class ActionSeed {
        String name;
        String category;
        String owner = "AWS";
        String provider;
        String version = "1";
        int runOrder = 1;
        Map<String, String> configuration = new LinkedHashMap<>();
        List<String> inputArtifacts = new ArrayList<>();
        List<String> outputArtifacts = new ArrayList<>();
        String namespace;
        Double seconds;
        String outcome = "Succeeded";
        String errorMessage;
        Map<String, String> outputVariables = new LinkedHashMap<>();

        public ActionSeed configuration(String key, String value) { configuration.put(key, value); return this; }

        public ActionSeed input(String artifact) { inputArtifacts.add(artifact); return this; }

        public ActionSeed output(String artifact) { outputArtifacts.add(artifact); return this; }

        public ActionSeed runOrder(int value) { runOrder = value; return this; }

        public ActionSeed seconds(double value) { seconds = value; return this; }

        public ActionSeed fails(String message) { outcome = "Failed"; errorMessage = message; return this; }

        public ActionSeed namespace(String value) { namespace = value; return this; }

        public ActionSeed outputVariable(String key, String value) { outputVariables.put(key, value); return this; }
    }

    /** Reads the world file's {@code codePipeline} section. */
    public static CodePipelineSeed fromJson(JsonNode section) {
        try {
            return MAPPER.treeToValue(section, CodePipelineSeed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("world file: codePipeline: " + e.getMessage(), e);
        }
    }

    /** The world-file reader registered in {@code WorldSections}. */
    public static void seed(Cloud cloud, JsonNode section) {
        fromJson(section).seed(cloud);
    }

    /** Creates every pipeline (after CodeDeploy is seeded, which its deploy actions use). */
    public void seed(Cloud cloud) {
        for (PipelineSeed p : pipelines) {
            CloudRegion region = p.region == null ? cloud.defaultRegion() : cloud.region(p.region);
            List<Pipeline.Variable> variables = p.variables.stream()
                    .map(v -> new Pipeline.Variable(v.name, v.defaultValue, v.description)).toList();
            List<Pipeline.Stage> stages = new ArrayList<>();
            for (StageSeed s : p.stages) {
                List<Pipeline.Action> actions = new ArrayList<>();
                for (ActionSeed a : s.actions) {
                    if (!CATEGORIES.contains(a.category)) {
                        throw new IllegalArgumentException("world: pipeline " + p.name + ", action " + a.name
                                + ": category must be one of " + CATEGORIES + ", not " + a.category);
                    }
                    if (!a.outcome.equals("Succeeded") && !a.outcome.equals("Failed")) {
                        throw new IllegalArgumentException("world: pipeline " + p.name + ", action " + a.name
                                + ": outcome must be Succeeded or Failed, not " + a.outcome);
                    }
                    double seconds = a.seconds != null ? a.seconds : "Source".equals(a.category) ? 5 : 10;
                    actions.add(new Pipeline.Action(a.name, a.category, a.owner, a.provider, a.version, a.runOrder,
                            Map.copyOf(a.configuration), List.copyOf(a.inputArtifacts), List.copyOf(a.outputArtifacts),
                            a.namespace, Duration.ofMillis((long) (seconds * 1000)), a.outcome, a.errorMessage,
                            new LinkedHashMap<>(a.outputVariables)));
                }
                stages.add(new Pipeline.Stage(s.name, actions));
            }
            if (stages.size() < 2) {
                throw new IllegalArgumentException("world: pipeline " + p.name + " needs at least two stages, as in AWS");
            }
            CodePipelineRegion.of(region).add(new Pipeline(p.name, p.pipelineType, p.executionMode, variables, stages, cloud.now()));
        }
    }
}
