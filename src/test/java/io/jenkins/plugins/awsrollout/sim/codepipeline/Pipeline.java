package io.jenkins.plugins.awsrollout.sim.codepipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pipeline's declaration as the world defines it: stages of actions, each action with a provider and what it does in
 * the simulated world (a duration and an outcome, or, for {@code CodeDeploy} and {@code Manual}, the real thing).
 */
final class Pipeline {
    final String name;
    final String pipelineType;
    final String executionMode;
    final List<Variable> variables;
    final List<Stage> stages;
    final Instant created;
    final int version = 1;

    Pipeline(String name, String pipelineType, String executionMode, List<Variable> variables, List<Stage> stages, Instant created) {
        this.name = name;
        this.pipelineType = pipelineType;
        this.executionMode = executionMode;
        this.variables = List.copyOf(variables);
        this.stages = List.copyOf(stages);
        this.created = created;
    }

    Stage stage(String stageName) {
        return stages.stream().filter(s -> s.name().equals(stageName)).findFirst().orElse(null);
    }

    /** A pipeline-level variable and its default. */
    record Variable(String name, String defaultValue, String description) {}

    /** A stage and its actions, in declaration order. */
    record Stage(String name, List<Action> actions) {
        Action action(String actionName) {
            return actions.stream().filter(a -> a.name().equals(actionName)).findFirst().orElse(null);
        }
    }

    /**
     * An action.
     *
     * @param duration how long it runs (CodeDeploy and manual approval actions run as long as the real thing)
     * @param outcome {@code Succeeded} or {@code Failed} (CodeDeploy and approval actions: decided by the world)
     * @param errorMessage the error of a failing action
     * @param outputVariables what the action outputs (its namespace makes them {@code #{Namespace.name}})
     */
    record Action(String name, String category, String owner, String provider, String version, int runOrder,
            Map<String, String> configuration, List<String> inputArtifacts, List<String> outputArtifacts, String namespace,
            Duration duration, String outcome, String errorMessage, Map<String, String> outputVariables) {

        boolean isApproval() {
            return "Approval".equals(category);
        }

        boolean isCodeDeploy() {
            return "Deploy".equals(category) && "CodeDeploy".equals(provider);
        }

        boolean isSource() {
            return "Source".equals(category);
        }
    }
}
