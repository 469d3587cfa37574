package io.jenkins.plugins.awsrollout.engine.cfn;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.InvalidChangeSetStatusException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.TemplateParameter;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;

/**
 * One {@code awsCfnDeploy} call: inspect the stack, check the template (capabilities, parameters), create a change set
 * and show it; then, unless it has no changes, is a dry run or touches a protected resource, execute it and follow the
 * stack's events to the end. On abort (stop, timeout), a change set not yet executed is deleted, a stack being
 * created is deleted and an update is cancelled (CloudFormation rolls it back), unless {@code onAbort: 'leave'}.
 */
public final class CfnDeployOperation implements Operation<CfnDeployCursor> {

    private static final long serialVersionUID = 1L;

    /** How long an abort (a rollback, a stack deletion) may take. */
    static final Duration ABORT_TIMEOUT = Duration.ofMinutes(60);
    static final String DELETE_STACK = "DeleteStack";
    static final String CANCEL_UPDATE = "CancelUpdateStack";
    static final String NOTHING = "nothing";

    private final CfnDeployRequest request;

    public CfnDeployOperation(CfnDeployRequest request) {
        this.request = request;
    }

    public CfnDeployRequest request() {
        return request;
    }

    @Override
    public String name() {
        return "Deployment of stack " + request.stackName();
    }

    /** The change set's name: the build's, and the start time, so two calls in one build never share one. */
    @Override
    public CfnDeployCursor begin(Instant now) {
        String name = request.changeSetName() + "-" + Long.toString(now.getEpochSecond(), 36);
        return CfnDeployCursor.start(now, now.plus(request.timeout()), name, Poll.start(request.polling()));
    }

    @Override
    public Tick<CfnDeployCursor> advance(CfnDeployCursor cursor, TickContext context) {
        return switch (cursor.phase()) {
            case INSPECT -> inspect(cursor, context);
            case UPLOAD -> upload(cursor, context);
            case CHECK -> check(cursor, context);
            case CREATE_CHANGE_SET -> createChangeSet(cursor, context);
            case REVIEW -> review(cursor, context);
            case EXECUTE -> execute(cursor, context);
            case FOLLOW -> follow(cursor, context);
        };
    }

    private String stackName() {
        return request.stackName();
    }

