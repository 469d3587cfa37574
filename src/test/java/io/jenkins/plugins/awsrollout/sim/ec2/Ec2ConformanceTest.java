package io.jenkins.plugins.awsrollout.sim.ec2;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/** What real clients rely on: network interfaces, malformed ids, unknown instance types, EBS encryption of images and copies. */
class Ec2ConformanceTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private Ec2Client ec2;
    private Ec2Client west;
    private String base;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").region("us-west-2").image("base").securityGroup("web-sg")
                .timings(t -> t.withBoot(Duration.ofSeconds(20)))
                .build(), clock);
        ec2 = SimClients.of(sim).ec2();
        west = SimClients.of(sim).withRegion("us-west-2").ec2();
        base = sim.state().image("base").id();
    }

    @AfterEach
    void stop() {
        ec2.close();
        west.close();
        sim.close();
    }

    private Instance run(Consumer<software.amazon.awssdk.services.ec2.model.RunInstancesRequest.Builder> more) {
        String id = ec2.runInstances(r -> {
            r.imageId(base).minCount(1).maxCount(1).securityGroups("web-sg");
            more.accept(r);
        }).instances().get(0).instanceId();
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void everyInstanceHasItsPrimaryNetworkInterface() {
        Instance instance = run(r -> { });

        InstanceNetworkInterface eni = instance.networkInterfaces().get(0);
        assertThat(instance.networkInterfaces()).hasSize(1);
        assertThat(eni.networkInterfaceId()).matches("eni-[0-9a-f]{17}");
        assertThat(eni.privateIpAddress()).isEqualTo(instance.privateIpAddress());
        assertThat(eni.privateIpAddresses()).singleElement().satisfies(a -> assertThat(a.primary()).isTrue());
        assertThat(eni.subnetId()).isEqualTo(instance.subnetId());
        assertThat(eni.vpcId()).isEqualTo(instance.vpcId());
        assertThat(eni.attachment().deviceIndex()).isZero();
        assertThat(eni.groups()).extracting(g -> g.groupName()).containsExactly("web-sg");
        assertThat(eni.macAddress()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(eni.ownerId()).isEqualTo(sim.accountId());
    }

    @ParameterizedTest
    @CsvSource({"i-xyz, InvalidInstanceID.Malformed", "i-0123, InvalidInstanceID.Malformed", "web-1, InvalidInstanceID.Malformed",
            "i-00000000000000000, InvalidInstanceID.NotFound", "i-0000abcd, InvalidInstanceID.NotFound"})
    void instanceIdsAreCheckedForSyntaxBeforeExistence(String id, String code) {
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds(id)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(id);
                });
    }

    @ParameterizedTest
    @CsvSource({"ami-zzz, InvalidAMIID.Malformed", "base, InvalidAMIID.Malformed", "ami-00000000000000000, InvalidAMIID.NotFound"})
    void imageIdsAreCheckedForSyntaxBeforeExistence(String id, String code) {
        assertThatThrownBy(() -> ec2.describeImages(r -> r.imageIds(id)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
        assertThatThrownBy(() -> ec2.describeSnapshots(r -> r.snapshotIds("snap-zzz")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidSnapshotID.Malformed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t3.banana", "t3", "banana", "m5.3xl", "T3.MICRO"})
    void unknownInstanceTypesAreInvalidParameterValue(String type) {
        assertThatThrownBy(() -> run(r -> r.instanceType(type)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).contains("Invalid value '" + type + "' for InstanceType.");
                });
        assertThat(sim.state().instances()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"t3.micro", "t3a.nano", "t4g.small", "m5.2xlarge", "c7g.metal", "r6gd.16xlarge", "m1.small", "x2iedn.xlarge"})
    void realInstanceTypesLaunch(String type) {
        assertThat(run(r -> r.instanceType(type)).instanceTypeAsString()).isEqualTo(type);
    }

    @Test
    void encryptedRootVolumeMakesEncryptedImagesAndCopiesTakeTheirRegionsKeys() {
        String key = "arn:aws:kms:us-east-1:" + sim.accountId() + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Instance builder = run(r -> r.blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.encrypted(true).kmsKeyId(key))));
        clock.advance(Duration.ofSeconds(30));
        String image = ec2.createImage(r -> r.instanceId(builder.instanceId()).name("enc-1").noReboot(true)).imageId();
        clock.advance(Duration.ofMinutes(10));

        EbsBlockDevice ebs = ec2.describeImages(r -> r.imageIds(image)).images().get(0).blockDeviceMappings().get(0).ebs();
        assertThat(ebs.encrypted()).isTrue();
        assertThat(ebs.kmsKeyId()).isEqualTo(key);
        Snapshot snapshot = ec2.describeSnapshots(r -> r.snapshotIds(ebs.snapshotId())).snapshots().get(0);
        assertThat(snapshot.encrypted()).isTrue();
        assertThat(snapshot.kmsKeyId()).isEqualTo(key);

        String westKey = "arn:aws:kms:us-west-2:" + sim.accountId() + ":key/bbbbbbbb-12ab-34cd-56ef-1234567890ab";
        String withKey = west.copyImage(r -> r.sourceImageId(image).sourceRegion("us-east-1").name("enc-west").encrypted(true)
                .kmsKeyId(westKey)).imageId();
        String withDefault = west.copyImage(r -> r.sourceImageId(image).sourceRegion("us-east-1").name("enc-west-default")).imageId();
        clock.advance(Duration.ofMinutes(10));
        assertThat(west.describeImages(r -> r.imageIds(withKey)).images().get(0).blockDeviceMappings().get(0).ebs().kmsKeyId())
                .isEqualTo(westKey);
        EbsBlockDevice copied = west.describeImages(r -> r.imageIds(withDefault)).images().get(0).blockDeviceMappings().get(0).ebs();
        assertThat(copied.encrypted()).as("an encrypted image cannot be copied unencrypted").isTrue();
        assertThat(copied.kmsKeyId()).startsWith("arn:aws:kms:us-west-2:" + sim.accountId() + ":key/");
    }

    @Test
    void copyEncryptsAnUnencryptedImageWhenAskedAndNeedsEncryptedForAKey() {
        EbsBlockDevice plain = ec2.describeImages(r -> r.imageIds(base)).images().get(0).blockDeviceMappings().get(0).ebs();
        assertThat(plain.encrypted()).isFalse();
        assertThat(plain.kmsKeyId()).isNull();

        String copy = west.copyImage(r -> r.sourceImageId(base).sourceRegion("us-east-1").name("base-enc").encrypted(true)).imageId();
        clock.advance(Duration.ofMinutes(10));
        EbsBlockDevice ebs = west.describeImages(r -> r.imageIds(copy)).images().get(0).blockDeviceMappings().get(0).ebs();
        assertThat(ebs.encrypted()).isTrue();
        assertThat(ebs.kmsKeyId()).startsWith("arn:aws:kms:us-west-2:");

        assertThatThrownBy(() -> west.copyImage(r -> r.sourceImageId(base).sourceRegion("us-east-1").name("x").kmsKeyId("alias/mine")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterDependency"));
        String aliased = west.copyImage(r -> r.sourceImageId(base).sourceRegion("us-east-1").name("y").encrypted(true)
                .kmsKeyId("alias/mine")).imageId();
        clock.advance(Duration.ofMinutes(10));
        assertThat(west.describeImages(r -> r.imageIds(aliased)).images().get(0).blockDeviceMappings().get(0).ebs().kmsKeyId())
                .isEqualTo("arn:aws:kms:us-west-2:" + sim.accountId() + ":alias/mine");
    }

    @Test
    void instancesOfAnEncryptedImageHaveEncryptedVolumes() {
        String imageCopy = ec2.copyImage(r -> r.sourceImageId(base).sourceRegion("us-east-1").name("base-enc").encrypted(true)).imageId();
        clock.advance(Duration.ofMinutes(10));
        Instance instance = run(r -> r.imageId(imageCopy));
        clock.advance(Duration.ofSeconds(30));

        String snapshot = ec2.createSnapshot(r -> r.volumeId(instance.blockDeviceMappings().get(0).ebs().volumeId())).snapshotId();
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).encrypted()).isTrue();
    }
}
