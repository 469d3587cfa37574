package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetSummary;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DeleteChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DeleteChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ExecuteChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.ExecuteChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ListChangeSetsRequest;
import software.amazon.awssdk.services.cloudformation.model.ListChangeSetsResponse;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/** Change sets: create (with the changes computed against the stack), describe, list, execute, delete. */
public final class ChangeSetActions {
    /** How long CloudFormation takes to compute a change set. */
    static final Duration COMPUTE = Duration.ofSeconds(4);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    static final String NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

    private final Cloud cloud;

    ChangeSetActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private CloudFormationRegion cfn(RequestContext context) {
        return CloudFormationRegion.of(cloud.region(context));
    }

    public CreateChangeSetResponse handle(CreateChangeSetRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        if (r.changeSetName() == null || !NAME.matcher(r.changeSetName()).matches()) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + r.changeSetName()
                    + "' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
        String type = r.changeSetTypeAsString() == null ? "UPDATE" : r.changeSetTypeAsString();
        Stack stack = cfn.stack(r.stackName());
        for (ChangeSet existing : cfn.changeSetsById.values()) {
            if (!existing.deleted && existing.stack == stack && existing.name.equals(r.changeSetName())) {
                if (r.clientToken() != null && r.clientToken().equals(existing.clientToken)) {
                    return CreateChangeSetResponse.builder().id(existing.id).stackId(stack.id).build();
                }
                throw SimError.client("AlreadyExistsException", "ChangeSet " + r.changeSetName() + " already exists");
            }
        }
        if (type.equals("CREATE") && stack != null && !stack.status.equals("REVIEW_IN_PROGRESS")) {
            throw SimError.client("AlreadyExistsException", "Stack [" + r.stackName() + "] already exists and cannot be created again with the changeSet ["
                    + r.changeSetName() + "].");
        }
        if (type.equals("UPDATE") && (stack == null || stack.status.equals("REVIEW_IN_PROGRESS"))) {
            throw SimError.client("ValidationError", "Stack [" + r.stackName() + "] does not exist");
        }
        if (type.equals("UPDATE") && (stack.inProgress() || stack.status.equals("ROLLBACK_COMPLETE")
                || stack.status.endsWith("_FAILED"))) {
            throw SimError.client("ValidationError", "Stack:" + stack.id + " is in " + stack.status + " state and can not be updated.");
        }
        Template template = Boolean.TRUE.equals(r.usePreviousTemplate()) && stack != null && stack.template != null
                ? stack.template : TemplateSource.of(cloud, r.templateBody(), r.templateURL());
        List<String> needed = template.capabilities();
        List<String> given = Pojos.present(r.capabilitiesAsStrings()) ? r.capabilitiesAsStrings() : List.of();
        List<String> missing = needed.stream().filter(c -> !given.contains(c)
                && !(c.equals("CAPABILITY_IAM") && given.contains("CAPABILITY_NAMED_IAM"))).toList();
        if (!missing.isEmpty()) {
            throw SimError.client("InsufficientCapabilitiesException", "Requires capabilities : " + missing);
        }
        Map<String, Object> previous = stack == null || stack.template == null ? Map.of() : stack.parameters;
        Map<String, Object> parameters = StackParameters.resolve(template, r.parameters(), previous);
        if (stack == null) {
            stack = cfn.newStack(r.stackName());
            stack.status = "REVIEW_IN_PROGRESS";
            stack.reason = "User Initiated";
        }
        String id = "arn:aws:cloudformation:" + cfn.name() + ":" + cloud.accountId() + ":changeSet/" + r.changeSetName() + "/"
                + cloud.ids().uuid();
        ChangeSet changeSet = new ChangeSet(r.changeSetName(), id, stack, type, cloud.now(), r.clientToken());
        changeSet.description = r.description();
        changeSet.template = template;
        changeSet.parameters = parameters;
        changeSet.noEcho = StackParameters.noEcho(template);
        if (Pojos.present(r.tags())) {
            r.tags().forEach(t -> changeSet.tags.put(t.key(), t.value()));
        }
        changeSet.capabilities = new ArrayList<>(given);
        changeSet.roleArn = r.roleARN();
        changeSet.notificationArns = Pojos.present(r.notificationARNs()) ? new ArrayList<>(r.notificationARNs()) : new ArrayList<>();
        changeSet.changes = Changes.compute(stack, template, parameters, cfn);
        boolean same = stack.template != null && changeSet.changes.isEmpty() && Objects.equals(stack.template.outputs, template.outputs)
                && Objects.equals(stack.parameters, parameters) && Objects.equals(stack.tags, changeSet.tags);
        cfn.changeSetsById.put(id, changeSet);
        cloud.scheduleIn(Duration.ofSeconds(1), () -> changeSet.status = "CREATE_IN_PROGRESS");
        cloud.scheduleIn(COMPUTE, () -> {
            if (changeSet.deleted) {
                return;
            }
            if (same) {
                changeSet.status = "FAILED";
                changeSet.statusReason = NO_CHANGES;
            } else {
                changeSet.status = "CREATE_COMPLETE";
                changeSet.executionStatus = "AVAILABLE";
            }
        });
        return CreateChangeSetResponse.builder().id(id).stackId(stack.id).build();
    }