    /** The stack by name or id, or null when there is none. */
    private static @CheckForNull Stack describe(CloudFormationClient cfn, String nameOrId) {
        try {
            List<Stack> stacks = cfn.describeStacks(r -> r.stackName(nameOrId)).stacks();
            return stacks.isEmpty() ? null : stacks.get(0);
        } catch (CloudFormationException e) {
            if (e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())
                    && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
                return null;
            }
            throw e;
        }
    }

    private Tick<CfnDeployCursor> inspect(CfnDeployCursor cursor, TickContext context) {
        Stack stack = describe(context.aws().cloudFormation(), stackName());
        String type;
        boolean newStack = stack == null;
        List<String> previous = new ArrayList<>();
        if (stack == null || stack.stackStatusAsString().equals("REVIEW_IN_PROGRESS")) {
            type = "CREATE";
        } else {
            String blocked = StackStatuses.blocked(stackName(), stack.stackStatusAsString(), stack.stackStatusReason());
            if (blocked != null) {
                throw new OperationFailedException(blocked);
            }
            type = "UPDATE";
            stack.parameters().forEach(p -> previous.add(p.parameterKey()));
        }
        CfnDeployCursor.Plan plan = new CfnDeployCursor.Plan(type, newStack, previous, request.template().url(), Map.of(), List.of());
        context.progress().report("STACK", stack == null || type.equals("CREATE")
                ? "Stack " + stackName() + " does not exist yet: creating it from " + templateText() + "."
                : "Stack " + stackName() + " is " + stack.stackStatusAsString() + ": updating it from " + templateText() + ".");
        CfnDeployCursor.Phase next = request.template().needsUpload() ? CfnDeployCursor.Phase.UPLOAD : CfnDeployCursor.Phase.CHECK;
        return Tick.after(cursor.planned(next, plan, stack == null ? null : stack.stackId()), Duration.ZERO);
    }

    private String templateText() {
        StackTemplate template = request.template();
        return template.origin() + (template.body() == null ? "" : " (" + template.bytes() + " bytes)");
    }

    private Tick<CfnDeployCursor> upload(CfnDeployCursor cursor, TickContext context) {
        StackTemplate template = request.template();
        byte[] bytes = template.body().getBytes(StandardCharsets.UTF_8);
        // Named by content: a replayed upload writes the same object again.
        String key = request.s3Prefix() + stackName() + "-" + sha256(bytes).substring(0, 16) + ".template";
        context.aws().s3().putObject(r -> r.bucket(request.s3Bucket()).key(key).contentType("text/plain"), RequestBody.fromBytes(bytes));
        String url = "https://" + request.s3Bucket() + ".s3." + context.aws().region() + ".amazonaws.com/" + key;
        context.progress().report("UPLOAD", "The template is over " + StackTemplate.MAX_BODY_BYTES + " bytes: uploaded it to s3://"
                + request.s3Bucket() + "/" + key + ".");
        return Tick.after(cursor.planned(CfnDeployCursor.Phase.CHECK, cursor.plan().withTemplateUrl(url), cursor.stackId()), Duration.ZERO);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ValidateTemplate, then what CloudFormation would refuse later: missing capabilities, unknown or missing parameters. */
    private Tick<CfnDeployCursor> check(CfnDeployCursor cursor, TickContext context) {
        CfnDeployCursor.Plan plan = cursor.plan();
        ValidateTemplateResponse validated;
        try {
            validated = context.aws().cloudFormation().validateTemplate(r -> {
                if (plan.templateUrl() != null) {
                    r.templateURL(plan.templateUrl());
                } else {
                    r.templateBody(request.template().body());
                }
            });
        } catch (CloudFormationException e) {
            if (e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())) {
                throw new OperationFailedException("The template " + request.template().origin() + " is not valid: "
                        + e.awsErrorDetails().errorMessage(), e);
            }
            throw e;
        }
        List<String> missing = new ArrayList<>();
        for (String needed : validated.capabilitiesAsStrings()) {
            boolean covered = request.capabilities().contains(needed)
                    || needed.equals("CAPABILITY_IAM") && request.capabilities().contains("CAPABILITY_NAMED_IAM");
            if (!covered) {
                missing.add(needed);
            }
        }
        if (!missing.isEmpty()) {
            throw new OperationFailedException("The template needs " + String.join(" and ", missing)
                    + (validated.capabilitiesReason() == null ? "" : " (" + validated.capabilitiesReason() + ")")
                    + ": review what it creates, then add capabilities: ['" + String.join("', '", missing) + "'].");
        }
        Map<String, String> values = parameters(plan, validated.parameters());
        List<String> noEcho = validated.parameters().stream().filter(p -> Boolean.TRUE.equals(p.noEcho()))
                .map(TemplateParameter::parameterKey).toList();
        List<String> kept = values.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        context.progress().report("VALIDATE", "Template valid: " + validated.parameters().size() + " parameter"
                + (validated.parameters().size() == 1 ? "" : "s") + (kept.isEmpty() ? "" : "; " + String.join(", ", kept)
                + " keep" + (kept.size() == 1 ? "s its" : " their") + " previous value" + (kept.size() == 1 ? "" : "s"))
                + (validated.capabilitiesAsStrings().isEmpty() ? "" : "; acknowledged " + String.join(", ", validated.capabilitiesAsStrings()))
                + ".");
        return Tick.after(cursor.planned(CfnDeployCursor.Phase.CREATE_CHANGE_SET, plan.checked(values, noEcho), cursor.stackId()),
                Duration.ZERO);
    }

    /** What to send: given values, previous values for the others on update (UsePreviousValue), defaults otherwise. */
    private Map<String, String> parameters(CfnDeployCursor.Plan plan, List<TemplateParameter> declared) {
        List<String> keys = declared.stream().map(TemplateParameter::parameterKey).toList();
        List<String> unknown = request.parameters().keySet().stream().filter(k -> !keys.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new OperationFailedException("Unknown parameter" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + ": the template declares " + (keys.isEmpty() ? "no parameters" : String.join(", ", keys)) + ".");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (TemplateParameter p : declared) {
            String key = p.parameterKey();
            boolean previous = plan.previousKeys().contains(key);
            if (request.parameters().containsKey(key)) {
                String value = request.parameters().get(key);
                if (value == null && !previous) {
                    throw new OperationFailedException("Parameter " + key + " asks for its previous value, but the stack "
                            + (plan.creates() ? "does not exist yet" : "has no such parameter") + ": give it a value.");
                }
                values.put(key, value);
            } else if (previous) {
                values.put(key, null);
            } else if (p.defaultValue() == null) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new OperationFailedException("Parameter" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " needs a value" : " need values") + ": the template gives "
                    + (missing.size() == 1 ? "it" : "them") + " no default.");
        }
        return values;
    }

    private Tick<CfnDeployCursor> createChangeSet(CfnDeployCursor cursor, TickContext context) {
        CloudFormationClient cfn = context.aws().cloudFormation();
        CfnDeployCursor.Plan plan = cursor.plan();
        String id;
        String stackId;
        try {
            var created = cfn.createChangeSet(createRequest(cursor));
            id = created.id();
            stackId = created.stackId();
        } catch (AlreadyExistsException e) {
            // A replayed tick: the change set this call created before a restart.
            DescribeChangeSetResponse existing;
            try {
                existing = cfn.describeChangeSet(r -> r.stackName(stackName()).changeSetName(cursor.changeSetName()));
            } catch (ChangeSetNotFoundException gone) {
                throw new OperationFailedException("Stack " + stackName() + " was created by someone else meanwhile: "
                        + e.awsErrorDetails().errorMessage(), e);
            }
            id = existing.changeSetId();
            stackId = existing.stackId();
        }
        context.progress().report("CHANGESET", "Created change set " + cursor.changeSetName() + " (" + plan.changeSetType()
                + ") for stack " + stackName() + parameterText(plan) + ".");
        CfnDeployCursor next = cursor.created(id, stackId);
        return Tick.after(next, next.poll().nextDelay(context.random()));
    }

    private String parameterText(CfnDeployCursor.Plan plan) {
        if (plan.parameters().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        plan.parameters().forEach((k, v) -> parts.add(k + "=" + (v == null ? "(previous)" : plan.noEcho().contains(k) ? "****" : v)));
        return " with " + String.join(", ", parts);
    }

    private CreateChangeSetRequest createRequest(CfnDeployCursor cursor) {
        CfnDeployCursor.Plan plan = cursor.plan();
        List<Parameter> parameters = new ArrayList<>();
        plan.parameters().forEach((k, v) -> parameters.add(v == null
                ? Parameter.builder().parameterKey(k).usePreviousValue(true).build()
                : Parameter.builder().parameterKey(k).parameterValue(v).build()));
        CreateChangeSetRequest.Builder b = CreateChangeSetRequest.builder()
                .stackName(stackName())
                .changeSetName(cursor.changeSetName())
                .changeSetType(plan.changeSetType())
                .clientToken(cursor.changeSetName())
                .description(request.description())
                .parameters(parameters)
                .capabilitiesWithStrings(request.capabilities())
                .roleARN(request.stackRoleArn())
                .notificationARNs(request.notificationArns())
                .tags(request.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
        if (plan.templateUrl() != null) {
            b.templateURL(plan.templateUrl());
        } else {
            b.templateBody(request.template().body());
        }
        return b.build();
    }

    /** Waits for the change set; shows it; ends at no changes, a dry run or a refusal, or goes on to execute it. */
    private Tick<CfnDeployCursor> review(CfnDeployCursor cursor, TickContext context) {
        CloudFormationClient cfn = context.aws().cloudFormation();
        DescribeChangeSetResponse first = cfn.describeChangeSet(r -> r.changeSetName(cursor.changeSetId()));
        String status = first.statusAsString();
        if (status.equals("CREATE_PENDING") || status.equals("CREATE_IN_PROGRESS")) {
            Poll poll = cursor.poll().observe(status);
            return Tick.after(cursor.withPoll(poll), poll.nextDelay(context.random()));
        }
        if (status.equals("FAILED")) {
            String reason = String.valueOf(first.statusReason());
            if (reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")) {
                discardChangeSet(cursor, cfn);
                context.progress().report("NO CHANGES", "Stack " + stackName() + " is up to date: change set " + cursor.changeSetName()
                        + " had no changes, and was deleted.");
                return Tick.done(cursor, CfnResult.of(request, cursor, currentStack(cfn, cursor), true, null, context.now()));
            }
            throw new OperationFailedException("CloudFormation could not create change set " + cursor.changeSetName() + " for stack "
                    + stackName() + ": " + reason);
        }
        List<StackChange> changes = new ArrayList<>();
        first.changes().forEach(c -> changes.add(StackChange.of(c.resourceChange())));
        String token = first.nextToken();
        while (token != null) {
            String page = token;
            DescribeChangeSetResponse more = cfn.describeChangeSet(r -> r.changeSetName(cursor.changeSetId()).nextToken(page));
            more.changes().forEach(c -> changes.add(StackChange.of(c.resourceChange())));
            token = more.nextToken();
        }
        context.progress().report("CHANGES", "Change set " + cursor.changeSetName() + ": " + (changes.isEmpty()
                ? "no resource changes (parameters, outputs or tags only)." : changes.size() + " change" + (changes.size() == 1 ? "" : "s")
                + " to stack " + stackName() + ":"));
        for (StackChange change : changes) {
            context.progress().report("CHANGES", "  " + change.line());
        }
        CfnDeployCursor reviewed = cursor.reviewed(changes);
        List<StackChange> refused = changes.stream().filter(c -> request.protectResources().contains(c.logicalId()) && c.destroys()).toList();
        if (!refused.isEmpty()) {
            // The abort path deletes the change set (and says so).
            List<String> what = refused.stream().map(c -> c.logicalId() + (c.action().equals("Remove") ? " (Remove)"
                    : " (replacement " + c.replacement() + ")")).toList();
            throw new OperationFailedException("Change set " + cursor.changeSetName() + " would replace or remove " + String.join(", ", what)
                    + ", which protectResources protects.");
        }
        if (request.dryRun()) {
            discardChangeSet(reviewed, cfn);
            context.progress().report("DRY RUN", "No change made to stack " + stackName() + ": change set " + cursor.changeSetName()
                    + " was deleted.");
            return Tick.done(reviewed, CfnResult.of(request, reviewed, currentStack(cfn, reviewed), false, null, context.now()));
        }
        return Tick.after(reviewed, Duration.ZERO);
    }

    private @CheckForNull Stack currentStack(CloudFormationClient cfn, CfnDeployCursor cursor) {
        return cursor.plan() != null && cursor.plan().newStack() ? null : describe(cfn, cursor.stackId() != null ? cursor.stackId() : stackName());
    }

    /** Deletes a change set that will not run, and the empty stack a CREATE change set made. */
    private void discardChangeSet(CfnDeployCursor cursor, CloudFormationClient cfn) {
        if (cursor.changeSetId() != null) {
            try {
                cfn.deleteChangeSet(r -> r.changeSetName(cursor.changeSetId()));
            } catch (ChangeSetNotFoundException gone) {
                // Already deleted.
            }
        }
        if (cursor.plan() != null && cursor.plan().newStack() && cursor.stackId() != null) {
            cfn.deleteStack(r -> r.stackName(cursor.stackId()));
        }
    }

    private Tick<CfnDeployCursor> execute(CfnDeployCursor cursor, TickContext context) {
        if (!cursor.executeRequested()) {
            // Saved before the call: an abort after a restart knows the stack may be changing.
            return Tick.after(cursor.withExecuteRequested(), Duration.ZERO);
        }
        CloudFormationClient cfn = context.aws().cloudFormation();
        DescribeChangeSetResponse changeSet = cfn.describeChangeSet(r -> r.changeSetName(cursor.changeSetId()));
        if (changeSet.executionStatusAsString().equals("AVAILABLE")) {
            try {
                cfn.executeChangeSet(r -> r.changeSetName(cursor.changeSetId()).clientRequestToken(cursor.changeSetName()));
            } catch (InvalidChangeSetStatusException e) {
                // Executed meanwhile (a replayed tick).
            }
        }
        if (request.terminationProtection()) {
            cfn.updateTerminationProtection(r -> r.stackName(cursor.stackId()).enableTerminationProtection(true));
        }
        context.progress().report("EXECUTE", "Executing change set " + cursor.changeSetName() + ": "
                + (cursor.plan().creates() ? "creating" : "updating") + " stack " + stackName()
                + (request.terminationProtection() ? " (termination protection on)" : "") + ".");
        CfnDeployCursor following = cursor.phase(CfnDeployCursor.Phase.FOLLOW);
        return Tick.after(following, following.poll().nextDelay(context.random()));
    }

    private Tick<CfnDeployCursor> follow(CfnDeployCursor cursor, TickContext context) {
        CloudFormationClient cfn = context.aws().cloudFormation();
        CfnDeployCursor.Watch watch = showEvents(cursor, cfn, context, Set.of(cursor.changeSetName()));
        Stack stack = describe(cfn, cursor.stackId());
        String status = stack == null ? "DELETE_COMPLETE" : stack.stackStatusAsString();
        watch = new CfnDeployCursor.Watch(watch.lastEventId(), status, watch.firstFailure(), watch.events());
        Poll poll = cursor.poll().observe(status + watch.lastEventId());
        CfnDeployCursor next = cursor.observed(watch, poll);
        return switch (StackStatuses.of(status)) {
            case IN_PROGRESS -> Tick.after(next, poll.nextDelay(context.random()));
            case SUCCEEDED -> succeeded(next, stack, context);
            case ROLLED_BACK, FAILED -> failed(next, stack, status, cfn, context);
        };
    }

    /** Prints the operation's new events, one line each; remembers the first resource that failed. */
    private CfnDeployCursor.Watch showEvents(CfnDeployCursor cursor, CloudFormationClient cfn, TickContext context, Set<String> tokens) {
        CfnDeployCursor.Watch watch = cursor.watch();
        List<StackEvent> events = StackEvents.since(cfn, cursor.stackId(), watch.lastEventId(), tokens);
        String firstFailure = watch.firstFailure();
        for (StackEvent event : events) {
            if (StackEvents.isFailure(event)) {
                context.progress().warn("EVENT", StackEvents.line(event));
                if (firstFailure == null) {
                    firstFailure = StackEvents.failure(event);
                }
            } else {
                context.progress().report("EVENT", StackEvents.line(event));
            }
        }
        String last = events.isEmpty() ? watch.lastEventId() : events.get(events.size() - 1).eventId();
        return new CfnDeployCursor.Watch(last, watch.status(), firstFailure, watch.events() + events.size());
    }

    private Tick<CfnDeployCursor> succeeded(CfnDeployCursor cursor, Stack stack, TickContext context) {
        Map<String, Object> result = CfnResult.of(request, cursor, stack, false, null, context.now());
        List<String> outputs = new ArrayList<>();
        stack.outputs().forEach(o -> outputs.add(o.outputKey() + "=" + o.outputValue()));
        context.progress().report("DONE", "Stack " + stackName() + " " + stack.stackStatusAsString() + " in "
                + HumanDuration.of(Duration.between(cursor.startedAt(), context.now())) + ": " + cursor.changes().size() + " change"
                + (cursor.changes().size() == 1 ? "" : "s") + (outputs.isEmpty() ? "" : "; outputs " + String.join(", ", outputs)) + ".");
        return Tick.done(cursor, result);
    }

    private Tick<CfnDeployCursor> failed(CfnDeployCursor cursor, @CheckForNull Stack stack, String status, CloudFormationClient cfn,
            TickContext context) {
        String verb = cursor.plan().creates() ? "Creating" : "Updating";
        String cause = cursor.watch().firstFailure() != null ? cursor.watch().firstFailure()
                : stack != null && stack.stackStatusReason() != null ? stack.stackStatusReason().strip() : "no reason given";
        String message;
        if (status.equals("UPDATE_ROLLBACK_FAILED")) {
            List<StackResource> failedResources = cfn.describeStackResources(r -> r.stackName(cursor.stackId())).stackResources()
                    .stream().filter(r -> r.resourceStatusAsString().endsWith("_FAILED")).toList();
            List<String> stuck = failedResources.stream().map(StackResource::logicalResourceId).toList();
            String stuckText = failedResources.stream()
                    .map(r -> r.logicalResourceId() + (r.resourceStatusReason() == null ? "" : " (" + r.resourceStatusReason().strip() + ")"))
                    .reduce((a, b) -> a + ", " + b).orElse("none reported");
            message = verb + " stack " + stackName() + " failed: " + cause + "; then its rollback failed too, and the stack is "
                    + "UPDATE_ROLLBACK_FAILED. Resources that could not be rolled back: " + stuckText + ". Fix them, or skip them: "
                    + "aws cloudformation continue-update-rollback --stack-name " + stackName()
                    + (stuck.isEmpty() ? "" : " --resources-to-skip " + String.join(" ", stuck)) + ".";
            context.progress().warn("ROLLBACK", "The rollback of stack " + stackName() + " failed: UPDATE_ROLLBACK_FAILED.");
        } else if (StackStatuses.of(status) == StackStatuses.Outcome.ROLLED_BACK) {
            context.progress().warn("ROLLBACK", "CloudFormation rolled stack " + stackName() + " back: " + status + ".");
            message = verb + " stack " + stackName() + " failed: " + cause + ". CloudFormation rolled it back: " + status
                    + (status.equals("ROLLBACK_COMPLETE") ? " (the stack is empty: delete it before creating it again)."
                    : "; the stack is as it was before.");
        } else {
            message = verb + " stack " + stackName() + " failed: " + cause + ". The stack is " + status
                    + (stack != null && stack.stackStatusReason() != null ? " (" + stack.stackStatusReason().strip() + ")" : "") + ".";
        }
        Map<String, Object> result = CfnResult.of(request, cursor, stack, false, message, context.now());
        if (request.failOnError()) {
            return Tick.failed(cursor, message, result);
        }
        context.progress().warn("FAILED", message);
        return Tick.done(cursor, result);
    }

    @Override
    public Tick<CfnDeployCursor> abort(CfnDeployCursor cursor, AbortReason reason, TickContext context) {
        CfnDeployCursor started = cursor.aborting() ? cursor : cursor.abortingUntil(context.now().plus(ABORT_TIMEOUT));
        CloudFormationClient cfn = context.aws().cloudFormation();
        CfnDeployCursor current = started;
        if (started.changeSetId() == null && started.phase() == CfnDeployCursor.Phase.CREATE_CHANGE_SET) {
            // CreateChangeSet may have gone through without its answer being saved.
            try {
                DescribeChangeSetResponse made = cfn.describeChangeSet(r -> r.stackName(stackName()).changeSetName(started.changeSetName()));
                current = started.created(made.changeSetId(), made.stackId()).phase(CfnDeployCursor.Phase.CREATE_CHANGE_SET);
            } catch (CloudFormationException none) {
                return Tick.done(started, Map.of());
            }
        }
        return abortMade(current, cfn, context);
    }

    private Tick<CfnDeployCursor> abortMade(CfnDeployCursor current, CloudFormationClient cfn, TickContext context) {
        if (current.changeSetId() == null) {
            return Tick.done(current, Map.of());
        }
        if (!executed(current, cfn)) {
            discardChangeSet(current, cfn);
            String sentence = "Nothing was changed: deleted change set " + current.changeSetName()
                    + (current.plan() != null && current.plan().newStack() ? " and the empty stack " + stackName() : "") + ".";
            context.progress().report("ABORT", sentence);
            return Tick.failed(current, sentence, null);
        }
        Stack stack = describe(cfn, current.stackId());
        String status = stack == null ? "DELETE_COMPLETE" : stack.stackStatusAsString();
        if (current.abortAction() == null) {
            if (StackStatuses.of(status) != StackStatuses.Outcome.IN_PROGRESS) {
                return Tick.failed(current, "Stack " + stackName() + " had already ended: " + status + ".", null);
            }
            if (request.onAbort() == OnAbort.LEAVE) {
                return Tick.failed(current, "Stack " + stackName() + " was left " + status + " (onAbort: 'leave').", null);
            }
            String action;
            if (current.plan().creates()) {
                cfn.deleteStack(r -> r.stackName(current.stackId()).clientRequestToken(current.changeSetName() + "-abort"));
                action = DELETE_STACK;
                context.progress().report("ABORT", "Deleting stack " + stackName() + ", which was being created.");
            } else if (status.equals("UPDATE_IN_PROGRESS")) {
                cfn.cancelUpdateStack(r -> r.stackName(current.stackId()).clientRequestToken(current.changeSetName() + "-abort"));
                action = CANCEL_UPDATE;
                context.progress().report("ABORT", "Cancelling the update of stack " + stackName() + ": CloudFormation rolls it back.");
            } else {
                action = NOTHING;
                context.progress().report("ABORT", "Stack " + stackName() + " is " + status + ": too late to cancel; waiting for it to end.");
            }
            CfnDeployCursor asked = current.withAbortAction(action);
            return Tick.after(asked, asked.poll().nextDelay(context.random()));
        }
        CfnDeployCursor.Watch watch = showEvents(current, cfn, context, Set.of(current.changeSetName(), current.changeSetName() + "-abort"));
        Poll poll = current.poll().observe(status + watch.lastEventId());
        CfnDeployCursor next = current.observed(new CfnDeployCursor.Watch(watch.lastEventId(), status, watch.firstFailure(), watch.events()), poll);
        if (StackStatuses.of(status) == StackStatuses.Outcome.IN_PROGRESS) {
            return Tick.after(next, poll.nextDelay(context.random()));
        }
        String sentence = switch (status) {
            case "DELETE_COMPLETE" -> "Deleted stack " + stackName() + ", which was being created.";
            case "UPDATE_ROLLBACK_COMPLETE" -> "Cancelled the update of stack " + stackName() + ": rolled back (UPDATE_ROLLBACK_COMPLETE).";
            default -> "Stack " + stackName() + " ended " + status + ".";
        };
        context.progress().report("ABORT", sentence);
        return Tick.failed(next, sentence, CfnResult.of(request, next, stack, false, sentence, context.now()));
    }

    /** Whether the change set is running or ran: an ExecuteChangeSet that may have gone through is looked up. */
    private boolean executed(CfnDeployCursor cursor, CloudFormationClient cfn) {
        if (!cursor.executeRequested()) {
            return false;
        }
        try {
            String status = cfn.describeChangeSet(r -> r.changeSetName(cursor.changeSetId())).executionStatusAsString();
            return !status.equals("AVAILABLE") && !status.equals("UNAVAILABLE");
        } catch (ChangeSetNotFoundException gone) {
            return true;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CfnDeployOperation other && Objects.equals(other.request, request);
    }

    @Override
    public int hashCode() {
        return request.hashCode();
    }
}
