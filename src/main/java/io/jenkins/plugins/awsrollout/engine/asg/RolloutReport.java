package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The maps {@code awsAsgRollout} returns: plain strings, numbers, booleans and lists, never SDK objects. */
final class RolloutReport {

    private RolloutReport() {}

    /** What a dry run returns: the plan. */
    static Map<String, Object> plan(AsgRolloutRequest request, Fleet fleet, TemplatePlan template, RolloutPlan plan,
            @CheckForNull PreflightChecks.RunningRefresh running) {
        Map<String, Object> map = common(request);
        map.put("status", "DryRun");
        map.put("dryRun", true);
        map.put("instanceRefreshId", null);
        putTemplate(map, template);
        map.put("launchTemplateChange", template.describe());
        map.put("desiredCapacity", plan.limits().desired());
        map.put("floor", plan.limits().floor());
        map.put("maxInService", plan.limits().ceiling());
        map.put("healthyInService", fleet.healthy());
        map.put("instancesToReplace", plan.toReplace());
        map.put("skippedInstances", plan.skipped());
        map.put("standbyInstancesToTerminate", plan.standbyToTerminate());
        map.put("batches", plan.batches());
        map.put("expectedDurationSeconds", plan.estimatedDuration().toSeconds());
        map.put("suspendProcesses", request.suspendProcesses());
        map.put("replacedInstances", List.of());
        map.put("newInstances", List.of());
        map.put("durationSeconds", 0L);
        map.put("reason", null);
        return map;
    }

    /** What a finished rollout returns (and what its log summary says). */
    static Map<String, Object> result(AsgRolloutRequest request, AsgRolloutCursor cursor, @CheckForNull Fleet fleet,
            Duration elapsed) {
        Map<String, Object> map = common(request);
        Outcome outcome = cursor.outcome() == null ? Outcome.successful() : cursor.outcome();
        map.put("status", outcome.status().name());
        map.put("dryRun", false);
        map.put("instanceRefreshId", cursor.refresh() == null ? null : cursor.refresh().refreshId());
        if (cursor.template() != null) {
            putTemplate(map, cursor.template());
        }
        List<String> replaced = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        if (fleet != null && cursor.facts() != null) {
            for (String id : cursor.facts().startMembers()) {
                FleetMember member = fleet.member(id);
                if (member == null || member.leaving()) {
                    replaced.add(id);
                }
            }
            for (FleetMember member : fleet.members()) {
                if (!member.leaving() && !cursor.facts().startMembers().contains(member.id())) {
                    fresh.add(member.id());
                }
            }
        }
        replaced.sort(null);
        fresh.sort(null);
        map.put("replacedInstances", replaced);
        map.put("newInstances", fresh);
        map.put("durationSeconds", elapsed.toSeconds());
        map.put("reason", outcome.reason().isEmpty() ? null : outcome.reason());
        return map;
    }

    private static Map<String, Object> common(AsgRolloutRequest request) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("autoScalingGroup", request.autoScalingGroup());
        map.put("strategy", request.strategy().parameterValue());
        return map;
    }

    private static void putTemplate(Map<String, Object> map, TemplatePlan template) {
        map.put("launchTemplateId", template.template().id());
        map.put("launchTemplateName", template.template().name());
        map.put("previousLaunchTemplateVersion", template.previousVersion());
        map.put("launchTemplateVersion", template.targetVersion());
        map.put("imageId", template.newImageId() != null ? template.newImageId() : null);
    }
}
