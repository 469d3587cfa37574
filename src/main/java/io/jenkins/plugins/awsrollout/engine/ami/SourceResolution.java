package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Phase;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.RegionImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Region;

/**
 * The first phase: finds the source AMI, computes the bake key, and checks what would otherwise fail at the end of a
 * long bake (the AMI name already taken, a copy region not enabled). With {@code skipIfUnchanged}, an available AMI
 * with the same bake key ends the search for work: the bake goes straight to copying and sharing it.
 */
final class SourceResolution {

    private final BakeRequest request;
    private final boolean dryRun;

    SourceResolution(BakeRequest request, boolean dryRun) {
        this.request = request;
        this.dryRun = dryRun;
    }

    Tick<BakeCursor> advance(BakeCursor cursor, TickContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String region = context.aws().region();
        Image source = request.sourceAmi() != null ? byId(ec2, region) : newestMatch(ec2, region, context.now());
        String rootDevice = source.rootDeviceName() == null ? "/dev/xvda" : source.rootDeviceName();
        checkRootVolume(source, rootDevice);
        String key = BakeKey.of(request, source.imageId());
        context.progress().report("RESOLVE", "source AMI " + source.imageId() + " (" + source.name() + ", created "
                + source.creationDate() + "), bake key " + key);
        List<String> copyRegions = copyRegions(region);
        checkRegionsEnabled(ec2, copyRegions);

        List<RegionImage> images = new ArrayList<>();
        images.add(RegionImage.notYet(region));
        copyRegions.forEach(r -> images.add(RegionImage.notYet(r)));
        BakeCursor resolved = cursor.withSource(source.imageId(), rootDevice, key).withImages(images);
        Poll poll = Poll.start(request.polling());

        if (dryRun) {
            return dryRun(resolved, context, source, copyRegions);
        }
        if (request.skipIfUnchanged()) {
            Optional<Image> same = newestWithKey(ec2, key);
            if (same.isPresent()) {
                Image reused = same.get();
                context.progress().report("REUSE", reused.imageId() + " (" + reused.name() + ") has the same bake key; "
                        + "skipping the bake");
                BakeCursor next = resolved.withReused(reused.name())
                        .withImage(0, i -> RegionImage.reused(region, reused.imageId(), Ec2Calls.snapshotIds(reused)));
                return Tick.after(BakeOperation.afterImage(request, next), Duration.ZERO);
            }
            context.progress().report("REUSE", "no available AMI has bake key " + key + "; baking");
        }
        checkNameFree(context, resolved.amiName(), region, copyRegions);
        BakeCursor next = request.usesTemporarySecurityGroup()
                ? resolved.withPhase(Phase.SECURITY_GROUP, poll).withBuilder(b -> b.withSecurityGroupRequested())
                : resolved.withPhase(Phase.LAUNCH, poll).withBuilder(b -> b.withRunRequested());
        return Tick.after(next, Duration.ZERO);
    }

    /** What the bake would do, from the same reads and checks; nothing is launched or created. */
    private Tick<BakeCursor> dryRun(BakeCursor resolved, TickContext context, Image source, List<String> copyRegions) {
        String region = context.aws().region();
        Optional<Image> same = newestWithKey(context.aws().ec2(), resolved.bakeKey());
        String verdict;
        if (same.isPresent() && request.skipIfUnchanged()) {
            verdict = "would reuse " + same.get().imageId() + " (" + same.get().name() + "), which has the same bake key";
        } else {
            checkNameFree(context, resolved.amiName(), region, copyRegions);
            verdict = "would bake " + resolved.amiName() + " on a " + request.instanceType() + " builder, provisioned by "
                    + (request.usesSsm() ? request.ssmCommands().size() + " SSM command" + (request.ssmCommands().size() == 1 ? "" : "s")
                            : "user data")
                    + (same.isPresent() ? " (" + same.get().imageId() + " has the same bake key; skipIfUnchanged is off)"
                            : request.skipIfUnchanged() ? " (no available AMI has this bake key)" : "")
                    + (copyRegions.isEmpty() ? "" : ", then copy it to " + String.join(", ", copyRegions));
        }
        context.progress().report("DRY RUN", verdict + "; nothing was changed");
        java.util.Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("status", "DryRun");
        result.put("dryRun", true);
        result.put("amiName", resolved.amiName());
        result.put("sourceAmiId", source.imageId());
        result.put("sourceAmiName", source.name());
        result.put("bakeKey", resolved.bakeKey());
        result.put("wouldReuse", same.isPresent() && request.skipIfUnchanged() ? same.get().imageId() : null);
        result.put("sameKeyAmiId", same.map(Image::imageId).orElse(null));
        List<String> regions = new ArrayList<>();
        regions.add(region);
        regions.addAll(copyRegions);
        result.put("regions", regions);
        result.put("instanceType", request.instanceType());
        result.put("provisioning", request.usesSsm() ? "ssmCommands" : "userData");
        return Tick.done(resolved, result);
    }

