package io.jenkins.plugins.awsrollout.sim.ssm;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import io.jenkins.plugins.awsrollout.sim.protocol.WireValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ssm.model.CancelCommandRequest;
import software.amazon.awssdk.services.ssm.model.CancelCommandResponse;
import software.amazon.awssdk.services.ssm.model.Command;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandPlugin;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationRequest;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsRequest;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsResponse;
import software.amazon.awssdk.services.ssm.model.ListCommandsRequest;
import software.amazon.awssdk.services.ssm.model.ListCommandsResponse;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;
import software.amazon.awssdk.services.ssm.model.SendCommandResponse;
import software.amazon.awssdk.services.ssm.model.Target;

/** Run Command: SendCommand, GetCommandInvocation, ListCommandInvocations, ListCommands, CancelCommand. */
public final class SsmActions {
    /** GetCommandInvocation returns at most this much of each stream. */
    static final int CONTENT_LIMIT = 24_000;
    /** ListCommandInvocations' plugin Output holds at most this much. */
    static final int PLUGIN_OUTPUT_LIMIT = 2_500;

    private final Cloud cloud;

    SsmActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private SsmRegion ssm(RequestContext context) {
        return SsmRegion.of(cloud.region(context));
    }

    public SendCommandResponse sendCommand(SendCommandRequest request, RequestContext context) {
        CloudRegion region = cloud.region(context);
        Set<String> instanceIds = new LinkedHashSet<>();
        if (Pojos.present(request.instanceIds())) {
            instanceIds.addAll(request.instanceIds());
        }
        if (Pojos.present(request.targets())) {
            for (Target target : request.targets()) {
                instanceIds.addAll(resolve(region, target));
            }
        }
        if (!Pojos.present(request.instanceIds()) && !Pojos.present(request.targets())) {
            throw SimError.client("ValidationException", "Either InstanceIds or Targets must be specified.");
        }
        SsmCommand command = ssm(context).send(request.documentName(), List.copyOf(instanceIds),
                Pojos.present(request.parameters()) ? request.parameters() : java.util.Map.of(), request.comment(),
                request.timeoutSeconds(), request.outputS3BucketName(), request.outputS3KeyPrefix());
        return SendCommandResponse.builder().command(view(command)).build();
    }

    /** Running instances a target selects: {@code InstanceIds}, {@code tag:Key} or {@code tag-key}. */
    private static List<String> resolve(CloudRegion region, Target target) {
        String key = target.key();
        List<String> values = Pojos.present(target.values()) ? target.values() : List.of();
        if ("InstanceIds".equals(key)) {
            return values;
        }
        List<String> ids = new ArrayList<>();
        for (Instance instance : region.ec2().instances().values()) {
            if (!instance.running()) {
                continue;
            }
            boolean match = key.startsWith("tag:") ? values.contains(instance.tags().get(key.substring(4)))
                    : "tag-key".equals(key) && values.stream().anyMatch(instance.tags()::containsKey);
            if (match) {
                ids.add(instance.id());
            }
        }
        return ids;
    }

    public GetCommandInvocationResponse getCommandInvocation(GetCommandInvocationRequest request, RequestContext context) {
        if (!SsmRegion.wellFormed(request.commandId())) {
            throw SimError.client("InvalidCommandId", "");
        }
        if (request.pluginName() != null && !request.pluginName().equals(SsmRegion.PLUGIN)) {
            throw SimError.client("InvalidPluginName", "");
        }
        SsmRegion ssm = ssm(context);
        SsmCommand command = ssm.commands().get(request.commandId());
        SsmInvocation invocation = command == null ? null : command.invocations.get(request.instanceId());
        if (invocation == null || cloud.now().isBefore(invocation.visibleAt)) {
            throw SimError.client("InvocationDoesNotExist", "");
        }
        GetCommandInvocationResponse.Builder b = GetCommandInvocationResponse.builder()
                .commandId(command.id).instanceId(invocation.instanceId).comment(command.comment == null ? "" : command.comment)
                .documentName(command.documentName).documentVersion("$DEFAULT").pluginName(SsmRegion.PLUGIN)
                .responseCode(invocation.responseCode).status(invocation.status).statusDetails(invocation.statusDetails)
                .standardOutputContent(limit(invocation.stdout.toString(), CONTENT_LIMIT))
                .standardErrorContent(limit(invocation.stderr.toString(), CONTENT_LIMIT))
                .standardOutputUrl(ssm.outputUrl(invocation, "stdout")).standardErrorUrl(ssm.outputUrl(invocation, "stderr"))
                .executionStartDateTime(invocation.startedAt == null ? "" : WireValues.iso(invocation.startedAt))
                .executionEndDateTime(invocation.endedAt == null ? "" : WireValues.iso(invocation.endedAt));
        if (invocation.startedAt != null) {
            b.executionElapsedTime(Duration.between(invocation.startedAt,
                    invocation.endedAt == null ? cloud.now() : invocation.endedAt).toString());
        }
        return b.build();
    }

