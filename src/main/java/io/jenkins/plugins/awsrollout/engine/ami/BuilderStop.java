package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Phase;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Stops the builder before imaging, so that the file systems are quiet and CreateImage needs no reboot. A builder
 * provisioned by user data has stopped itself; one provisioned through SSM is stopped here.
 */
final class BuilderStop {

    private final BakeRequest request;

    BuilderStop(BakeRequest request) {
        this.request = request;
    }

    static Tick<BakeCursor> enter(BakeRequest request, BakeCursor cursor) {
        return Tick.after(cursor.withPhase(Phase.STOP, Poll.start(request.polling())), Duration.ZERO);
    }

    Tick<BakeCursor> advance(BakeCursor cursor, TickContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String instanceId = cursor.builder().instanceId();
        Optional<Instance> found = BuilderInstance.describe(ec2, instanceId);
        String state = found.map(BuilderInstance::state).orElse("pending");
        switch (state) {
            case "stopped" -> {
                context.progress().report("STOP", "builder " + instanceId + " is stopped");
                return Imaging.enter(request, cursor);
            }
            case "pending", "running" -> {
                if (!cursor.builder().stopRequested()) {
                    ec2.stopInstances(r -> r.instanceIds(instanceId));
                    context.progress().report("STOP", "stopping builder " + instanceId);
                    BakeCursor next = cursor.withBuilder(b -> b.withStopRequested());
                    return Tick.after(next, next.poll().nextDelay(context.random()));
                }
                return again(cursor, context, state);
            }
            case "stopping" -> {
                return again(cursor, context, state);
            }
            default -> {
                return BakeOperation.fail(request, cursor, context, "Builder " + instanceId + " was " + state
                        + " while stopping for the image: " + found.map(BuilderInstance::reason).orElse("no reason given") + ".");
            }
        }
    }

    private static Tick<BakeCursor> again(BakeCursor cursor, TickContext context, String state) {
        BakeCursor next = cursor.withPoll(cursor.poll().observe(state));
        return Tick.after(next, next.poll().nextDelay(context.random()));
    }
}
