package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentsRequest;
import software.amazon.awssdk.services.codedeploy.model.BatchGetDeploymentsResponse;
import software.amazon.awssdk.services.codedeploy.model.BlueGreenDeploymentConfiguration;
import software.amazon.awssdk.services.codedeploy.model.ContinueDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.ContinueDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsResponse;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.StopDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.StopDeploymentResponse;

/** Deployments: create, describe, list, stop, continue. */
public final class DeploymentActions {
    private final Cloud cloud;

    DeploymentActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private CodeDeployRegion codeDeploy(RequestContext context) {
        return CodeDeployRegion.of(cloud.region(context));
    }

    public CreateDeploymentResponse createDeployment(CreateDeploymentRequest request, RequestContext context) {
        CodeDeployRegion codeDeploy = codeDeploy(context);
        Application application = codeDeploy.application(request.applicationName());
        if (request.deploymentGroupName() == null) {
            throw SimError.client("DeploymentGroupNameRequiredException", "Deployment Group name is required.");
        }
        DeploymentGroup group = codeDeploy.group(application, request.deploymentGroupName());
        DeploymentConfig config = codeDeploy.config(request.deploymentConfigName() == null ? group.deploymentConfigName
                : request.deploymentConfigName());
        RevisionLocation revision = request.revision();
        Revisions.validate(revision);
        if (group.blueGreen() && !copiesAutoScalingGroup(group.blueGreenDeploymentConfiguration)
                && (request.targetInstances() == null || (!request.targetInstances().hasAutoScalingGroups()
                        && !request.targetInstances().hasTagFilters() && request.targetInstances().ec2TagSet() == null))) {
            throw SimError.client("InvalidTargetInstancesException", "A blue/green deployment that discovers existing instances "
                    + "must name them in targetInstances.");
        }
        Deployment d = codeDeploy.createDeployment(group, config, revision, "user", request.description(),
                Boolean.TRUE.equals(request.ignoreApplicationStopFailures()), Boolean.TRUE.equals(request.updateOutdatedInstancesOnly()),
                request.fileExistsBehaviorAsString() == null ? "DISALLOW" : request.fileExistsBehaviorAsString(),
                request.targetInstances(), request.autoRollbackConfiguration(), request.overrideAlarmConfiguration());
        return CreateDeploymentResponse.builder().deploymentId(d.id).build();
    }

    private static boolean copiesAutoScalingGroup(BlueGreenDeploymentConfiguration bg) {
        return bg != null && bg.greenFleetProvisioningOption() != null
                && "COPY_AUTO_SCALING_GROUP".equals(bg.greenFleetProvisioningOption().actionAsString());
    }

    public GetDeploymentResponse getDeployment(GetDeploymentRequest request, RequestContext context) {
        return GetDeploymentResponse.builder()
                .deploymentInfo(CodeDeployViews.deployment(codeDeploy(context).deployment(request.deploymentId()))).build();
    }

    public BatchGetDeploymentsResponse batchGetDeployments(BatchGetDeploymentsRequest request, RequestContext context) {
        List<String> ids = Pojos.present(request.deploymentIds()) ? request.deploymentIds() : List.of();
        if (ids.isEmpty()) {
            throw SimError.client("DeploymentIdRequiredException", "At least one deployment ID must be specified.");
        }
        if (ids.size() > 25) {
            throw SimError.client("BatchLimitExceededException", "The maximum number of deployment IDs in a batch is 25.");
        }
        CodeDeployRegion codeDeploy = codeDeploy(context);
        List<DeploymentInfo> found = new ArrayList<>();
        for (String id : ids) {
            try {
                found.add(CodeDeployViews.deployment(codeDeploy.deployment(id)));
            } catch (SimError e) {
                if (e.code().equals("InvalidDeploymentIdException")) {
                    throw e;
                }
            }
        }
        return BatchGetDeploymentsResponse.builder().deploymentsInfo(found).build();
    }

