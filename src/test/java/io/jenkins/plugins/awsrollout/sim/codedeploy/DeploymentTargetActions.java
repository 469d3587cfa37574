package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentTargetsRequest;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentTargetsResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentTargetRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentTargetResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentTargetsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentTargetsResponse;

/** The instances of a deployment: ListDeploymentTargets, BatchGetDeploymentTargets and GetDeploymentTarget. */
public final class DeploymentTargetActions {
    static final int MAX_TARGETS = 25;

    private final Cloud cloud;

    DeploymentTargetActions(Cloud cloud) {
        this.cloud = cloud;
    }

    /** The deployment, once it has started (its targets only exist from then on). */
    private Deployment started(RequestContext context, String deploymentId) {
        Deployment d = CodeDeployRegion.of(cloud.region(context)).deployment(deploymentId);
        if (!d.started()) {
            throw SimError.client("DeploymentNotStartedException", "The deployment " + d.id + " has not started.");
        }
        return d;
    }

    public ListDeploymentTargetsResponse listDeploymentTargets(ListDeploymentTargetsRequest request, RequestContext context) {
        Deployment d = started(context, request.deploymentId());
        Map<String, List<String>> filters = Pojos.present(request.targetFiltersAsStrings()) ? request.targetFiltersAsStrings() : Map.of();
        for (String name : filters.keySet()) {
            if (!name.equals("TargetStatus") && !name.equals("ServerInstanceLabel")) {
                throw SimError.client("InvalidTargetFilterNameException", "The target filter name " + name + " is invalid.");
            }
        }
        List<String> ids = new ArrayList<>();
        for (DeploymentTarget t : d.targets.values()) {
            List<String> statuses = filters.getOrDefault("TargetStatus", List.of());
            List<String> labels = filters.getOrDefault("ServerInstanceLabel", List.of());
            if ((statuses.isEmpty() || statuses.contains(t.status)) && (labels.isEmpty() || labels.contains(t.label))) {
                ids.add(t.instanceId);
            }
        }
        Paging<String> page = Paging.page(ids, null, request.nextToken(), 100, ApplicationActions.invalidToken());
        return ListDeploymentTargetsResponse.builder().targetIds(page.items()).nextToken(page.nextToken()).build();
    }

    public GetDeploymentTargetResponse getDeploymentTarget(GetDeploymentTargetRequest request, RequestContext context) {
        if (request.targetId() == null || request.targetId().isEmpty()) {
            throw SimError.client("DeploymentTargetIdRequiredException", "A deployment target ID was not provided.");
        }
        Deployment d = started(context, request.deploymentId());
        DeploymentTarget t = d.targets.get(request.targetId());
        if (t == null) {
            throw SimError.client("DeploymentTargetDoesNotExistException", "The target " + request.targetId()
                    + " does not belong to deployment " + d.id + ".");
        }
        return GetDeploymentTargetResponse.builder()
                .deploymentTarget(CodeDeployViews.target(cloud.region(context).name(), cloud.accountId(), d, t)).build();
    }

    public BatchGetDeploymentTargetsResponse batchGetDeploymentTargets(BatchGetDeploymentTargetsRequest request,
            RequestContext context) {
        List<String> ids = Pojos.present(request.targetIds()) ? request.targetIds() : List.of();
        if (ids.isEmpty()) {
            throw SimError.client("DeploymentTargetIdRequiredException", "A deployment target ID was not provided.");
        }
        if (ids.size() > MAX_TARGETS) {
            throw SimError.client("DeploymentTargetListSizeExceededException",
                    "The maximum number of targets that can be requested at once is " + MAX_TARGETS + ".");
        }
        Deployment d = started(context, request.deploymentId());
        String region = cloud.region(context).name();
        List<software.amazon.awssdk.services.codedeploy.model.DeploymentTarget> targets = new ArrayList<>();
        for (String id : ids) {
            DeploymentTarget t = d.targets.get(id);
            if (t == null) {
                throw SimError.client("DeploymentTargetDoesNotExistException", "The target " + id
                        + " does not belong to deployment " + d.id + ".");
            }
            targets.add(CodeDeployViews.target(region, cloud.accountId(), d, t));
        }
        return BatchGetDeploymentTargetsResponse.builder().deploymentTargets(targets).build();
    }
}
