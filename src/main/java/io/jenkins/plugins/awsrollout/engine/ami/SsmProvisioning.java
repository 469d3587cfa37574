package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;

/**
 * Provisions the builder through SSM Run Command: each of {@code ssmCommands} is one {@code AWS-RunShellScript}
 * command, run after the previous one succeeded, its output copied into the build log as it arrives. The SSM agent
 * needs a moment after boot to register: until then SendCommand answers {@code InvalidInstanceId} and the bake waits.
 *
 * <p>SendCommand takes no client token, so each command carries a comment naming the bake and the step; before
 * sending, the bake looks for a command with that comment on the builder, so that a tick replayed after a restart
 * follows the command the lost tick sent instead of running it twice.
 */
final class SsmProvisioning {

    static final String DOCUMENT = "AWS-RunShellScript";
    private static final int MAX_COMMAND_SHOWN = 80;
    private static final java.util.regex.Pattern AGENT_LINE =
            java.util.regex.Pattern.compile("(?m)^failed to run commands: exit status \\d+\\s*$");

    private final BakeRequest request;

    SsmProvisioning(BakeRequest request) {
        this.request = request;
    }

    Tick<BakeCursor> advance(BakeCursor cursor, TickContext context) {
        String instanceId = cursor.builder().instanceId();
        Optional<Instance> found = BuilderInstance.describe(context.aws().ec2(), instanceId);
        String state = found.map(BuilderInstance::state).orElse("pending");
        if (state.equals("pending")) {
            return waitOrTimeOut(cursor, context, state);
        }
        if (!state.equals("running")) {
            return BakeOperation.fail(request, cursor, context, "Builder " + instanceId + " was " + state
                    + " before provisioning finished: " + found.map(BuilderInstance::reason).orElse("no reason given") + ".");
        }
        BakeCursor running = cursor.withProvision(p -> p.running(context.now()));
        int index = running.provision().commandIndex();
        if (index >= request.ssmCommands().size()) {
            context.progress().report("PROVISION", "all " + request.ssmCommands().size() + " SSM commands succeeded on " + instanceId);
            return BuilderStop.enter(request, running);
        }
        SsmClient ssm = context.aws().ssm();
        return running.provision().commandId() == null
                ? send(running, context, ssm, index)
                : follow(running, context, ssm, index);
    }

    private Tick<BakeCursor> send(BakeCursor cursor, TickContext context, SsmClient ssm, int index) {
        String instanceId = cursor.builder().instanceId();
        String comment = comment(cursor.token(), index);
        String commandId = sentBefore(ssm, instanceId, comment).orElse(null);
        if (commandId == null) {
            try {
                long seconds = Math.max(60, Duration.between(context.now(), cursor.provision().deadline()).toSeconds());
                commandId = ssm.sendCommand(r -> r.instanceIds(instanceId)
                        .documentName(DOCUMENT)
                        .comment(comment)
                        .parameters(Map.of("commands", List.of(request.ssmCommands().get(index)),
                                "executionTimeout", List.of(Long.toString(seconds)))))
                        .command().commandId();
            } catch (AwsServiceException e) {
                if (!Ec2Calls.hasCode(e, "InvalidInstanceId")) {
                    throw e;
                }
                if (!"agent".equals(cursor.poll().lastObservation())) {
                    context.progress().report("PROVISION", "waiting for the SSM agent on " + instanceId + " to register");
                }
                return waitOrTimeOut(cursor, context, "agent");
            }
        }
        context.progress().report("PROVISION", step(index) + " " + shown(request.ssmCommands().get(index)) + " (command "
                + commandId + ")");
        String id = commandId;
        BakeCursor next = cursor.withProvision(p -> p.withCommand(id).reported(-1));
        return Tick.after(next, next.poll().nextDelay(context.random()));
    }