    /** Newest first, optionally by group, status and creation time. */
    public ListDeploymentsResponse listDeployments(ListDeploymentsRequest request, RequestContext context) {
        CodeDeployRegion codeDeploy = codeDeploy(context);
        DeploymentGroup group = null;
        if (request.applicationName() != null) {
            Application application = codeDeploy.application(request.applicationName());
            if (request.deploymentGroupName() != null) {
                group = codeDeploy.group(application, request.deploymentGroupName());
            }
        } else if (request.deploymentGroupName() != null) {
            throw SimError.client("ApplicationNameRequiredException", "The application name must be specified with a deployment group.");
        }
        List<String> statuses = Pojos.present(request.includeOnlyStatuses()) ? request.includeOnlyStatusesAsStrings() : List.of();
        List<String> ids = new ArrayList<>();
        for (Deployment d : codeDeploy.deployments().values()) {
            boolean match = (request.applicationName() == null || d.group.application.name.equals(request.applicationName()))
                    && (group == null || d.group == group)
                    && (statuses.isEmpty() || statuses.contains(d.status))
                    && (request.createTimeRange() == null || ((request.createTimeRange().start() == null
                            || !d.createTime.isBefore(request.createTimeRange().start()))
                            && (request.createTimeRange().end() == null || !d.createTime.isAfter(request.createTimeRange().end()))));
            if (match) {
                ids.add(0, d.id);
            }
        }
        Paging<String> page = Paging.page(ids, null, request.nextToken(), 100, ApplicationActions.invalidToken());
        return ListDeploymentsResponse.builder().deployments(page.items()).nextToken(page.nextToken()).build();
    }

    public StopDeploymentResponse stopDeployment(StopDeploymentRequest request, RequestContext context) {
        CodeDeployRegion codeDeploy = codeDeploy(context);
        Deployment d = codeDeploy.deployment(request.deploymentId());
        if (!d.active()) {
            throw SimError.client("DeploymentAlreadyCompletedException", "The deployment " + d.id + " has already completed.");
        }
        if (d.stopping) {
            return StopDeploymentResponse.builder().status("Pending")
                    .statusMessage("Stopping Pending. Stopping to schedule commands in the deployment instances").build();
        }
        String status = codeDeploy.runner().stop(d, request.autoRollbackEnabled());
        return StopDeploymentResponse.builder().status(status).statusMessage(status.equals("Pending")
                ? "Stopping Pending. Stopping to schedule commands in the deployment instances"
                : "Deployment " + d.id + " is stopped.").build();
    }

    public ContinueDeploymentResponse continueDeployment(ContinueDeploymentRequest request, RequestContext context) {
        CodeDeployRegion codeDeploy = codeDeploy(context);
        Deployment d = codeDeploy.deployment(request.deploymentId());
        if (!d.blueGreen) {
            throw SimError.client("UnsupportedActionForDeploymentTypeException",
                    "ContinueDeployment is supported only for blue/green deployments.");
        }
        if (!d.active()) {
            throw SimError.client("DeploymentAlreadyCompletedException", "The deployment " + d.id + " has already completed.");
        }
        String waitType = request.deploymentWaitTypeAsString() == null ? "READY_WAIT" : request.deploymentWaitTypeAsString();
        if (waitType.equals("TERMINATION_WAIT")) {
            if (d.terminationContinuation == null) {
                throw SimError.client("InvalidDeploymentStatusException", "The deployment " + d.id
                        + " is not waiting to terminate its original instances.");
            }
            codeDeploy.runner().continueTermination(d);
        } else {
            if (d.readyContinuation == null || !d.status.equals("Ready")) {
                throw SimError.client("DeploymentIsNotInReadyStateException", "The deployment " + d.id + " is not in the Ready state.");
            }
            codeDeploy.runner().continueReady(d);
        }
        return ContinueDeploymentResponse.builder().build();
    }
}