    private Image byId(Ec2Client ec2, String region) {
        Optional<Image> image = Ec2Calls.image(ec2, request.sourceAmi());
        if (image.isEmpty()) {
            throw new OperationFailedException("The source AMI " + request.sourceAmi() + " does not exist in " + region
                    + " (or is not shared with this account).");
        }
        if (!"available".equals(image.get().stateAsString())) {
            throw new OperationFailedException("The source AMI " + request.sourceAmi() + " is " + image.get().stateAsString()
                    + ", not available.");
        }
        return image.get();
    }

    private Image newestMatch(Ec2Client ec2, String region, Instant now) {
        AmiFilter filter = request.sourceAmiFilter();
        List<Filter> filters = new ArrayList<>();
        filters.add(Ec2Calls.filter("name", filter.name()));
        filters.add(Ec2Calls.filter("state", "available"));
        filter.tags().forEach((k, v) -> filters.add(Ec2Calls.filter("tag:" + k, v)));
        DescribeImagesRequest describe = DescribeImagesRequest.builder()
                .owners(filter.owners())
                .filters(filters)
                .includeDeprecated(filter.includeDeprecated())
                .build();
        // EC2 lists its owner's deprecated AMIs whatever IncludeDeprecated says, so they are left out here as well.
        return ec2.describeImagesPaginator(describe).images().stream()
                .filter(i -> filter.includeDeprecated() || !deprecated(i, now))
                .max(Comparator.comparing((Image i) -> i.creationDate() == null ? "" : i.creationDate())
                        .thenComparing(Image::imageId))
                .orElseThrow(() -> new OperationFailedException("No available AMI in " + region + " matches sourceAmiFilter ("
                        + filter.describe() + ")."));
    }

    private static boolean deprecated(Image image, Instant now) {
        if (image.deprecationTime() == null || image.deprecationTime().isBlank()) {
            return false;
        }
        try {
            return !Instant.parse(image.deprecationTime()).isAfter(now);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private void checkRootVolume(Image source, String rootDevice) {
        if (request.rootVolumeSize() == 0) {
            return;
        }
        source.blockDeviceMappings().stream()
                .filter(m -> rootDevice.equals(m.deviceName()) && m.ebs() != null && m.ebs().volumeSize() != null)
                .findFirst()
                .filter(m -> m.ebs().volumeSize() > request.rootVolumeSize())
                .ifPresent(m -> {
                    throw new OperationFailedException("Invalid rootVolumeSize '" + request.rootVolumeSize() + "': the source AMI "
                            + source.imageId() + " has a " + m.ebs().volumeSize() + " GiB root volume, and EBS volumes cannot shrink.");
                });
    }

    private List<String> copyRegions(String region) {
        return request.regions().stream().filter(r -> !r.equals(region)).toList();
    }

    private static void checkRegionsEnabled(Ec2Client ec2, List<String> regions) {
        if (regions.isEmpty()) {
            return;
        }
        List<String> enabled = ec2.describeRegions(r -> r.regionNames(regions)).regions().stream()
                .map(Region::regionName)
                .toList();
        List<String> missing = regions.stream().filter(r -> !enabled.contains(r)).toList();
        if (!missing.isEmpty()) {
            throw new OperationFailedException("Invalid regions: " + String.join(", ", missing)
                    + " is not a region enabled for this account.");
        }
    }

    private Optional<Image> newestWithKey(Ec2Client ec2, String key) {
        DescribeImagesRequest describe = DescribeImagesRequest.builder()
                .owners("self")
                .filters(Ec2Calls.filter("tag:" + BakeTags.BAKE_KEY, key), Ec2Calls.filter("state", "available"))
                .build();
        return ec2.describeImagesPaginator(describe).images().stream()
                .filter(i -> key.equals(tag(i, BakeTags.BAKE_KEY)))
                .max(Comparator.comparing((Image i) -> i.creationDate() == null ? "" : i.creationDate()));
    }

    private static String tag(Image image, String key) {
        return image.tags().stream().filter(t -> key.equals(t.key())).map(t -> t.value()).findFirst().orElse(null);
    }

    /** AMI names are unique per account and region: a taken name would only fail CreateImage after the provisioning. */
    private static void checkNameFree(TickContext context, String name, String region, List<String> copyRegions) {
        List<String> regions = new ArrayList<>();
        regions.add(region);
        regions.addAll(copyRegions);
        for (String r : regions) {
            Optional<Image> taken = Ec2Calls.ownImageNamed(context.aws().inRegion(r).ec2(), name);
            if (taken.isPresent()) {
                throw new OperationFailedException("Invalid amiName '" + name + "': " + taken.get().imageId() + " in " + r
                        + " already has this name, and AMI names are unique per region; add {{timestamp}} or "
                        + "${BUILD_NUMBER} to amiName, or set skipIfUnchanged.");
            }
        }
    }
}
