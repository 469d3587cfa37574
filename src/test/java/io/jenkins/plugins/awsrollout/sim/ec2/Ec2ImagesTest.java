package io.jenkins.plugins.awsrollout.sim.ec2;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.ResourceType;

class Ec2ImagesTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private Ec2Client ec2;
    private Ec2Client west;
    private String baseId;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").region("us-west-2")
                .image("base-al2023-2026.11.01", i -> i.tag("role", "base"))
                .image("amzn2-ami-hvm-2025", i -> i.ownerAlias("amazon").isPublic(true))
                .timings(t -> t.withBoot(Duration.ofSeconds(30)).withImageCreation(Duration.ofSeconds(200))
                        .withImageCopy(Duration.ofSeconds(300)))
                .build(), clock);
        ec2 = SimClients.of(sim).ec2();
        west = SimClients.of(sim).withRegion("us-west-2").ec2();
        baseId = sim.state().image("base-al2023-2026.11.01").id();
    }

    @AfterEach
    void stop() {
        ec2.close();
        west.close();
        sim.close();
    }

    private String runningInstance() {
        String id = ec2.runInstances(r -> r.imageId(baseId).minCount(1).maxCount(1)).instances().get(0).instanceId();
        clock.advance(Duration.ofSeconds(30));
        return id;
    }

    private Image image(Ec2Client client, String id) {
        return client.describeImages(r -> r.imageIds(id)).images().get(0);
    }

    @Test
    void createImageIsPendingWhileItsSnapshotProgressesThenAvailable() throws Exception {
        String instance = runningInstance();

        String imageId = ec2.createImage(r -> r.instanceId(instance).name("web-2026.11.02").noReboot(true)
                .tagSpecifications(t -> t.resourceType(ResourceType.IMAGE).tags(tag -> tag.key("build").value("7")),
                        t -> t.resourceType(ResourceType.SNAPSHOT).tags(tag -> tag.key("build").value("7")))).imageId();

        Image pending = image(ec2, imageId);
        assertThat(pending.state()).isEqualTo(ImageState.PENDING);
        assertThat(pending.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("build"));
        String snapshotId = pending.blockDeviceMappings().get(0).ebs().snapshotId();
        clock.advance(Duration.ofSeconds(100));
        var snapshot = ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0);
        assertThat(snapshot.stateAsString()).isEqualTo("pending");
        assertThat(snapshot.progress()).isEqualTo("50%");
        assertThat(snapshot.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("7"));

        try (AutoCloseable ticking = Fixtures.ticking(clock, Duration.ofSeconds(5))) {
            var waited = ec2.waiter().waitUntilImageAvailable(r -> r.imageIds(imageId), Fixtures.fastWaiter());
            assertThat(waited.matched().response()).hasValueSatisfying(r -> assertThat(r.images().get(0).state()).isEqualTo(ImageState.AVAILABLE));
        }
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0).progress()).isEqualTo("100%");
    }

    @Test
    void copyImageUsesTheRegionOfTheCallAndTakesItsTime() {
        String copyId = west.copyImage(r -> r.sourceImageId(baseId).sourceRegion("us-east-1").name("base-copy")
                .copyImageTags(true)).imageId();

        assertThat(image(west, copyId).state()).isEqualTo(ImageState.PENDING);
        assertThat(image(west, copyId).tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("role"));
        assertThatThrownBy(() -> image(ec2, copyId)).isInstanceOfSatisfying(Ec2Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound"));
        clock.advance(Duration.ofSeconds(300));
        assertThat(image(west, copyId).state()).isEqualTo(ImageState.AVAILABLE);
        assertThat(sim.state("us-west-2").image(copyId).sourceImageId()).isEqualTo(baseId);
        assertThat(sim.state("us-west-2").snapshots()).hasSize(1);
    }

    @Test
    void copiesOfAnUnhealthyImageAreUnhealthyToo() {
        sim.faults().unhealthyAmi(baseId);

        String copyId = west.copyImage(r -> r.sourceImageId(baseId).sourceRegion("us-east-1").name("base-copy")).imageId();

        assertThat(sim.state("us-west-2").image(copyId).unhealthy()).isTrue();
    }

    @Test
    void describeImagesFiltersByOwnerNameWildcardTagAndState() {
        assertThat(names(ec2.describeImages(r -> r.owners("self")).images())).containsExactly("base-al2023-2026.11.01");
        assertThat(names(ec2.describeImages(r -> r.owners("amazon")).images())).containsExactly("amzn2-ami-hvm-2025");
        assertThat(names(ec2.describeImages(r -> r.filters(f("name", "base-al2023-????.11.*"))).images()))
                .containsExactly("base-al2023-2026.11.01");
        assertThat(names(ec2.describeImages(r -> r.filters(f("tag:role", "base"), f("state", "available"))).images()))
                .containsExactly("base-al2023-2026.11.01");
        assertThat(ec2.describeImages(r -> r.filters(f("state", "pending"))).images()).isEmpty();
    }

    @Test
    void deprecatedImagesOfOthersAreHiddenUnlessIncluded() {
        String amazonId = sim.state().image("amzn2-ami-hvm-2025").id();
        sim.cloud().locked(() -> {
            sim.cloud().region("us-east-1").ec2().image(amazonId).deprecationTime = T0.plusSeconds(60);
            return null;
        });
        ec2.enableImageDeprecation(r -> r.imageId(baseId).deprecateAt(T0.plusSeconds(60)));
        clock.advance(Duration.ofMinutes(2));

        assertThat(names(ec2.describeImages(r -> r.owners("amazon")).images())).isEmpty();
        assertThat(names(ec2.describeImages(r -> r.owners("amazon").includeDeprecated(true)).images())).containsExactly("amzn2-ami-hvm-2025");
        Image own = ec2.describeImages(r -> r.owners("self")).images().get(0);
        assertThat(own.deprecationTime()).isEqualTo("2026-01-01T00:01:00.000Z");
    }

    @Test
    void snapshotsInUseCannotBeDeletedUntilTheImageIsDeregistered() {
        String snapshotId = image(ec2, baseId).blockDeviceMappings().get(0).ebs().snapshotId();

        assertThatThrownBy(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId))).isInstanceOfSatisfying(Ec2Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.InUse"));
        ec2.deregisterImage(r -> r.imageId(baseId));
        ec2.deleteSnapshot(r -> r.snapshotId(snapshotId));

        assertThat(sim.state().snapshots()).extracting(s -> s.id()).doesNotContain(snapshotId);
    }

    @Test
    void launchPermissionsAndCreateVolumePermissionsAreShared() {
        ec2.modifyImageAttribute(r -> r.imageId(baseId).launchPermission(p -> p.add(a -> a.userId("210987654321"))));
        String snapshotId = image(ec2, baseId).blockDeviceMappings().get(0).ebs().snapshotId();
        ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId).attribute("createVolumePermission")
                .createVolumePermission(p -> p.add(a -> a.userId("210987654321"))));

        var attribute = ec2.describeImageAttribute(r -> r.imageId(baseId).attribute(ImageAttributeName.LAUNCH_PERMISSION));
        assertThat(attribute.launchPermissions()).singleElement().satisfies(p -> assertThat(p.userId()).isEqualTo("210987654321"));
        assertThat(sim.state().snapshots()).filteredOn(s -> s.id().equals(snapshotId)).singleElement()
                .satisfies(s -> assertThat(s.createVolumeUsers()).containsExactly("210987654321"));
    }

    @Test
    void createSnapshotOfAnInstanceVolumeCompletesLater() {
        String instance = runningInstance();
        String volumeId = ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0)
                .blockDeviceMappings().get(0).ebs().volumeId();

        var created = ec2.createSnapshot(r -> r.volumeId(volumeId).description("backup"));
        clock.advance(Duration.ofMinutes(2));

        assertThat(ec2.describeSnapshots(r -> r.ownerIds("self").filters(f("status", "completed"))).snapshots())
                .extracting(s -> s.snapshotId()).contains(created.snapshotId());
    }

    @Test
    void duplicateImageNamesAreRefused() {
        String instance = runningInstance();

        assertThatThrownBy(() -> ec2.createImage(r -> r.instanceId(instance).name("base-al2023-2026.11.01")))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIName.Duplicate"));
    }

    private static Filter f(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static List<String> names(List<Image> images) {
        return images.stream().map(Image::name).toList();
    }

}
