package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Waits for the user data script to finish: success is the builder stopping itself (the wrapper's last command is
 * {@code shutdown -h now}), failure is the wrapper's failure line on the serial console, and the provisioning
 * deadline ends it otherwise. Each poll is one DescribeInstances and, while the builder runs, one GetConsoleOutput.
 */
final class UserDataProvisioning {

    private final BakeRequest request;

    UserDataProvisioning(BakeRequest request) {
        this.request = request;
    }

    Tick<BakeCursor> advance(BakeCursor cursor, TickContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String instanceId = cursor.builder().instanceId();
        Instant now = context.now();
        Optional<Instance> found = BuilderInstance.describe(ec2, instanceId);
        String state = found.map(BuilderInstance::state).orElse("pending");
        switch (state) {
            case "pending" -> {
                return waitOrTimeOut(cursor, context, "", state);
            }
            case "running" -> {
                BakeCursor running = cursor.withProvision(p -> p.running(now));
                String console = BuilderInstance.console(ec2, instanceId);
                ConsoleOutput output = ConsoleOutput.read(console, cursor.token());
                if (output.state() == ConsoleOutput.State.FAILED) {
                    BuilderInstance.printTail(context.progress(), instanceId, console);
                    return BakeOperation.fail(request, running, context, failure(instanceId, output, console, cursor.token()));
                }
                if (output.state() == ConsoleOutput.State.SUCCEEDED) {
                    running = running.withProvision(p -> p.withSucceeded());
                }
                long minutes = BuilderInstance.reportMinute(context.progress(), "user data running on " + instanceId,
                        running.provision().runningSince(), now, running.provision().reportedMinutes());
                return waitOrTimeOut(running.withProvision(p -> p.reported(minutes)), context, console, state + output.state());
            }
            case "stopping", "stopped" -> {
                return stopped(cursor, context, ec2, instanceId);
            }
            default -> {
                return BakeOperation.fail(request, cursor, context, "Builder " + instanceId + " was " + state
                        + " before provisioning finished: " + found.map(BuilderInstance::reason).orElse("no reason given") + ".");
            }
        }
    }

    /** The machine powered itself off: the script succeeded, unless the console says otherwise. */
    private Tick<BakeCursor> stopped(BakeCursor cursor, TickContext context, Ec2Client ec2, String instanceId) {
        BakeCursor next = cursor;
        if (!cursor.provision().succeeded()) {
            String console = BuilderInstance.console(ec2, instanceId);
            ConsoleOutput output = ConsoleOutput.read(console, cursor.token());
            if (output.state() == ConsoleOutput.State.FAILED) {
                BuilderInstance.printTail(context.progress(), instanceId, console);
                return BakeOperation.fail(request, cursor, context, failure(instanceId, output, console, cursor.token()));
            }
            if (output.state() != ConsoleOutput.State.SUCCEEDED) {
                context.progress().warn("PROVISION", "builder " + instanceId + " stopped without printing the success line on "
                        + "its console; taking the image anyway (did the script shut the machine down itself?)");
            }
            next = cursor.withProvision(p -> p.withSucceeded());
        }
        Instant since = next.provision().runningSince() == null ? context.now() : next.provision().runningSince();
        context.progress().report("PROVISION", "user data finished on " + instanceId + " after "
                + HumanDuration.of(java.time.Duration.between(since, context.now())) + "; the builder powered itself off");
        return BuilderStop.enter(request, next);
    }

    /** The failure sentence, quoting the script's last line before it failed: the cause, in the build's result. */
    static String failure(String instanceId, ConsoleOutput output, String console, String token) {
        String last = ConsoleOutput.lastLineBeforeFailure(console, token);
        return "The provisioning script failed on builder " + instanceId + " with exit code " + output.exitCode()
                + (last == null ? " before printing anything (console output above)." : "; its last line was '" + last + "'.");
    }

    private Tick<BakeCursor> waitOrTimeOut(BakeCursor cursor, TickContext context, String console, String observation) {
        if (context.now().isAfter(cursor.provision().deadline())) {
            String instanceId = cursor.builder().instanceId();
            BuilderInstance.printTail(context.progress(), instanceId, console);
            return BakeOperation.fail(request, cursor, context, "Provisioning on builder " + instanceId + " did not finish within "
                    + HumanDuration.of(request.provisionTimeout()) + " (provisionTimeoutMinutes; console output above).");
        }
        BakeCursor next = cursor.withPoll(cursor.poll().observe(observation + console.length()));
        return Tick.after(next, BakeOperation.delayUntil(next.poll().nextDelay(context.random()), context.now(),
                cursor.provision().deadline()));
    }
}
