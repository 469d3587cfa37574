package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Phase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;

/**
 * Makes the builder: the temporary security group (no inbound rules; the default outbound rule lets the builder
 * reach package mirrors and SSM), then the instance, with IMDSv2 required, stopping (not terminating) when the
 * provisioning script powers it off, and the root volume resized or encrypted as asked.
 */
final class BuilderLaunch {

    static final String SECURITY_GROUP_DESCRIPTION = "Temporary group of an aws-rollout AMI bake: no inbound rules";

    private final BakeRequest request;

    BuilderLaunch(BakeRequest request) {
        this.request = request;
    }

    Tick<BakeCursor> createSecurityGroup(BakeCursor cursor, TickContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String name = cursor.securityGroupName();
        String vpcId = request.subnetId() == null ? null
                : ec2.describeSubnets(r -> r.subnetIds(request.subnetId())).subnets().get(0).vpcId();
        String groupId;
        try {
            groupId = ec2.createSecurityGroup(r -> r.groupName(name)
                    .description(SECURITY_GROUP_DESCRIPTION)
                    .vpcId(vpcId)
                    .tagSpecifications(Ec2Calls.tagSpecification(ResourceType.SECURITY_GROUP,
                            BakeTags.forBuilder(request, cursor.amiName())))).groupId();
        } catch (AwsServiceException e) {
            if (!Ec2Calls.hasCode(e, "InvalidGroup.Duplicate")) {
                throw e;
            }
            // A tick lost in a restart made it: the name is this bake's own.
            groupId = findSecurityGroup(ec2, name);
        }
        if (groupId == null) {
            throw new IllegalStateException("EC2 reports security group " + name + " as existing but does not list it");
        }
        context.progress().report("LAUNCH", "created temporary security group " + groupId + " (" + name + ", no inbound rules)");
        String id = groupId;
        BakeCursor next = cursor.withBuilder(b -> b.withSecurityGroup(id).withRunRequested())
                .withPhase(Phase.LAUNCH, cursor.poll());
        return Tick.after(next, Duration.ZERO);
    }

    /** The id of this bake's security group, or null when it does not exist. */
    static String findSecurityGroup(Ec2Client ec2, String name) {
        return ec2.describeSecurityGroups(r -> r.filters(Ec2Calls.filter("group-name", name))).securityGroups().stream()
                .filter(g -> name.equals(g.groupName()))
                .map(g -> g.groupId())
                .findFirst()
                .orElse(null);
    }

    Tick<BakeCursor> launch(BakeCursor cursor, TickContext context) {
        // The client token makes a replayed RunInstances return the instance the lost tick launched.
        var instance = context.aws().ec2().runInstances(runInstances(cursor)).instances().get(0);
        context.progress().report("LAUNCH", "builder " + instance.instanceId() + " (" + request.instanceType() + ") from "
                + cursor.sourceAmiId() + (request.subnetId() == null ? "" : " in " + request.subnetId()) + ", security group"
                + (request.usesTemporarySecurityGroup() ? " " + cursor.builder().securityGroupId() + " (temporary)"
                        : "s " + String.join(", ", request.securityGroupIds())));
        BakeCursor next = cursor.withBuilder(b -> b.withInstance(instance.instanceId()))
                .withProvision(p -> p.withDeadline(context.now().plus(request.provisionTimeout())))
                .withPhase(Phase.PROVISION, Poll.start(request.polling()));
        return Tick.after(next, next.poll().nextDelay(context.random()));
    }

    RunInstancesRequest runInstances(BakeCursor cursor) {
        RunInstancesRequest.Builder run = RunInstancesRequest.builder()
                .imageId(cursor.sourceAmiId())
                .instanceType(request.instanceType())
                .minCount(1)
                .maxCount(1)
                .clientToken(cursor.token())
                .subnetId(request.subnetId())
                .securityGroupIds(request.usesTemporarySecurityGroup()
                        ? List.of(cursor.builder().securityGroupId()) : request.securityGroupIds())
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.STOP)
                .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpEndpoint(InstanceMetadataEndpointState.ENABLED))
                .tagSpecifications(
                        Ec2Calls.tagSpecification(ResourceType.INSTANCE, BakeTags.forBuilder(request, cursor.amiName())),
                        Ec2Calls.tagSpecification(ResourceType.VOLUME, BakeTags.forBuilder(request, cursor.amiName())));
        if (request.iamInstanceProfile() != null) {
            run.iamInstanceProfile(profile(request.iamInstanceProfile()));
        }
        if (request.rootVolumeSize() > 0 || request.encrypted()) {
            run.blockDeviceMappings(rootVolume(cursor.rootDeviceName()));
        }
        if (!request.usesSsm()) {
            String script = ProvisioningScript.wrap(request.userData(), cursor.token());
            run.userData(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
        }
        return run.build();
    }

    private static IamInstanceProfileSpecification profile(String nameOrArn) {
        return nameOrArn.startsWith("arn:")
                ? IamInstanceProfileSpecification.builder().arn(nameOrArn).build()
                : IamInstanceProfileSpecification.builder().name(nameOrArn).build();
    }

    /** The root volume as asked: an encrypted root volume makes the image's snapshots encrypted with the same key. */
    private BlockDeviceMapping rootVolume(String deviceName) {
        // The volume type stays the source AMI's: only size and encryption are ours to change.
        EbsBlockDevice.Builder ebs = EbsBlockDevice.builder().deleteOnTermination(true);
        if (request.rootVolumeSize() > 0) {
            ebs.volumeSize(request.rootVolumeSize());
        }
        if (request.encrypted()) {
            ebs.encrypted(true).kmsKeyId(request.kmsKeyId());
        }
        return BlockDeviceMapping.builder().deviceName(deviceName).ebs(ebs.build()).build();
    }
}
