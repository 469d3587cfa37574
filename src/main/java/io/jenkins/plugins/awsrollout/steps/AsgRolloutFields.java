package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.asg.AsgRolloutRequest;
import io.jenkins.plugins.awsrollout.engine.asg.OnAbort;
import io.jenkins.plugins.awsrollout.engine.asg.ProtectedInstances;
import io.jenkins.plugins.awsrollout.engine.asg.RolloutStrategy;
import io.jenkins.plugins.awsrollout.engine.asg.StandbyInstances;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The form logic of the {@code awsAsgRollout} fields, shared by the Pipeline step and the freestyle builder. Every
 * check runs the engine's own validation ({@link AsgRolloutRequest.Builder#build()}) on the one field, so the form
 * and the build refuse the same values with the same words. Callers check permissions first.
 */
public final class AsgRolloutFields {

    private AsgRolloutFields() {}

    /** Who asks, for the launch template version's description and idempotency token: {@code folder/job #12}. */
    public static String buildId(Map<String, String> env) {
        String job = env.getOrDefault("JOB_NAME", "");
        String number = env.getOrDefault("BUILD_NUMBER", "");
        return (job + (number.isEmpty() ? "" : " #" + number)).trim();
    }

    /** The values of a one-per-line text field (the freestyle form of a list parameter). */
    public static List<String> lines(@CheckForNull String text) {
        if (text == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String line : text.split("[\\r\\n,]+")) {
            if (!line.isBlank()) {
                values.add(line.trim());
            }
        }
        return values;
    }

    /** A list parameter as one-per-line text. */
    public static String text(List<String> values) {
        return String.join("\n", values);
    }

    static FormValidation check(UnaryOperator<AsgRolloutRequest.Builder> field) {
        try {
            field.apply(AsgRolloutRequest.builder("group")).build();
            return FormValidation.ok();
        } catch (OperationFailedException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    public static FormValidation checkAutoScalingGroup(@CheckForNull String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.error("Name the Auto Scaling group to roll.");
        }
        return check(b -> AsgRolloutRequest.builder(value));
    }

    public static FormValidation checkAmi(@CheckForNull String value) {
        return check(b -> b.ami(value));
    }

    public static FormValidation checkLaunchTemplateVersion(@CheckForNull String value) {
        return check(b -> b.launchTemplateVersion(value));
    }

    public static FormValidation checkBatchSize(@CheckForNull String value, @CheckForNull String strategy) {
        return check(b -> b.strategy(RolloutStrategy.ROLLING.parameterValue()).batchSize(value));
    }

    public static FormValidation checkMinHealthyPercentage(@CheckForNull String value) {
        return number(value, "minHealthyPercentage", v -> check(b -> b.minHealthyPercentage(v)
                .maxHealthyPercentage(Math.max(100, Math.min(200, v + 100)))));
    }

    public static FormValidation checkMaxHealthyPercentage(@CheckForNull String value, @CheckForNull String minHealthyPercentage) {
        int min = parse(minHealthyPercentage, AsgRolloutRequest.DEFAULT_MIN_HEALTHY_PERCENTAGE);
        return number(value, "maxHealthyPercentage", v -> check(b -> b.maxHealthyPercentage(v).minHealthyPercentage(min)));
    }

    public static FormValidation checkCheckpoints(@CheckForNull String value) {
        return check(b -> b.checkpoints(lines(value)));
    }

    public static FormValidation checkSuspendProcesses(@CheckForNull String value) {
        return check(b -> b.suspendProcesses(lines(value)));
    }

    public static FormValidation checkTimeoutMinutes(@CheckForNull String value) {
        return number(value, "timeoutMinutes", v -> check(b -> b.timeoutMinutes(v)));
    }

    public static FormValidation checkHealthCheckTimeoutMinutes(@CheckForNull String value) {
        return number(value, "healthCheckTimeoutMinutes", v -> check(b -> b.healthCheckTimeoutMinutes(v)));
    }

    /** Checks a whole-number field; empty is fine (the default applies). */
    private static FormValidation number(@CheckForNull String value, String field,
            java.util.function.IntFunction<FormValidation> check) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            return check.apply(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return FormValidation.error("Invalid " + field + ": '" + value + "' is not a whole number.");
        }
    }

    private static int parse(@CheckForNull String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public static ListBoxModel strategies() {
        return items(Arrays.stream(RolloutStrategy.values()).map(RolloutStrategy::parameterValue).toList());
    }

    public static ListBoxModel onAbortChoices() {
        return items(Arrays.stream(OnAbort.values()).map(OnAbort::parameterValue).toList());
    }

    public static ListBoxModel protectedInstancesChoices() {
        return items(Arrays.stream(ProtectedInstances.values()).map(ProtectedInstances::awsValue).toList());
    }

    public static ListBoxModel standbyInstancesChoices() {
        return items(Arrays.stream(StandbyInstances.values()).map(StandbyInstances::awsValue).toList());
    }

    private static ListBoxModel items(List<String> values) {
        ListBoxModel model = new ListBoxModel();
        values.forEach(v -> model.add(v, v));
        return model;
    }
}
