package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * The first tick: reads the group, its launch template, its load balancers and any running refresh; plans; refuses
 * with one sentence when the rollout could not be done safely; and, for a dry run, returns the plan. Only reads.
 */
final class PreflightPhase {

    /** Statuses of a refresh still holding the group. */
    static final Set<String> ACTIVE_REFRESH = Set.of("Pending", "InProgress", "Cancelling", "RollbackInProgress", "Baking");

    private PreflightPhase() {}

    static Tick<AsgRolloutCursor> run(AsgRolloutRequest request, AsgRolloutCursor cursor, TickContext context) {
        AwsSession aws = context.aws();
        AutoScalingGroup group = FleetReader.requireGroup(aws, request.autoScalingGroup());
        Fleet fleet = FleetReader.read(aws, group);
        PreflightChecks.RunningRefresh running = runningRefresh(aws, request.autoScalingGroup());
        int desired = request.desiredCapacity() != null ? request.desiredCapacity() : fleet.desired();
        CapacityLimits limits = CapacityLimits.of(desired, request.minHealthyPercentage(), request.maxHealthyPercentage());
        if (fleet.launchTemplate() == null) {
            return refuse(cursor, PreflightChecks.refusal(fleet, request, limits, running, emptyPlan(limits)).orElseThrow());
        }
        TemplatePlan template = templatePlan(aws, request, fleet.launchTemplate(), cursor);
        Duration drain = LoadBalancerMembers.drainDelay(aws, fleet.targetGroupArns());
        Duration warmup = warmup(request, fleet);
        RolloutPlan plan = RolloutPlan.of(fleet, outOfDate(request, template, Set.of()), limits, request.batchSize(),
                request.scaleInProtectedInstances(), request.standbyInstances(), warmup, drain);
        Optional<String> refusal = PreflightChecks.refusal(fleet, request, limits, running, plan);
        if (refusal.isPresent()) {
            return refuse(cursor, refusal.get());
        }
        Optional<String> alarms = RolloutAlarms.refusal(aws, request, context.progress());
        if (alarms.isPresent()) {
            return refuse(cursor, alarms.get());
        }
        warnAboutOverrides(request, group, context.progress());
        List<String> toSuspend = new ArrayList<>(request.suspendProcesses());
        toSuspend.removeAll(fleet.suspendedProcesses().keySet());
        int maxSize = request.maxSize() != null ? request.maxSize() : fleet.maxSize();
        // Instances launched first need room under the maximum size: raised for the rollout, put back at the end.
        Integer maxSizeToRestore = limits.ceiling() > maxSize ? maxSize : null;
        Set<String> members = new HashSet<>();
        fleet.members().forEach(m -> members.add(m.id()));
        GroupFacts facts = new GroupFacts(limits, fleet.desired(), maxSize, fleet.mixedInstancesPolicy(), fleet.targetGroupArns(),
                fleet.loadBalancerNames(), drain, warmup, members, plan.toReplace().size(), plan.batches().size());
        report(request, fleet, template, plan, context.progress());
        AsgRolloutCursor planned = cursor.planned(facts, template, toSuspend).withMaxSizeToRestore(maxSizeToRestore);
        if (request.dryRun()) {
            context.progress().report("DRY RUN", "No change made to " + request.autoScalingGroup() + ".");
            return Tick.done(planned, RolloutReport.plan(request, fleet, template, plan, running));
        }
        return Tick.after(template.createsVersion()
                ? planned.at(AsgRolloutCursor.Phase.TEMPLATE, "a new version of launch template " + TemplateVersions.name(template.template()))
                : planned.at(AsgRolloutCursor.Phase.SUSPEND, "the scaling processes of " + request.autoScalingGroup() + " to be suspended"),
                Duration.ZERO);
    }

    /**
     * Which members a rollout to {@code template} replaces. Once it runs, those are the group's instances from the
     * start that are not on the target (all of them with {@code skipMatching: false}), and any later instance of the
     * same launch template on another version; instances launched from another template (a mixed instances policy's
     * override) are not the rollout's to replace, so it can never chase them. Before it runs ({@code startMembers}
     * empty), every member is judged by its version alone.
     */
    static Predicate<FleetMember> outOfDate(AsgRolloutRequest request, TemplatePlan template, Set<String> startMembers) {
        if (template.targetVersion() == null) {
            return m -> true;
        }
        LaunchTemplateRef target = template.target();
        if (startMembers.isEmpty()) {
            return request.skipMatching() ? m -> !m.runs(target) : m -> true;
        }
        return m -> startMembers.contains(m.id())
                ? !request.skipMatching() || !m.runs(target)
                : target.sameTemplate(m.launchTemplate()) && !m.runs(target);
    }

