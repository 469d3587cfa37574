package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.BuilderState;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Ending;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Outcome;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.RegionImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * How every bake ends, successful or not: one small step per tick, in this order.
 *
 * <ol>
 *   <li>Find what a tick lost in a restart may have made: the builder by its client token, the security group by
 *       its name, an AMI by its name and bake key.
 *   <li>Terminate the builder, unless {@code onError: keep} leaves it for debugging.
 *   <li>Unless the bake succeeded, deregister the AMIs it made (in every region, finished or half-made) and delete
 *       their snapshots.
 *   <li>Wait until the builder is gone, then delete the temporary security group (EC2 refuses while the builder's
 *       network interface still uses it).
 * </ol>
 *
 * What is already gone counts as done. What AWS refuses is noted and cleanup goes on with the rest; the final
 * sentence names what was left.
 */
final class BakeCleanup {

    static final Duration GIVE_UP_BEFORE_DEADLINE = Duration.ofMinutes(2);

    private final BakeRequest request;

    BakeCleanup(BakeRequest request) {
        this.request = request;
    }

    Tick<BakeCursor> advance(BakeCursor cursor, TickContext context) {
        Ending ending = cursor.ending();
        BuilderState builder = cursor.builder();
        Ec2Client ec2 = context.aws().ec2();
        boolean keep = ending.keepBuilder() && builder.instanceId() != null;
        if (builder.runRequested() && builder.instanceId() == null) {
            String found = findBuilder(ec2, cursor.token());
            return Tick.after(cursor.withBuilder(b -> b.withInstance(found)), Duration.ZERO);
        }
        if (builder.securityGroupPending() && builder.securityGroupId() == null) {
            String found = BuilderLaunch.findSecurityGroup(ec2, cursor.securityGroupName());
            return Tick.after(cursor.withBuilder(b -> b.withSecurityGroup(found)), Duration.ZERO);
        }
        if (!keep && builder.instanceId() != null && !builder.terminateRequested()) {
            return Tick.after(terminate(cursor, context, ec2), Duration.ZERO);
        }
        if (ending.outcome() != Outcome.SUCCEEDED) {
            for (int index = 0; index < cursor.images().size(); index++) {
                if (cursor.images().get(index).leftToDeregister()) {
                    return Tick.after(deregister(cursor, index, context), Duration.ZERO);
                }
            }
        }
        if (!keep && builder.instancePending()) {
            return waitForTermination(cursor, context, ec2);
        }
        if (!keep && builder.securityGroupPending()) {
            return deleteSecurityGroup(cursor, context, ec2);
        }
        return end(cursor, context, keep);
    }

    private static String findBuilder(Ec2Client ec2, String token) {
        return ec2.describeInstances(r -> r.filters(Ec2Calls.filter("client-token", token))).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .filter(i -> !"terminated".equals(BuilderInstance.state(i)))
                .map(i -> i.instanceId())
                .findFirst()
                .orElse(null);
    }

    private BakeCursor terminate(BakeCursor cursor, TickContext context, Ec2Client ec2) {
        String instanceId = cursor.builder().instanceId();
        return attempt(cursor, context, "terminate builder " + instanceId, () -> {
            try {
                ec2.terminateInstances(r -> r.instanceIds(instanceId));
            } catch (AwsServiceException e) {
                if (!Ec2Calls.hasCode(e, "InvalidInstanceID.NotFound")) {
                    throw e;
                }
            }
            context.progress().report("CLEANUP", "terminating builder " + instanceId);
            return cursor.withBuilder(BuilderState::withTerminateRequested);
        }, failed -> failed.withBuilder(b -> b.withTerminated().withSecurityGroupDeleted()));
    }

    private BakeCursor deregister(BakeCursor cursor, int index, TickContext context) {
        RegionImage image = cursor.images().get(index);
        Ec2Client ec2 = context.aws().inRegion(image.region()).ec2();
        if (image.imageId() == null) {
            // CreateImage or CopyImage may have run in a tick lost to a restart: the name and bake key find it.
            Optional<Image> found = Ec2Calls.ownImageNamed(ec2, cursor.amiName())
                    .filter(i -> i.tags().stream().anyMatch(t -> BakeTags.BAKE_KEY.equals(t.key()) && t.value().equals(cursor.bakeKey())));
            return cursor.withImage(index, i -> found.map(f -> i.withImage(f.imageId())).orElseGet(i::withNothing));
        }
        return attempt(cursor, context, "deregister " + image.imageId() + " in " + image.region(), () -> {
            List<String> snapshots = image.snapshotIds().isEmpty()
                    ? Ec2Calls.image(ec2, image.imageId()).map(Ec2Calls::snapshotIds).orElse(List.of())
                    : image.snapshotIds();
            Ec2Calls.deregister(ec2, image.imageId(), snapshots);
            context.progress().report("CLEANUP", "deregistered " + image.imageId() + " in " + image.region()
                    + (snapshots.isEmpty() ? "" : " and deleted " + String.join(", ", snapshots)));
            return cursor.withImage(index, RegionImage::withDeregistered);
        }, failed -> failed.withImage(index, RegionImage::withDeregistered));
    }

