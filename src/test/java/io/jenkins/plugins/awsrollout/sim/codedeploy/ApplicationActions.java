package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.model.CreateApplicationRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateApplicationResponse;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentConfigRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentConfigResponse;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentGroupResponse;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStyle;
import software.amazon.awssdk.services.codedeploy.model.GenericRevisionInfo;
import software.amazon.awssdk.services.codedeploy.model.GetApplicationRequest;
import software.amazon.awssdk.services.codedeploy.model.GetApplicationResponse;
import software.amazon.awssdk.services.codedeploy.model.GetApplicationRevisionRequest;
import software.amazon.awssdk.services.codedeploy.model.GetApplicationRevisionResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentConfigRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentConfigResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentGroupResponse;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentConfigsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentConfigsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentGroupsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentGroupsResponse;
import software.amazon.awssdk.services.codedeploy.model.RegisterApplicationRevisionRequest;
import software.amazon.awssdk.services.codedeploy.model.RegisterApplicationRevisionResponse;

/** Applications, deployment groups, deployment configurations and registered revisions. */
public final class ApplicationActions {
    private final Cloud cloud;

    ApplicationActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private CodeDeployRegion codeDeploy(RequestContext context) {
        return CodeDeployRegion.of(cloud.region(context));
    }

    static SimError invalidToken() {
        return SimError.client("InvalidNextTokenException", "The next token was specified in an invalid format.");
    }

    public CreateApplicationResponse createApplication(CreateApplicationRequest request, RequestContext context) {
        if (request.applicationName().isBlank() || request.applicationName().length() > 100) {
            throw SimError.client("InvalidApplicationNameException", "The application name was specified in an invalid format.");
        }
        Application application = codeDeploy(context).createApplication(request.applicationName(), request.computePlatformAsString());
        return CreateApplicationResponse.builder().applicationId(application.id).build();
    }

    public GetApplicationResponse getApplication(GetApplicationRequest request, RequestContext context) {
        return GetApplicationResponse.builder()
                .application(CodeDeployViews.application(codeDeploy(context).application(request.applicationName()))).build();
    }

    public ListApplicationsResponse listApplications(ListApplicationsRequest request, RequestContext context) {
        Paging<String> page = Paging.page(List.copyOf(codeDeploy(context).applications().keySet()), null, request.nextToken(), 100,
                invalidToken());
        return ListApplicationsResponse.builder().applications(page.items()).nextToken(page.nextToken()).build();
    }

    public CreateDeploymentGroupResponse createDeploymentGroup(CreateDeploymentGroupRequest request, RequestContext context) {
        CloudRegion region = cloud.region(context);
        CodeDeployRegion codeDeploy = codeDeploy(context);
        Application application = codeDeploy.application(request.applicationName());
        String configName = request.deploymentConfigName() == null ? DeploymentConfig.ONE_AT_A_TIME : request.deploymentConfigName();
        codeDeploy.config(configName);
        List<String> groups = Pojos.present(request.autoScalingGroups()) ? request.autoScalingGroups() : List.of();
        for (String name : groups) {
            if (!region.autoScaling().groups().containsKey(name)) {
                throw SimError.client("InvalidAutoScalingGroupException", "The Auto Scaling group " + name + " does not exist.");
            }
        }
        if (Pojos.present(request.ec2TagFilters()) && !request.ec2TagFilters().isEmpty() && request.ec2TagSet() != null) {
            throw SimError.client("InvalidEC2TagCombinationException",
                    "ec2TagFilters and ec2TagSet cannot both be specified for a deployment group.");
        }
        DeploymentStyle style = request.deploymentStyle() == null
                ? DeploymentStyle.builder().deploymentType("IN_PLACE").deploymentOption("WITHOUT_TRAFFIC_CONTROL").build()
                : DeploymentStyle.builder().deploymentType(request.deploymentStyle().deploymentTypeAsString() == null
                                ? "IN_PLACE" : request.deploymentStyle().deploymentTypeAsString())
                        .deploymentOption(request.deploymentStyle().deploymentOptionAsString() == null
                                ? "WITHOUT_TRAFFIC_CONTROL" : request.deploymentStyle().deploymentOptionAsString()).build();
        boolean traffic = "WITH_TRAFFIC_CONTROL".equals(style.deploymentOptionAsString());
        if (traffic && !Fleet.hasLoadBalancers(request.loadBalancerInfo())) {
            throw SimError.client("InvalidLoadBalancerInfoException",
                    "A deployment group with traffic control must name a target group or a Classic Load Balancer in loadBalancerInfo.");
        }
        List<String> missing = Fleet.missingLoadBalancers(region, request.loadBalancerInfo());
        if (!missing.isEmpty()) {
            throw SimError.client("InvalidLoadBalancerInfoException", "The load balancer or target group "
                    + String.join(", ", missing) + " does not exist.");
        }
        if ("BLUE_GREEN".equals(style.deploymentTypeAsString()) && !traffic) {
            throw SimError.client("InvalidDeploymentStyleException",
                    "A blue/green deployment group on EC2 must use WITH_TRAFFIC_CONTROL.");
        }
        DeploymentGroup g = codeDeploy.createGroup(application, request.deploymentGroupName());
        g.serviceRoleArn = request.serviceRoleArn();
        g.deploymentConfigName = configName;
        g.ec2TagFilters = Pojos.present(request.ec2TagFilters()) ? List.copyOf(request.ec2TagFilters()) : List.of();
        g.ec2TagSet = request.ec2TagSet();
        g.autoScalingGroups.addAll(groups);
        g.deploymentStyle = style;
        g.loadBalancerInfo = request.loadBalancerInfo();
        g.autoRollbackConfiguration = request.autoRollbackConfiguration();
        g.alarmConfiguration = request.alarmConfiguration();
        g.blueGreenDeploymentConfiguration = request.blueGreenDeploymentConfiguration();
        if (request.outdatedInstancesStrategyAsString() != null) {
            g.outdatedInstancesStrategy = request.outdatedInstancesStrategyAsString();
        }
        return CreateDeploymentGroupResponse.builder().deploymentGroupId(g.id).build();
    }

