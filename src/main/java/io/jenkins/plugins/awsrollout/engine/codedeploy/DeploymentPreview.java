package io.jenkins.plugins.awsrollout.engine.codedeploy;

import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.EC2TagFilter;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * What a dry run of {@code awsCodeDeploy} reports, from read calls only: the revision (a workspace source is packed
 * in memory to name its key, not uploaded), the deployment configuration, and the instances the deployment would
 * target, read the way CodeDeploy selects them (the group's Auto Scaling groups' InService instances and the running
 * instances any of its EC2 tag filters match; for blue/green with {@code targetInstances}, the replacement ones).
 */
final class DeploymentPreview {

    private static final int IDS_SHOWN = 10;

    private final CodeDeployRequest request;

    DeploymentPreview(CodeDeployRequest request) {
        this.request = request;
    }

    Map<String, Object> of(AwsSession aws, DeploymentGroupInfo group, List<String> lines) {
        String config = request.deploymentConfig() != null ? request.deploymentConfig() : group.deploymentConfigName();
        Map<String, Object> revision = revision();
        List<String> autoScalingGroups = new ArrayList<>();
        List<EC2TagFilter> tagFilters = new ArrayList<>();
        String which;
        if (request.targetInstances() != null) {
            autoScalingGroups.addAll(request.targetInstances().autoScalingGroups());
            request.targetInstances().tagFilters().forEach(f ->
                    tagFilters.add(EC2TagFilter.builder().key(f.key()).value(f.value()).type(f.type()).build()));
            which = "replacement instances (targetInstances)";
        } else {
            group.autoScalingGroups().forEach(g -> autoScalingGroups.add(g.name()));
            tagFilters.addAll(group.ec2TagFilters());
            which = "instances";
        }
        Set<String> instances = new LinkedHashSet<>();
        instances.addAll(inService(aws, autoScalingGroups));
        instances.addAll(tagged(aws, tagFilters));
        List<String> unlisted = new ArrayList<>();
        if (request.targetInstances() == null && group.ec2TagSet() != null && !group.ec2TagSet().ec2TagSetList().isEmpty()) {
            unlisted.add("ec2TagSet");
        }
        if (!group.onPremisesInstanceTagFilters().isEmpty()
                || (group.onPremisesTagSet() != null && !group.onPremisesTagSet().onPremisesTagSetList().isEmpty())) {
            unlisted.add("on-premises instances");
        }
        lines.add("Would deploy " + revision.get("describe") + " to " + request.groupPath() + " with " + config
                + (request.updateOutdatedInstancesOnly() ? ", outdated instances only" : "") + ".");
        lines.add("Would target " + instances.size() + " " + which + shown(instances)
                + (unlisted.isEmpty() ? "" : "; not listed in a dry run: " + String.join(", ", unlisted)) + ".");

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "DryRun");
        result.put("dryRun", true);
        result.put("application", request.application());
        result.put("deploymentGroup", request.deploymentGroup());
        result.put("deploymentConfig", config);
        revision.remove("describe");
        result.put("revision", revision);
        result.put("instances", new ArrayList<>(instances));
        result.put("autoScalingGroups", autoScalingGroups);
        result.put("notListed", unlisted);
        return result;
    }

    private Map<String, Object> revision() {
        Revision revision = request.revision();
        Map<String, Object> map = new LinkedHashMap<>();
        if (revision instanceof S3Bundle s3) {
            map.putAll(s3.toMap());
            map.put("describe", s3.describe());
        } else if (revision instanceof GitHubCommit gitHub) {
            map.put("type", "GitHub");
            map.put("repository", gitHub.repository());
            map.put("commitId", gitHub.commitId());
            map.put("describe", gitHub.describe());
        } else if (revision instanceof AppSpecText appSpec) {
            map.put("type", "AppSpecContent");
            map.put("sha256", Hashes.sha256(appSpec.content()));
            map.put("describe", appSpec.describe());
        } else if (revision instanceof SourceUpload upload) {
            Bundle bundle = upload.pack();
            String key = upload.keyFor(bundle);
            map.put("type", "S3");
            map.put("bucket", upload.bucket());
            map.put("key", key);
            map.put("bundleType", bundle.bundleType());
            map.put("describe", upload.describe() + " (" + bundle.summary() + "), uploaded to s3://" + upload.bucket() + "/" + key);
        }
        return map;
    }

    private static List<String> inService(AwsSession aws, List<String> names) {
        List<String> ids = new ArrayList<>();
        if (names.isEmpty()) {
            return ids;
        }
        for (AutoScalingGroup group : aws.autoScaling().describeAutoScalingGroupsPaginator(r -> r.autoScalingGroupNames(names))
                .autoScalingGroups()) {
            group.instances().stream().filter(i -> "InService".equals(i.lifecycleStateAsString()))
                    .forEach(i -> ids.add(i.instanceId()));
        }
        return ids;
    }

    /** CodeDeploy targets instances matching any one of the filters: one read per filter. */
    private static List<String> tagged(AwsSession aws, List<EC2TagFilter> filters) {
        List<String> ids = new ArrayList<>();
        for (EC2TagFilter filter : filters) {
            Filter match = switch (filter.typeAsString()) {
                case "KEY_ONLY" -> Filter.builder().name("tag-key").values(filter.key()).build();
                case "VALUE_ONLY" -> Filter.builder().name("tag-value").values(filter.value()).build();
                default -> Filter.builder().name("tag:" + filter.key()).values(filter.value()).build();
            };
            aws.ec2().describeInstancesPaginator(r -> r.filters(match,
                            Filter.builder().name("instance-state-name").values("running").build()))
                    .reservations().forEach(res -> res.instances().forEach(i -> ids.add(i.instanceId())));
        }
        return ids;
    }

    private static String shown(Set<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        List<String> list = new ArrayList<>(ids);
        return ": " + String.join(", ", list.subList(0, Math.min(IDS_SHOWN, list.size())))
                + (list.size() > IDS_SHOWN ? " and " + (list.size() - IDS_SHOWN) + " more" : "");
    }
}