    public ListCommandInvocationsResponse listCommandInvocations(ListCommandInvocationsRequest request, RequestContext context) {
        if (request.commandId() != null && !SsmRegion.wellFormed(request.commandId())) {
            throw SimError.client("InvalidCommandId", "");
        }
        SsmRegion ssm = ssm(context);
        boolean details = Boolean.TRUE.equals(request.details());
        List<CommandInvocation> all = new ArrayList<>();
        for (SsmCommand command : ssm.commands().values()) {
            if (request.commandId() != null && !request.commandId().equals(command.id)) {
                continue;
            }
            for (SsmInvocation invocation : command.invocations.values()) {
                if ((request.instanceId() == null || request.instanceId().equals(invocation.instanceId))
                        && !cloud.now().isBefore(invocation.visibleAt)) {
                    all.add(view(ssm, invocation, details));
                }
            }
        }
        Paging<CommandInvocation> page = Paging.page(all, request.maxResults(), request.nextToken(), 50,
                SimError.client("InvalidNextToken", "The specified token is not valid."));
        return ListCommandInvocationsResponse.builder().commandInvocations(page.items()).nextToken(page.nextToken()).build();
    }

    public ListCommandsResponse listCommands(ListCommandsRequest request, RequestContext context) {
        if (request.commandId() != null && !SsmRegion.wellFormed(request.commandId())) {
            throw SimError.client("InvalidCommandId", "");
        }
        List<Command> all = new ArrayList<>();
        for (SsmCommand command : ssm(context).commands().values()) {
            if ((request.commandId() == null || request.commandId().equals(command.id))
                    && (request.instanceId() == null || command.invocations.containsKey(request.instanceId()))) {
                all.add(view(command));
            }
        }
        Paging<Command> page = Paging.page(all, request.maxResults(), request.nextToken(), 50,
                SimError.client("InvalidNextToken", "The specified token is not valid."));
        return ListCommandsResponse.builder().commands(page.items()).nextToken(page.nextToken()).build();
    }

    public CancelCommandResponse cancelCommand(CancelCommandRequest request, RequestContext context) {
        SsmRegion ssm = ssm(context);
        SsmCommand command = ssm.command(request.commandId());
        ssm.cancel(command, Pojos.present(request.instanceIds()) ? request.instanceIds() : List.of());
        return CancelCommandResponse.builder().build();
    }

    private Command view(SsmCommand command) {
        return Command.builder().commandId(command.id).documentName(command.documentName).documentVersion("$DEFAULT")
                .comment(command.comment == null ? "" : command.comment)
                .expiresAfter(command.requestedAt.plusSeconds(command.timeoutSeconds + (long) command.executionTimeoutSeconds))
                .parameters(command.parameters).instanceIds(List.copyOf(command.invocations.keySet()))
                .requestedDateTime(command.requestedAt).status(command.status()).statusDetails(command.status())
                .outputS3BucketName(command.outputS3BucketName == null ? "" : command.outputS3BucketName)
                .outputS3KeyPrefix(command.outputS3KeyPrefix == null ? "" : command.outputS3KeyPrefix)
                .maxConcurrency("50").maxErrors("0").targetCount(command.invocations.size())
                .completedCount(command.completedCount()).errorCount(command.errorCount()).deliveryTimedOutCount(0)
                .serviceRole("").timeoutSeconds(command.timeoutSeconds).build();
    }

    private CommandInvocation view(SsmRegion ssm, SsmInvocation invocation, boolean details) {
        SsmCommand command = invocation.command;
        CommandInvocation.Builder b = CommandInvocation.builder().commandId(command.id).instanceId(invocation.instanceId)
                .instanceName("").comment(command.comment == null ? "" : command.comment).documentName(command.documentName)
                .documentVersion("$DEFAULT").requestedDateTime(command.requestedAt).status(invocation.status)
                .statusDetails(invocation.statusDetails).traceOutput("")
                .standardOutputUrl(ssm.outputUrl(invocation, "stdout")).standardErrorUrl(ssm.outputUrl(invocation, "stderr"))
                .serviceRole("");
        if (details) {
            String output = invocation.stdout.toString();
            if (invocation.stderr.length() > 0) {
                output = output + "\n----------ERROR-------\n" + invocation.stderr;
            }
            CommandPlugin.Builder plugin = CommandPlugin.builder().name(SsmRegion.PLUGIN).status(invocation.status)
                    .statusDetails(invocation.statusDetails).responseCode(invocation.responseCode)
                    .responseStartDateTime(invocation.startedAt).responseFinishDateTime(invocation.endedAt)
                    .output(limit(output, PLUGIN_OUTPUT_LIMIT))
                    .standardOutputUrl(ssm.outputUrl(invocation, "stdout")).standardErrorUrl(ssm.outputUrl(invocation, "stderr"))
                    .outputS3BucketName(command.outputS3BucketName == null ? "" : command.outputS3BucketName)
                    .outputS3KeyPrefix(command.outputS3KeyPrefix == null ? "" : command.outputS3KeyPrefix);
            b.commandPlugins(plugin.build());
        }
        return b.build();
    }

    /** The first {@code max} characters, as SSM truncates inline output. */
    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