    public GetDeploymentGroupResponse getDeploymentGroup(GetDeploymentGroupRequest request, RequestContext context) {
        CodeDeployRegion codeDeploy = codeDeploy(context);
        DeploymentGroup g = codeDeploy.group(codeDeploy.application(request.applicationName()), request.deploymentGroupName());
        return GetDeploymentGroupResponse.builder().deploymentGroupInfo(CodeDeployViews.group(codeDeploy, g)).build();
    }

    public ListDeploymentGroupsResponse listDeploymentGroups(ListDeploymentGroupsRequest request, RequestContext context) {
        Application application = codeDeploy(context).application(request.applicationName());
        Paging<String> page = Paging.page(List.copyOf(application.groups.keySet()), null, request.nextToken(), 100, invalidToken());
        return ListDeploymentGroupsResponse.builder().applicationName(application.name).deploymentGroups(page.items())
                .nextToken(page.nextToken()).build();
    }

    public GetDeploymentConfigResponse getDeploymentConfig(GetDeploymentConfigRequest request, RequestContext context) {
        return GetDeploymentConfigResponse.builder()
                .deploymentConfigInfo(CodeDeployViews.config(codeDeploy(context).config(request.deploymentConfigName()))).build();
    }

    public CreateDeploymentConfigResponse createDeploymentConfig(CreateDeploymentConfigRequest request, RequestContext context) {
        if (request.minimumHealthyHosts() == null) {
            throw SimError.client("InvalidMinimumHealthyHostValueException", "The minimum healthy instance value is required.");
        }
        DeploymentConfig config = codeDeploy(context).createConfig(request.deploymentConfigName(),
                request.minimumHealthyHosts().typeAsString(),
                request.minimumHealthyHosts().value() == null ? 0 : request.minimumHealthyHosts().value());
        return CreateDeploymentConfigResponse.builder().deploymentConfigId(config.id()).build();
    }

    public ListDeploymentConfigsResponse listDeploymentConfigs(ListDeploymentConfigsRequest request, RequestContext context) {
        List<String> names = codeDeploy(context).configs().stream().map(DeploymentConfig::name).toList();
        Paging<String> page = Paging.page(names, null, request.nextToken(), 100, invalidToken());
        return ListDeploymentConfigsResponse.builder().deploymentConfigsList(page.items()).nextToken(page.nextToken()).build();
    }

    public RegisterApplicationRevisionResponse registerApplicationRevision(RegisterApplicationRevisionRequest request,
            RequestContext context) {
        Application application = codeDeploy(context).application(request.applicationName());
        Revisions.validate(request.revision());
        application.remember(request.revision(), request.description(), cloud.now());
        return RegisterApplicationRevisionResponse.builder().build();
    }

    public GetApplicationRevisionResponse getApplicationRevision(GetApplicationRevisionRequest request, RequestContext context) {
        Application application = codeDeploy(context).application(request.applicationName());
        Revisions.validate(request.revision());
        Application.RegisteredRevision known = application.revision(request.revision());
        if (known == null) {
            throw SimError.client("RevisionDoesNotExistException", "No application revision found for revision "
                    + Revisions.describe(request.revision()));
        }
        return GetApplicationRevisionResponse.builder().applicationName(application.name).revision(known.revision)
                .revisionInfo(GenericRevisionInfo.builder().description(known.description)
                        .deploymentGroups(List.copyOf(known.deploymentGroups)).firstUsedTime(known.firstUsedTime)
                        .lastUsedTime(known.lastUsedTime).registerTime(known.registerTime).build())
                .build();
    }
}