    private static TemplatePlan templatePlan(AwsSession aws, AsgRolloutRequest request, LaunchTemplateRef groupTemplate,
            AsgRolloutCursor cursor) {
        LaunchTemplateVersion current = TemplateVersions.describe(aws, groupTemplate,
                groupTemplate.version() == null ? "$Default" : groupTemplate.version());
        LaunchTemplateRef template = new LaunchTemplateRef(current.launchTemplateId(), current.launchTemplateName(),
                groupTemplate.version());
        String previous = String.valueOf(current.versionNumber());
        String previousImage = TemplateVersions.imageOf(current);
        if (request.launchTemplateVersion() != null) {
            TemplateVersions.describe(aws, template, request.launchTemplateVersion());
            return new TemplatePlan(template, previous, previousImage, request.launchTemplateVersion(), null, null);
        }
        if (request.ami() != null && !request.ami().equals(previousImage)) {
            TemplateVersions.requireImage(aws, request.ami());
            String token = TemplateVersions.clientToken(request.buildId(), request.autoScalingGroup(), template, previous,
                    request.ami(), cursor.startedAt());
            return new TemplatePlan(template, previous, previousImage, null, request.ami(), token);
        }
        return new TemplatePlan(template, previous, previousImage, previous, null, null);
    }

    private static @CheckForNull PreflightChecks.RunningRefresh runningRefresh(AwsSession aws, String group) {
        for (InstanceRefresh refresh : aws.autoScaling()
                .describeInstanceRefreshes(r -> r.autoScalingGroupName(group).maxRecords(10)).instanceRefreshes()) {
            if (ACTIVE_REFRESH.contains(refresh.statusAsString())) {
                return new PreflightChecks.RunningRefresh(refresh.instanceRefreshId(), refresh.statusAsString());
            }
        }
        return null;
    }

    private static Duration warmup(AsgRolloutRequest request, Fleet fleet) {
        if (request.instanceWarmupSeconds() != null) {
            return Duration.ofSeconds(request.instanceWarmupSeconds());
        }
        if (fleet.defaultInstanceWarmupSeconds() != null && fleet.defaultInstanceWarmupSeconds() >= 0) {
            return Duration.ofSeconds(fleet.defaultInstanceWarmupSeconds());
        }
        // An instance refresh waits the health check grace period by default; a rolling batch gates on the load
        // balancers' own health checks instead, so it needs no extra wait.
        return request.strategy() == RolloutStrategy.INSTANCE_REFRESH
                ? Duration.ofSeconds(fleet.healthCheckGracePeriodSeconds()) : Duration.ZERO;
    }

    private static void warnAboutOverrides(AsgRolloutRequest request, AutoScalingGroup group, Progress progress) {
        if (request.ami() == null || group.mixedInstancesPolicy() == null || group.mixedInstancesPolicy().launchTemplate() == null) {
            return;
        }
        for (LaunchTemplateOverrides override : group.mixedInstancesPolicy().launchTemplate().overrides()) {
            if (override.launchTemplateSpecification() != null || override.imageId() != null) {
                progress.warn("PLAN", "The mixed instances policy of " + group.autoScalingGroupName() + " has overrides with their "
                        + "own launch template or image (instance type " + override.instanceType() + "): those keep their image; "
                        + "only the policy's launch template gets " + request.ami() + ".");
                return;
            }
        }
    }

    private static void report(AsgRolloutRequest request, Fleet fleet, TemplatePlan template, RolloutPlan plan, Progress progress) {
        progress.report("PLAN", request.autoScalingGroup() + " (" + request.strategy().parameterValue() + "): " + plan.summary() + ".");
        progress.report("PLAN", "Launch template " + template.describe() + ".");
        progress.report("PLAN", "Healthy now: " + fleet.healthy() + " of " + fleet.desired() + " in service"
                + (fleet.hasLoadBalancers() ? " (load balancer health)" : " (Auto Scaling health)") + ".");
        int shown = Math.min(plan.batches().size(), 10);
        for (int i = 0; i < shown; i++) {
            List<String> batch = plan.batches().get(i);
            progress.report("PLAN", "Batch " + (i + 1) + " of " + plan.batches().size() + ": "
                    + String.join(", ", batch.subList(0, Math.min(10, batch.size())))
                    + (batch.size() > 10 ? " and " + (batch.size() - 10) + " more" : "") + ".");
        }
        if (shown < plan.batches().size()) {
            progress.report("PLAN", "... and " + (plan.batches().size() - shown) + " more batches.");
        }
        if (!plan.skipped().isEmpty()) {
            progress.warn("PLAN", "Left on their current configuration: " + String.join(", ",
                    plan.skipped().subList(0, Math.min(20, plan.skipped().size())))
                    + (plan.skipped().size() > 20 ? " and " + (plan.skipped().size() - 20) + " more" : "") + ".");
        }
    }

    private static RolloutPlan emptyPlan(CapacityLimits limits) {
        return new RolloutPlan(List.of(), List.of(), List.of(), List.of(), List.of(), limits, Duration.ZERO);
    }

    private static Tick<AsgRolloutCursor> refuse(AsgRolloutCursor cursor, String sentence) {
        return Tick.failed(cursor, sentence, null);
    }
}