    public DescribeChangeSetResponse handle(DescribeChangeSetRequest r, RequestContext context) {
        ChangeSet c = cfn(context).changeSet(r.changeSetName(), r.stackName());
        Paging<software.amazon.awssdk.services.cloudformation.model.Change> page = Paging.page(c.changes, null, r.nextToken(), 100,
                SimError.client("ValidationError", "Invalid NextToken"));
        return DescribeChangeSetResponse.builder().changeSetName(c.name).changeSetId(c.id).stackId(c.stack.id)
                .stackName(c.stack.name).description(c.description).parameters(StackActions.parameters(c.parameters, c.noEcho))
                .creationTime(c.created).executionStatus(c.executionStatus).status(c.status).statusReason(c.statusReason)
                .notificationARNs(c.notificationArns).capabilitiesWithStrings(c.capabilities)
                .tags(c.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .changes(page.items()).nextToken(page.nextToken()).includeNestedStacks(false).build();
    }

    public ListChangeSetsResponse handle(ListChangeSetsRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        Stack stack = cfn.require(r.stackName());
        List<ChangeSetSummary> summaries = cfn.changeSetsById.values().stream().filter(c -> !c.deleted && c.stack == stack)
                .map(c -> ChangeSetSummary.builder().stackId(stack.id).stackName(stack.name).changeSetId(c.id).changeSetName(c.name)
                        .executionStatus(c.executionStatus).status(c.status).statusReason(c.statusReason).creationTime(c.created)
                        .description(c.description).includeNestedStacks(false).build())
                .toList();
        Paging<ChangeSetSummary> page = Paging.page(summaries, null, r.nextToken(), 100, SimError.client("ValidationError", "Invalid NextToken"));
        return ListChangeSetsResponse.builder().summaries(page.items()).nextToken(page.nextToken()).build();
    }

    public ExecuteChangeSetResponse handle(ExecuteChangeSetRequest r, RequestContext context) {
        CloudFormationRegion cfn = cfn(context);
        ChangeSet c = cfn.changeSet(r.changeSetName(), r.stackName());
        if (!c.status.equals("CREATE_COMPLETE") || !c.executionStatus.equals("AVAILABLE")) {
            throw SimError.client("InvalidChangeSetStatus", "ChangeSet [" + c.id + "] cannot be executed in its current status of ["
                    + (c.status.equals("CREATE_COMPLETE") ? c.executionStatus : c.status) + "]");
        }
        Stack stack = c.stack;
        if (stack.inProgress()) {
            throw SimError.client("InvalidChangeSetStatus", "ChangeSet [" + c.id + "] cannot be executed: stack " + stack.name
                    + " is in " + stack.status + " state.");
        }
        c.executionStatus = "EXECUTE_IN_PROGRESS";
        stack.changeSetId = c.id;
        stack.tags = new LinkedHashMap<>(c.tags);
        stack.capabilities = c.capabilities;
        stack.roleArn = c.roleArn;
        stack.notificationArns = c.notificationArns;
        stack.noEcho = c.noEcho;
        stack.disableRollback = Boolean.TRUE.equals(r.disableRollback());
        // Executing a change set makes the stack's other change sets obsolete.
        cfn.changeSetsById.values().stream().filter(o -> o.stack == stack && o != c).forEach(o -> o.deleted = true);
        StackRun run = new StackRun(cfn, stack, r.clientRequestToken(), c);
        if (c.type.equals("CREATE")) {
            run.create();
        } else {
            run.update();
        }
        return ExecuteChangeSetResponse.builder().build();
    }

    public DeleteChangeSetResponse handle(DeleteChangeSetRequest r, RequestContext context) {
        ChangeSet c = cfn(context).changeSet(r.changeSetName(), r.stackName());
        if (c.executionStatus.equals("EXECUTE_IN_PROGRESS")) {
            throw SimError.client("InvalidChangeSetStatus", "ChangeSet [" + c.id + "] cannot be deleted in its current status of [EXECUTE_IN_PROGRESS]");
        }
        c.deleted = true;
        return DeleteChangeSetResponse.builder().build();
    }
}
