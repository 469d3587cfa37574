package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * Makes the AMI from the stopped builder and waits until it is available, reporting snapshot progress. The AMI name
 * is the idempotency key: a CreateImage replayed after a restart meets {@code InvalidAMIName.Duplicate} and adopts
 * the AMI the lost tick made. Once the AMI is available the builder is terminated; the bake waits for it to be gone
 * only at the very end.
 */
final class Imaging {

    private final BakeRequest request;

    Imaging(BakeRequest request) {
        this.request = request;
    }

    static Tick<BakeCursor> enter(BakeRequest request, BakeCursor cursor) {
        BakeCursor next = cursor.withPhase(Phase.IMAGE, Poll.start(request.polling())).withImage(0, i -> i.withRequested());
        return Tick.after(next, Duration.ZERO);
    }

    Tick<BakeCursor> advance(BakeCursor cursor, TickContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String imageId = cursor.mainImage().imageId();
        if (imageId == null) {
            String created = create(ec2, cursor);
            context.progress().report("IMAGE", "creating " + created + " (" + cursor.amiName() + ") from builder "
                    + cursor.builder().instanceId());
            BakeCursor next = cursor.withImage(0, i -> i.withImage(created));
            return Tick.after(next, next.poll().nextDelay(context.random()));
        }
        Optional<Image> image = Ec2Calls.image(ec2, imageId);
        String state = image.map(Image::stateAsString).orElse("pending");
        List<String> snapshots = image.map(Ec2Calls::snapshotIds).orElse(List.of());
        BakeCursor seen = cursor.withImage(0, i -> i.withState(state, snapshots));
        context.progress().record(TimelineEvent.state(context.now(), "image in " + cursor.mainImage().region(), "image " + state));
        switch (state) {
            case "available" -> {
                String instanceId = cursor.builder().instanceId();
                ec2.terminateInstances(r -> r.instanceIds(instanceId));
                context.progress().report("IMAGE", imageId + " is available (snapshots " + String.join(", ", snapshots)
                        + "); terminating builder " + instanceId);
                BakeCursor next = seen.withBuilder(b -> b.withTerminateRequested());
                return Tick.after(BakeOperation.afterImage(request, next), Duration.ZERO);
            }
            case "pending", "transient" -> {
                List<Snapshot> progress = snapshots.isEmpty() ? List.of()
                        : ec2.describeSnapshots(r -> r.snapshotIds(snapshots)).snapshots();
                // Progress moves on every poll; the log follows it in steps of 10%, and polling slows down while
                // the image stays pending (snapshots of large volumes take long).
                String steps = progress.stream().map(s -> s.snapshotId() + " " + percent(s) / 10 * 10).collect(Collectors.joining(","));
                if (!steps.equals(cursor.reported())) {
                    context.progress().report("IMAGE", imageId + " pending" + (progress.isEmpty() ? "" : ", snapshot "
                            + progress.stream().map(s -> s.snapshotId() + " " + percent(s) + "%").collect(Collectors.joining(", "))));
                }
                BakeCursor next = seen.withPoll(cursor.poll().observe(state)).withReported(steps);
                return Tick.after(next, next.poll().nextDelay(context.random()));
            }
            default -> {
                String reason = image.map(i -> i.stateReason() == null ? null : i.stateReason().message()).orElse(null);
                return BakeOperation.fail(request, seen, context, "EC2 could not make " + imageId + " (" + cursor.amiName()
                        + "): it is " + state + (reason == null ? "" : " (" + reason + ")") + ".");
            }
        }
    }

    private String create(Ec2Client ec2, BakeCursor cursor) {
        try {
            return ec2.createImage(r -> r.instanceId(cursor.builder().instanceId())
                    .name(cursor.amiName())
                    .description(request.description())
                    .noReboot(true)
                    .tagSpecifications(
                            Ec2Calls.tagSpecification(ResourceType.IMAGE,
                                    BakeTags.forImage(request, request.tags(), cursor.sourceAmiId(), cursor.bakeKey())),
                            Ec2Calls.tagSpecification(ResourceType.SNAPSHOT,
                                    BakeTags.forImage(request, request.snapshotTags(), cursor.sourceAmiId(), cursor.bakeKey()))))
                    .imageId();
        } catch (AwsServiceException e) {
            if (!Ec2Calls.hasCode(e, "InvalidAMIName.Duplicate")) {
                throw e;
            }
            // The name was free when the bake began: a tick lost in a restart took it, from this builder.
            Image mine = Ec2Calls.ownImageNamed(ec2, cursor.amiName())
                    .filter(i -> i.sourceInstanceId() == null || i.sourceInstanceId().equals(cursor.builder().instanceId()))
                    .orElseThrow(() -> e);
            return mine.imageId();
        }
    }

    private static int percent(Snapshot snapshot) {
        String progress = snapshot.progress() == null ? "" : snapshot.progress().replace("%", "").trim();
        try {
            return Integer.parseInt(progress);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
