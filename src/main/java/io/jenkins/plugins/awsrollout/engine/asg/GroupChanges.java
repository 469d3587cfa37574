package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplate;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;

/**
 * The Auto Scaling mutations of a rollout. Each is idempotent: absolute values (a version, a size), processes
 * (suspending a suspended one is a no-op), or instances checked against a fresh read before the call.
 */
final class GroupChanges {

    /** Terminations per tick, so that one tick stays a bounded piece of work on large batches. */
    static final int TERMINATIONS_PER_TICK = 50;

    private GroupChanges() {}

    /** The configuration a group launches from, at {@code version}: its launch template, or its mixed instances policy. */
    static LaunchTemplateSpecification spec(LaunchTemplateRef template, String version) {
        LaunchTemplateSpecification.Builder spec = LaunchTemplateSpecification.builder().version(version);
        if (template.id() != null) {
            spec.launchTemplateId(template.id());
        } else {
            spec.launchTemplateName(template.name());
        }
        return spec.build();
    }

    /** The group's mixed instances policy with its launch template at {@code version}, overrides and distribution kept. */
    static MixedInstancesPolicy policyAt(AutoScalingGroup group, LaunchTemplateRef template, String version) {
        MixedInstancesPolicy current = group.mixedInstancesPolicy();
        LaunchTemplate launchTemplate = current.launchTemplate();
        return current.toBuilder()
                .launchTemplate(launchTemplate.toBuilder().launchTemplateSpecification(spec(template, version)).build())
                .build();
    }

    /**
     * Points the group at {@code version} (through its mixed instances policy when it has one) and applies the sizes
     * given; null sizes are left as they are.
     */
    static void update(AwsSession aws, AutoScalingGroup group, @CheckForNull LaunchTemplateRef template, @CheckForNull String version,
            @CheckForNull Integer minSize, @CheckForNull Integer maxSize, @CheckForNull Integer desired) {
        UpdateAutoScalingGroupRequest.Builder request = UpdateAutoScalingGroupRequest.builder()
                .autoScalingGroupName(group.autoScalingGroupName());
        if (template != null && version != null) {
            if (group.mixedInstancesPolicy() != null) {
                request.mixedInstancesPolicy(policyAt(group, template, version));
            } else {
                request.launchTemplate(spec(template, version));
            }
        }
        request.minSize(minSize).maxSize(maxSize).desiredCapacity(desired);
        aws.autoScaling().updateAutoScalingGroup(request.build());
    }

    static void suspend(AwsSession aws, String group, List<String> processes) {
        if (!processes.isEmpty()) {
            aws.autoScaling().suspendProcesses(r -> r.autoScalingGroupName(group).scalingProcesses(processes));
        }
    }

    static void resume(AwsSession aws, String group, List<String> processes) {
        if (!processes.isEmpty()) {
            aws.autoScaling().resumeProcesses(r -> r.autoScalingGroupName(group).scalingProcesses(processes));
        }
    }

    static void setDesired(AwsSession aws, String group, int desired) {
        aws.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(group).desiredCapacity(desired).honorCooldown(false));
    }

    /**
     * Terminates those of {@code ids} still in the group and not already leaving it, at most
     * {@link #TERMINATIONS_PER_TICK}; returns the ids asked for. An instance that left meanwhile is not an error.
     */
    static List<String> terminate(AwsSession aws, Fleet fleet, List<String> ids, boolean decrement) {
        return terminate(aws, fleet, ids, decrement, TERMINATIONS_PER_TICK);
    }

    /** The same, at most {@code limit} this tick. */
    static List<String> terminate(AwsSession aws, Fleet fleet, List<String> ids, boolean decrement, int limit) {
        List<String> asked = new ArrayList<>();
        for (FleetMember member : fleet.present(new java.util.HashSet<>(ids))) {
            if (asked.size() >= limit) {
                break;
            }
            try {
                aws.autoScaling().terminateInstanceInAutoScalingGroup(r -> r.instanceId(member.id())
                        .shouldDecrementDesiredCapacity(decrement));
            } catch (AwsServiceException e) {
                if (!gone(e)) {
                    throw e;
                }
            }
            asked.add(member.id());
        }
        return asked;
    }

    /** Whether AWS refused because the instance is no longer in a group (it left between the read and the call). */
    private static boolean gone(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return e.statusCode() == 400 && (message.contains("not found") || message.contains("not part of")
                || message.contains("Terminating") || message.contains("terminated"));
    }
}
