package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.RegionImage;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Gets the AMI to where it is used: copies to the other regions, all started at once and waited for together, then
 * in every region the IMDS support, the deprecation time, and sharing with the accounts given, both the launch
 * permission and the snapshots' create-volume permission (without which another account can launch the AMI but
 * not copy it). CopyImage's client token makes a replayed copy return the same AMI.
 */
final class Distribution {

    private final BakeRequest request;

    Distribution(BakeRequest request) {
        this.request = request;
    }

    Tick<BakeCursor> copy(BakeCursor cursor, TickContext context) {
        BakeCursor next = cursor;
        boolean started = false;
        for (int index = 1; index < cursor.images().size(); index++) {
            if (cursor.images().get(index).imageId() == null) {
                next = start(next, index, context);
                started = true;
            }
        }
        if (started) {
            return Tick.after(next, next.poll().nextDelay(context.random()));
        }
        List<String> states = new ArrayList<>();
        for (int index = 1; index < cursor.images().size(); index++) {
            RegionImage copy = next.images().get(index);
            if (!copy.available()) {
                Optional<Image> image = Ec2Calls.image(context.aws().inRegion(copy.region()).ec2(), copy.imageId());
                String state = image.map(Image::stateAsString).orElse("pending");
                next = next.withImage(index, i -> i.withState(state, image.map(Ec2Calls::snapshotIds).orElse(List.of())));
                if (!state.equals("pending") && !state.equals("available") && !state.equals("transient")) {
                    return BakeOperation.fail(request, next, context, "EC2 could not copy " + next.mainImage().imageId() + " to "
                            + copy.region() + ": " + copy.imageId() + " is " + state + ".");
                }
                if (state.equals("available")) {
                    context.progress().report("COPY", copy.imageId() + " in " + copy.region() + " is available");
                }
            }
            states.add(copy.region() + "=" + next.images().get(index).state());
            context.progress().record(TimelineEvent.state(context.now(), "image in " + copy.region(), "copy " + next.images().get(index).state()));
        }
        if (next.images().stream().allMatch(RegionImage::available)) {
            return Tick.after(BakeOperation.enterFinish(request, next), Duration.ZERO);
        }
        next = next.withPoll(next.poll().observe(String.join(",", states)));
        return Tick.after(next, next.poll().nextDelay(context.random()));
    }

    private BakeCursor start(BakeCursor cursor, int index, TickContext context) {
        RegionImage target = cursor.images().get(index);
        Ec2Client ec2 = context.aws().inRegion(target.region()).ec2();
        RegionImage main = cursor.mainImage();
        if (cursor.reused()) {
            Optional<Image> existing = withBakeKey(ec2, cursor.bakeKey());
            if (existing.isPresent()) {
                Image image = existing.get();
                context.progress().report("COPY", target.region() + " already has " + image.imageId() + " with the same bake key");
                return cursor.withImage(index, i -> RegionImage.reused(target.region(), image.imageId(), Ec2Calls.snapshotIds(image)));
            }
        }
        String copyId = ec2.copyImage(r -> r.sourceImageId(main.imageId())
                .sourceRegion(main.region())
                .name(cursor.amiName())
                .description(request.description())
                .encrypted(request.encrypted() ? Boolean.TRUE : null)
                .kmsKeyId(request.kmsKeyIdIn(target.region()))
                .clientToken(cursor.copyToken(target.region()))
                .tagSpecifications(
                        Ec2Calls.tagSpecification(ResourceType.IMAGE,
                                BakeTags.forImage(request, request.tags(), cursor.sourceAmiId(), cursor.bakeKey())),
                        Ec2Calls.tagSpecification(ResourceType.SNAPSHOT,
                                BakeTags.forImage(request, request.snapshotTags(), cursor.sourceAmiId(), cursor.bakeKey()))))
                .imageId();
        context.progress().report("COPY", "copying " + main.imageId() + " to " + target.region() + " as " + copyId);
        return cursor.withImage(index, i -> i.withImage(copyId));
    }

    private static Optional<Image> withBakeKey(Ec2Client ec2, String key) {
        DescribeImagesRequest describe = DescribeImagesRequest.builder()
                .owners("self")
                .filters(Ec2Calls.filter("tag:" + BakeTags.BAKE_KEY, key), Ec2Calls.filter("state", "available"))
                .build();
        return ec2.describeImages(describe).images().stream().findFirst();
    }

    /** Applies the attributes and the sharing in the region at {@code regionIndex}, then moves to the next. */
    Tick<BakeCursor> finish(BakeCursor cursor, TickContext context) {
        int index = cursor.regionIndex();
        RegionImage image = cursor.images().get(index);
        Ec2Client ec2 = context.aws().inRegion(image.region()).ec2();
        List<String> done = new ArrayList<>();
        if (request.imdsSupport() != null) {
            ec2.modifyImageAttribute(r -> r.imageId(image.imageId()).imdsSupport(v -> v.value(request.imdsSupport())));
            done.add("requires IMDSv2");
        }
        if (request.deprecateAfterDays() > 0) {
            var at = context.now().plus(request.deprecateAfterDays(), ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
            ec2.enableImageDeprecation(r -> r.imageId(image.imageId()).deprecateAt(at));
            done.add("deprecated from " + at);
        }
        if (!done.isEmpty()) {
            context.progress().report("IMAGE", image.imageId() + " in " + image.region() + " " + String.join(", ", done));
        }
        if (!request.shareWithAccounts().isEmpty()) {
            share(ec2, image);
            context.progress().report("SHARE", image.imageId() + " in " + image.region() + " with "
                    + String.join(", ", request.shareWithAccounts()) + " (launch permission, and volume permission on "
                    + String.join(", ", image.snapshotIds()) + ")");
        }
        BakeCursor next = cursor.withImage(index, RegionImage::withFinished);
        context.progress().record(TimelineEvent.state(context.now(), "image in " + image.region(), "ready"));
        if (index + 1 < next.images().size()) {
            return Tick.after(next.withRegionIndex(index + 1), Duration.ZERO);
        }
        return Tick.after(BakeOperation.afterFinish(request, next, context), Duration.ZERO);
    }

    private void share(Ec2Client ec2, RegionImage image) {
        List<LaunchPermission> launch = request.shareWithAccounts().stream()
                .map(a -> LaunchPermission.builder().userId(a).build())
                .toList();
        ec2.modifyImageAttribute(r -> r.imageId(image.imageId()).launchPermission(p -> p.add(launch)));
        List<CreateVolumePermission> volume = request.shareWithAccounts().stream()
                .map(a -> CreateVolumePermission.builder().userId(a).build())
                .toList();
        for (String snapshotId : image.snapshotIds()) {
            ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId)
                    .attribute("createVolumePermission")
                    .createVolumePermission(p -> p.add(volume)));
        }
    }
}
