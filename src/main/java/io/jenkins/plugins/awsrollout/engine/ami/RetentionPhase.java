package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.RegionImage;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.RetentionState;
import io.jenkins.plugins.awsrollout.engine.ami.Retention.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * {@code keep}: in every region of the bake, deregisters the AMIs of the same name prefix beyond the newest
 * {@code keep} and deletes their snapshots. Only AMIs this plugin baked (they carry a bake key) are considered, never
 * the source of this bake, and never one that a launch template version in the region names. The AMIs to retire are
 * recorded in the cursor before the first is touched; deregistering an AMI that is already gone is success.
 *
 * <p>The new AMIs already exist when retention runs, so a retention that AWS refuses (permissions, a snapshot in
 * use) is a warning in the log, not a failed bake.
 */
final class RetentionPhase {

    private final BakeRequest request;

    RetentionPhase(BakeRequest request) {
        this.request = request;
    }

    Tick<BakeCursor> advance(BakeCursor cursor, TickContext context) {
        int index = cursor.regionIndex();
        RegionImage here = cursor.images().get(index);
        Ec2Client ec2 = context.aws().inRegion(here.region()).ec2();
        RetentionState state = cursor.retention();
        if (!state.scanned()) {
            List<Candidate> retire;
            try {
                retire = plan(ec2, cursor, here, context);
            } catch (AwsServiceException e) {
                Ec2Calls.rethrowIfRetryable(e);
                context.progress().warn("RETENTION", "could not look for older AMIs in " + here.region() + ": "
                        + io.jenkins.plugins.awsrollout.engine.AwsFailure.of(e).sentence() + "; they are left in place");
                retire = List.of();
            }
            return Tick.after(cursor.withRetention(new RetentionState(true, retire)), Duration.ZERO);
        }
        if (!state.retiring().isEmpty()) {
            Candidate old = state.retiring().get(0);
            try {
                Ec2Calls.deregister(ec2, old.imageId(), old.snapshotIds());
                context.progress().report("RETENTION", "deregistered " + old.imageId() + " (" + old.name() + ") in " + here.region()
                        + (old.snapshotIds().isEmpty() ? "" : " and deleted " + String.join(", ", old.snapshotIds())));
            } catch (AwsServiceException e) {
                Ec2Calls.rethrowIfRetryable(e);
                context.progress().warn("RETENTION", "could not retire " + old.imageId() + " (" + old.name() + ") in "
                        + here.region() + ": " + io.jenkins.plugins.awsrollout.engine.AwsFailure.of(e).sentence());
            }
            return Tick.after(cursor.withRetention(state.withoutFirst()), Duration.ZERO);
        }
        if (index + 1 < cursor.images().size()) {
            return Tick.after(cursor.withRegionIndex(index + 1), Duration.ZERO);
        }
        return Tick.after(BakeOperation.succeed(request, cursor, context), Duration.ZERO);
    }

    private List<Candidate> plan(Ec2Client ec2, BakeCursor cursor, RegionImage here, TickContext context) {
        String prefix = request.amiName().retentionPrefix();
        List<Candidate> ours = ownBakes(ec2, prefix);
        Set<String> never = new HashSet<>();
        never.add(here.imageId());
        never.add(cursor.sourceAmiId());
        List<Candidate> beyond = Retention.beyondNewest(ours, request.keep(), never);
        if (beyond.isEmpty()) {
            context.progress().report("RETENTION", here.region() + " has " + ours.size() + " AMIs named " + prefix
                    + "*; keeping up to " + request.keep() + ", nothing to deregister");
            return List.of();
        }
        Retention.Plan plan = Retention.plan(beyond, launchTemplateReferences(ec2, beyond));
        plan.kept().forEach((imageId, why) ->
                context.progress().report("RETENTION", "keeping " + imageId + " in " + here.region() + ": " + why));
        context.progress().report("RETENTION", here.region() + " has " + ours.size() + " AMIs named " + prefix
                + "*; keeping the newest " + request.keep() + ", deregistering " + plan.retire().size()
                + (plan.retire().isEmpty() ? "" : ": " + plan.retire().stream().map(Candidate::imageId).collect(Collectors.joining(", "))));
        return plan.retire();
    }

    /** Available AMIs of this account named {@code prefix*} that carry a bake key. */
    private static List<Candidate> ownBakes(Ec2Client ec2, String prefix) {
        DescribeImagesRequest describe = DescribeImagesRequest.builder()
                .owners("self")
                .filters(Ec2Calls.filter("name", prefix + "*"), Ec2Calls.filter("tag-key", BakeTags.BAKE_KEY),
                        Ec2Calls.filter("state", "available"))
                .build();
        return ec2.describeImagesPaginator(describe).images().stream()
                .filter(i -> i.name() != null && i.name().startsWith(prefix))
                .filter(i -> i.tags().stream().anyMatch(t -> BakeTags.BAKE_KEY.equals(t.key())))
                .map(i -> new Candidate(i.imageId(), i.name(), created(i), Ec2Calls.snapshotIds(i)))
                .toList();
    }

    private static Instant created(Image image) {
        try {
            return image.creationDate() == null ? Instant.EPOCH : Instant.parse(image.creationDate());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * Which of {@code candidates} a launch template version in the region names: one DescribeLaunchTemplates
     * listing, then one DescribeLaunchTemplateVersions per template, filtered to the candidates.
     */
    private static Map<String, String> launchTemplateReferences(Ec2Client ec2, List<Candidate> candidates) {
        Set<String> imageIds = candidates.stream().map(Candidate::imageId).collect(Collectors.toSet());
        Map<String, String> referencedBy = new LinkedHashMap<>();
        for (LaunchTemplate template : ec2.describeLaunchTemplatesPaginator(r -> { }).launchTemplates()) {
            Iterable<LaunchTemplateVersion> versions = ec2.describeLaunchTemplateVersionsPaginator(r -> r
                    .launchTemplateId(template.launchTemplateId())
                    .filters(Ec2Calls.filter("image-id", imageIds.toArray(String[]::new)))).launchTemplateVersions();
            for (LaunchTemplateVersion version : versions) {
                String imageId = version.launchTemplateData() == null ? null : version.launchTemplateData().imageId();
                if (imageId != null && imageIds.contains(imageId)) {
                    referencedBy.putIfAbsent(imageId, template.launchTemplateId() + " (" + template.launchTemplateName()
                            + ") version " + version.versionNumber());
                }
            }
        }
        return referencedBy;
    }
}
