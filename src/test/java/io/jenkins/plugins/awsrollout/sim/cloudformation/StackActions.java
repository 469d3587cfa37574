package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.CancelUpdateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.CancelUpdateStackResponse;
import software.amazon.awssdk.services.cloudformation.model.ContinueUpdateRollbackRequest;
import software.amazon.awssdk.services.cloudformation.model.ContinueUpdateRollbackResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteStackResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Export;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.ListExportsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListExportsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.TemplateParameter;
import software.amazon.awssdk.services.cloudformation.model.UpdateTerminationProtectionRequest;
import software.amazon.awssdk.services.cloudformation.model.UpdateTerminationProtectionResponse;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateRequest;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;

/** Templates and stacks: validate, describe, events, resources, template, cancel, continue rollback, delete, exports. */
public final class StackActions {
    private final Cloud cloud;

    StackActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private CloudFormationRegion cfn(RequestContext context) {
        return CloudFormationRegion.of(cloud.region(context));
    }

    private static SimError invalidToken() {
        return SimError.client("ValidationError", "Invalid NextToken");
    }

    static List<Parameter> parameters(Map<String, Object> values, Set<String> noEcho) {
        List<Parameter> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(Parameter.builder().parameterKey(k)
                .parameterValue(noEcho.contains(k) ? "****" : Intrinsics.text(v)).build()));
        return out;
    }

    public ValidateTemplateResponse handle(ValidateTemplateRequest r, RequestContext context) {
        Template template = TemplateSource.of(cloud, r.templateBody(), r.templateURL());
        List<TemplateParameter> parameters = new ArrayList<>();
        template.parameters.forEach((k, d) -> parameters.add(TemplateParameter.builder().parameterKey(k)
                .defaultValue(d.get("Default") == null ? null : Intrinsics.text(d.get("Default")))
                .noEcho("true".equalsIgnoreCase(String.valueOf(d.get("NoEcho"))))
                .description(d.get("Description") == null ? null : String.valueOf(d.get("Description"))).build()));
        return ValidateTemplateResponse.builder().parameters(parameters).description(template.description)
                .capabilitiesWithStrings(template.capabilities()).capabilitiesReason(template.capabilitiesReason())
                .declaredTransforms(List.of()).build();
    }

    public DescribeStacksResponse handle(DescribeStacksRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        List<Stack> stacks = r.stackName() != null ? List.of(cfn.require(r.stackName())) : List.copyOf(cfn.stacksByName.values());
        Paging<Stack> page = Paging.page(stacks, null, r.nextToken(), 100, invalidToken());
        return DescribeStacksResponse.builder().stacks(page.items().stream().map(StackActions::view).toList())
                .nextToken(page.nextToken()).build();
    }

    static software.amazon.awssdk.services.cloudformation.model.Stack view(Stack s) {
        List<Output> outputs = new ArrayList<>();
        s.outputs.forEach((k, v) -> outputs.add(Output.builder().outputKey(k).outputValue(v)
                .description(s.outputDescriptions.get(k)).exportName(s.outputExports.get(k)).build()));
        return software.amazon.awssdk.services.cloudformation.model.Stack.builder().stackId(s.id).stackName(s.name)
                .changeSetId(s.changeSetId).description(s.template == null ? null : s.template.description)
                .parameters(parameters(s.parameters, s.noEcho)).creationTime(s.created).lastUpdatedTime(s.lastUpdated)
                .deletionTime(s.deleted).stackStatus(s.status).stackStatusReason(s.reason).disableRollback(s.disableRollback)
                .notificationARNs(s.notificationArns).timeoutInMinutes(s.timeoutMinutes).capabilitiesWithStrings(s.capabilities)
                .outputs(outputs).roleARN(s.roleArn)
                .tags(s.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .enableTerminationProtection(s.terminationProtection).build();
    }

    public DescribeStackEventsResponse handle(DescribeStackEventsRequest r, RequestContext context) {
        Stack stack = cfn(context).require(r.stackName());
        List<StackEvent> newestFirst = new ArrayList<>(stack.events);
        java.util.Collections.reverse(newestFirst);
        Paging<StackEvent> page = Paging.page(newestFirst, null, r.nextToken(), 100, invalidToken());
        return DescribeStackEventsResponse.builder().stackEvents(page.items()).nextToken(page.nextToken()).build();
    }

    public DescribeStackResourcesResponse handle(DescribeStackResourcesRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        Stack stack;
        if (r.stackName() != null) {
            stack = cfn.require(r.stackName());
        } else if (r.physicalResourceId() != null) {
            stack = cfn.stacksByName.values().stream().filter(s -> s.resources.values().stream()
                    .anyMatch(res -> r.physicalResourceId().equals(res.physicalId))).findFirst()
                    .orElseThrow(() -> SimError.client("ValidationError", "Stack for " + r.physicalResourceId() + " does not exist"));
        } else {
            throw SimError.client("ValidationError", "Either StackName or PhysicalResourceId must be specified.");
        }
        List<StackResource> resources = stack.resources.values().stream()
                .filter(res -> r.logicalResourceId() == null || res.logicalId.equals(r.logicalResourceId()))
                .map(res -> StackResource.builder().stackName(stack.name).stackId(stack.id).logicalResourceId(res.logicalId)
                        .physicalResourceId(res.physicalId).resourceType(res.type).timestamp(res.updated)
                        .resourceStatus(res.status).resourceStatusReason(res.reason).build())
                .toList();
        return DescribeStackResourcesResponse.builder().stackResources(resources).build();
    }

    public ListStackResourcesResponse handle(ListStackResourcesRequest r, RequestContext context) {
        Stack stack = cfn(context).require(r.stackName());
        List<StackResourceSummary> all = stack.resources.values().stream()
                .map(res -> StackResourceSummary.builder().logicalResourceId(res.logicalId).physicalResourceId(res.physicalId)
                        .resourceType(res.type).lastUpdatedTimestamp(res.updated).resourceStatus(res.status)
                        .resourceStatusReason(res.reason).build())
                .toList();
        Paging<StackResourceSummary> page = Paging.page(all, null, r.nextToken(), 100, invalidToken());
        return ListStackResourcesResponse.builder().stackResourceSummaries(page.items()).nextToken(page.nextToken()).build();
    }

    public GetTemplateResponse handle(GetTemplateRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        Template template;
        if (r.changeSetName() != null) {
            template = cfn.changeSet(r.changeSetName(), r.stackName()).template;
        } else {
            template = cfn.require(r.stackName()).template;
        }
        if (template == null) {
            throw SimError.client("ValidationError", "Stack with id " + r.stackName() + " does not have a template");
        }
        return GetTemplateResponse.builder().templateBody(template.body).stagesAvailableWithStrings("Original", "Processed").build();
    }

    public CancelUpdateStackResponse handle(CancelUpdateStackRequest r, RequestContext context) {
        Stack stack = cfn(context).require(r.stackName());
        if (!stack.status.equals("UPDATE_IN_PROGRESS") || stack.run == null) {
            throw SimError.client("ValidationError", "CancelUpdateStack cannot be called from current stack status");
        }
        stack.run.cancel();
        return CancelUpdateStackResponse.builder().build();
    }

    public ContinueUpdateRollbackResponse handle(ContinueUpdateRollbackRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        Stack stack = cfn.require(r.stackName());
        if (!stack.status.equals("UPDATE_ROLLBACK_FAILED")) {
            throw SimError.client("ValidationError", "Stack " + stack.id + " is in " + stack.status
                    + " state and can not continue rollback.");
        }
        List<String> skip = Pojos.present(r.resourcesToSkip()) ? r.resourcesToSkip() : List.of();
        for (String id : skip) {
            LiveResource live = stack.resources.get(id);
            if (live == null || !live.status.equals("UPDATE_FAILED")) {
                throw SimError.client("ValidationError", "Resource " + id + " cannot be skipped: only resources in UPDATE_FAILED "
                        + "state can be skipped.");
            }
        }
        stack.lastRun.continueRollback(skip);
        return ContinueUpdateRollbackResponse.builder().build();
    }

    public DeleteStackResponse handle(DeleteStackRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        Stack stack = cfn.find(r.stackName());
        if (stack == null || stack.deleted != null || stack.status.equals("DELETE_IN_PROGRESS")) {
            return DeleteStackResponse.builder().build();
        }
        if (stack.terminationProtection) {
            throw SimError.client("ValidationError", "Stack [" + stack.name + "] cannot be deleted while TerminationProtection is enabled");
        }
        if (stack.status.startsWith("UPDATE_") && stack.inProgress()) {
            throw SimError.client("ValidationError", "Stack [" + stack.name + "] is in " + stack.status + " state and can not be deleted.");
        }
        if (stack.status.equals("CREATE_IN_PROGRESS") && stack.run != null) {
            stack.run.requestDelete();
            return DeleteStackResponse.builder().build();
        }
        if (stack.inProgress()) {
            throw SimError.client("ValidationError", "Stack [" + stack.name + "] is in " + stack.status + " state and can not be deleted.");
        }
        new StackRun(cfn, stack, r.clientRequestToken(), null).delete();
        return DeleteStackResponse.builder().build();
    }

    public UpdateTerminationProtectionResponse handle(UpdateTerminationProtectionRequest r, RequestContext context) {
        Stack stack = cfn(context).require(r.stackName());
        stack.terminationProtection = Boolean.TRUE.equals(r.enableTerminationProtection());
        return UpdateTerminationProtectionResponse.builder().stackId(stack.id).build();
    }

    public ListExportsResponse handle(ListExportsRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        List<Export> exports = new ArrayList<>();
        cfn.exports.forEach((name, stackId) -> exports.add(Export.builder().exportingStackId(stackId).name(name)
                .value(cfn.exportValue(name)).build()));
        Paging<Export> page = Paging.page(exports, null, r.nextToken(), 100, invalidToken());
        return ListExportsResponse.builder().exports(page.items()).nextToken(page.nextToken()).build();
    }
}