    private Tick<BakeCursor> waitForTermination(BakeCursor cursor, TickContext context, Ec2Client ec2) {
        String instanceId = cursor.builder().instanceId();
        String state = BuilderInstance.describe(ec2, instanceId).map(BuilderInstance::state).orElse("terminated");
        if (state.equals("terminated")) {
            context.progress().report("CLEANUP", "builder " + instanceId + " is terminated");
            return Tick.after(cursor.withBuilder(BuilderState::withTerminated), Duration.ZERO);
        }
        if (outOfTime(cursor, context)) {
            String group = cursor.builder().securityGroupPending() ? ", so security group " + cursor.builder().securityGroupId()
                    + " is left too" : "";
            String problem = "see builder " + instanceId + " terminated in time (it is " + state + group + ")";
            context.progress().warn("CLEANUP", "gave up waiting for builder " + instanceId + " to terminate (it is " + state
                    + group + ")");
            return Tick.after(cursor.withEnding(cursor.ending().withProblem(problem))
                    .withBuilder(b -> b.withTerminated().withSecurityGroupDeleted()), Duration.ZERO);
        }
        BakeCursor next = cursor.withPoll(cursor.poll().observe("terminating " + state));
        return Tick.after(next, next.poll().nextDelay(context.random()));
    }

    private Tick<BakeCursor> deleteSecurityGroup(BakeCursor cursor, TickContext context, Ec2Client ec2) {
        String groupId = cursor.builder().securityGroupId();
        try {
            ec2.deleteSecurityGroup(r -> r.groupId(groupId));
            context.progress().report("CLEANUP", "deleted temporary security group " + groupId);
        } catch (AwsServiceException e) {
            if (Ec2Calls.hasCode(e, "DependencyViolation") && !outOfTime(cursor, context)) {
                // The builder's network interface lets go of the group a little after the instance is terminated.
                BakeCursor next = cursor.withPoll(cursor.poll().observe("security group in use"));
                return Tick.after(next, next.poll().nextDelay(context.random()));
            }
            if (!Ec2Calls.hasCode(e, "InvalidGroup.NotFound")) {
                Ec2Calls.rethrowIfRetryable(e);
                return Tick.after(problem(cursor, "delete security group " + groupId, e)
                        .withBuilder(BuilderState::withSecurityGroupDeleted), Duration.ZERO);
            }
        }
        return Tick.after(cursor.withBuilder(BuilderState::withSecurityGroupDeleted), Duration.ZERO);
    }

    /**
     * Near the cleanup deadline, waiting stops and what is still there is named instead: a finished bake must not be
     * undone by the driver's timeout because a security group lingers.
     */
    private static boolean outOfTime(BakeCursor cursor, TickContext context) {
        return context.now().isAfter(cursor.deadline().minus(GIVE_UP_BEFORE_DEADLINE));
    }

    private Tick<BakeCursor> end(BakeCursor cursor, TickContext context, boolean keep) {
        Ending ending = cursor.ending();
        if (keep) {
            BuilderState builder = cursor.builder();
            context.progress().warn("CLEANUP", "onError is keep: builder " + builder.instanceId() + " is LEFT RUNNING for "
                    + "debugging" + (builder.securityGroupPending() ? ", with temporary security group " + builder.securityGroupId() : "")
                    + ". Terminate it when done: aws ec2 terminate-instances --region " + context.aws().region()
                    + " --instance-ids " + builder.instanceId());
        }
        String problems = ending.problems().isEmpty() ? "" : " Cleanup could not " + String.join("; could not ", ending.problems()) + ".";
        return switch (ending.outcome()) {
            case SUCCEEDED -> {
                Map<String, Object> result = BakeResult.of(cursor, context.now());
                context.progress().report("DONE", BakeResult.summary(cursor, context.now()));
                if (!problems.isEmpty()) {
                    context.progress().warn("CLEANUP", problems.strip());
                }
                yield Tick.done(cursor, result);
            }
            case FAILED -> Tick.failed(cursor, ending.message() + problems, null);
            case ABORTED -> problems.isEmpty() ? Tick.done(cursor, Map.of()) : Tick.failed(cursor, problems.strip(), null);
        };
    }

    /**
     * Runs one cleanup action; when AWS refuses it (not a throttle), notes the problem and returns {@code skip}
     * applied to the cursor so that cleanup goes on with the rest.
     */
    private static BakeCursor attempt(BakeCursor cursor, TickContext context, String what, Supplier<BakeCursor> action,
            java.util.function.UnaryOperator<BakeCursor> skip) {
        try {
            return action.get();
        } catch (AwsServiceException e) {
            Ec2Calls.rethrowIfRetryable(e);
            context.progress().warn("CLEANUP", "could not " + what + ": " + AwsFailure.of(e).sentence());
            return skip.apply(problem(cursor, what, e));
        }
    }

    private static BakeCursor problem(BakeCursor cursor, String what, AwsServiceException e) {
        return cursor.withEnding(cursor.ending().withProblem(what + " (" + AwsFailure.of(e).sentence() + ")"));
    }
}