    private Tick<BakeCursor> follow(BakeCursor cursor, TickContext context, SsmClient ssm, int index) {
        String instanceId = cursor.builder().instanceId();
        String commandId = cursor.provision().commandId();
        GetCommandInvocationResponse invocation;
        try {
            invocation = ssm.getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId));
        } catch (AwsServiceException e) {
            if (!Ec2Calls.hasCode(e, "InvocationDoesNotExist")) {
                throw e;
            }
            return waitOrTimeOut(cursor, context, "sent");
        }
        String status = invocation.statusAsString();
        boolean over = !List.of("Pending", "InProgress", "Delayed", "Cancelling").contains(status);
        BakeCursor next = printOutput(cursor, context, invocation.standardOutputContent(), over);
        switch (status) {
            case "Success" -> {
                context.progress().report("PROVISION", step(index) + " succeeded");
                return Tick.after(next.withProvision(p -> p.nextCommand()), Duration.ZERO);
            }
            case "Failed", "TimedOut", "Cancelled" -> {
                String errors = invocation.standardErrorContent();
                if (errors != null && !errors.isBlank()) {
                    context.progress().warn("PROVISION", "standard error of " + step(index) + ":");
                    ConsoleOutput.tail(errors, ConsoleOutput.TAIL_LINES).forEach(l -> context.progress().report("CONSOLE", "| " + l));
                }
                // The agent ends a failed script's standard error with its own line; the script's is the one before.
                String last = ConsoleOutput.lastLine(errors == null ? null : AGENT_LINE.matcher(errors).replaceAll(""));
                String which = "last error line";
                if (last == null) {
                    last = ConsoleOutput.lastLine(invocation.standardOutputContent());
                    which = "last line";
                }
                return BakeOperation.fail(request, next, context, "SSM command " + (index + 1) + " of " + request.ssmCommands().size()
                        + " (" + shown(request.ssmCommands().get(index)) + ") failed on builder " + instanceId + " with exit code "
                        + invocation.responseCode() + " (status " + status + ")"
                        + (last == null ? "." : "; its " + which + " was '" + last + "'."));
            }
            default -> {
                Instant since = next.provision().runningSince();
                long minutes = BuilderInstance.reportMinute(context.progress(), step(index) + " running on " + instanceId, since,
                        context.now(), next.provision().reportedMinutes());
                return waitOrTimeOut(next.withProvision(p -> p.reported(minutes)), context,
                        status + next.provision().outputPrinted());
            }
        }
    }

    /** Copies the new complete lines of the command's output (all of it once the command is over) into the log. */
    private static BakeCursor printOutput(BakeCursor cursor, TickContext context, String output, boolean over) {
        if (output == null || output.length() <= cursor.provision().outputPrinted()) {
            return cursor;
        }
        String fresh = output.substring(cursor.provision().outputPrinted());
        int end = over ? fresh.length() : fresh.lastIndexOf('\n') + 1;
        if (end <= 0) {
            return cursor;
        }
        ConsoleOutput.tail(fresh.substring(0, end), Integer.MAX_VALUE).forEach(l -> context.progress().report("SSM", "| " + l));
        int printed = cursor.provision().outputPrinted() + end;
        return cursor.withProvision(p -> p.printed(printed));
    }

    /** The command a lost tick sent, found by its comment (ListCommands shows a command as soon as it is sent). */
    private static Optional<String> sentBefore(SsmClient ssm, String instanceId, String comment) {
        for (Command command : ssm.listCommandsPaginator(r -> r.instanceId(instanceId)).commands()) {
            if (comment.equals(command.comment())) {
                return Optional.of(command.commandId());
            }
        }
        return Optional.empty();
    }

    private Tick<BakeCursor> waitOrTimeOut(BakeCursor cursor, TickContext context, String observation) {
        if (context.now().isAfter(cursor.provision().deadline())) {
            return BakeOperation.fail(request, cursor, context, "Provisioning on builder " + cursor.builder().instanceId()
                    + " did not finish within " + HumanDuration.of(request.provisionTimeout()) + " (provisionTimeoutMinutes)"
                    + (cursor.provision().commandId() == null ? "" : " while running " + step(cursor.provision().commandIndex())) + ".");
        }
        BakeCursor next = cursor.withPoll(cursor.poll().observe(observation));
        return Tick.after(next, BakeOperation.delayUntil(next.poll().nextDelay(context.random()), context.now(),
                cursor.provision().deadline()));
    }

    private String step(int index) {
        return "SSM command " + (index + 1) + "/" + request.ssmCommands().size();
    }

    static String comment(String token, int index) {
        return "aws-rollout bake " + token + " step " + (index + 1);
    }

    private static String shown(String command) {
        String oneLine = command.strip().replaceAll("\\s*\\n\\s*", "; ");
        return oneLine.length() <= MAX_COMMAND_SHOWN ? "'" + oneLine + "'" : "'" + oneLine.substring(0, MAX_COMMAND_SHOWN) + "...'";
    }
}
