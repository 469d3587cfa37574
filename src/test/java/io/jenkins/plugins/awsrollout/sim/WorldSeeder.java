package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.Seeds.ImageSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.LaunchTemplateSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.PrincipalSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.SecurityGroupSeed;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Region;
import io.jenkins.plugins.awsrollout.sim.ec2.Image;
import io.jenkins.plugins.awsrollout.sim.ec2.LaunchTemplate;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateIamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecification;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Turns a {@link World} into a live {@link Cloud} at the clock's time. */
final class WorldSeeder {
    private WorldSeeder() {}

    static Cloud create(World world, Clock clock) {
        Cloud cloud = new Cloud(clock, world.accountId, world.timings, world.seed, world.regions);
        Services.listen(cloud);
        cloud.locked(() -> {
            seed(world, cloud);
            return null;
        });
        return cloud;
    }

    private static void seed(World world, Cloud cloud) {
        for (PrincipalSeed principal : world.principals) {
            String account = principal.arn.split(":")[4];
            cloud.addIdentity(new Identity(principal.accessKeyId, account, principal.arn,
                    "AIDA" + Integer.toHexString(principal.arn.hashCode()).toUpperCase(), null, null, null));
        }
        for (ImageSeed image : world.images) {
            Ec2Region ec2 = region(world, cloud, image.region).ec2();
            String owner = "amazon".equals(image.ownerAlias) ? "137112412989" : world.accountId;
            Image seeded = ec2.seedImage(image.id, image.name, image.description, owner, image.ownerAlias, image.isPublic,
                    image.tags, image.deprecateAt == null ? null : Instant.parse(image.deprecateAt), image.unhealthy);
            if ("true".equalsIgnoreCase(seeded.tags().get("sim:unhealthy"))) {
                seeded.unhealthy(true);
            }
        }
        for (SecurityGroupSeed group : world.securityGroups) {
            region(world, cloud, group.region).ec2().createSecurityGroup(group.name, group.description, null);
        }
        for (String keyPair : world.keyPairs) {
            cloud.defaultRegion().ec2().createKeyPair(keyPair);
        }
        for (LaunchTemplateSeed template : world.launchTemplates) {
            seedLaunchTemplate(world, cloud, template);
        }
        Services.seed(world, cloud);
        for (var customizer : world.customizers) {
            customizer.accept(cloud);
        }
        for (var section : world.extensionSections.entrySet()) {
            WorldSections.apply(section.getKey(), section.getValue(), cloud);
        }
    }

    static CloudRegion region(World world, Cloud cloud, String name) {
        return name == null ? cloud.defaultRegion() : cloud.region(name);
    }

    /** An image reference in a seed: an AMI id, or the name of an image in the region. */
    static String imageId(Ec2Region ec2, String reference) {
        if (reference == null || reference.startsWith("ami-")) {
            return reference;
        }
        return ec2.images().values().stream().filter(i -> reference.equals(i.name())).map(Image::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("world: no image named " + reference + " in " + ec2.region()));
    }

    private static void seedLaunchTemplate(World world, Cloud cloud, LaunchTemplateSeed seed) {
        Ec2Region ec2 = region(world, cloud, seed.region).ec2();
        ResponseLaunchTemplateData data = templateData(ec2, seed, ResponseLaunchTemplateData.builder().build());
        LaunchTemplate template = ec2.createLaunchTemplate(seed.name, null, data, seed.tags);
        for (LaunchTemplateSeed version : seed.versions) {
            data = templateData(ec2, version, data);
            ec2.addLaunchTemplateVersion(template, null, data);
        }
        if (seed.defaultVersion > 0) {
            ec2.setDefaultVersion(template, seed.defaultVersion);
        }
    }

    private static ResponseLaunchTemplateData templateData(Ec2Region ec2, LaunchTemplateSeed seed, ResponseLaunchTemplateData base) {
        ResponseLaunchTemplateData.Builder b = base.toBuilder();
        if (seed.image != null) {
            b.imageId(imageId(ec2, seed.image));
        }
        if (seed.instanceType != null) {
            b.instanceType(seed.instanceType);
        }
        if (seed.userData != null) {
            b.userData(Base64.getEncoder().encodeToString(seed.userData.getBytes(StandardCharsets.UTF_8)));
        }
        if (!seed.securityGroups.isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (String group : seed.securityGroups) {
                ids.add(ec2.securityGroup(group).id());
            }
            b.securityGroupIds(ids);
        }
        if (seed.keyName != null) {
            b.keyName(seed.keyName);
        }
        if (seed.iamInstanceProfile != null) {
            b.iamInstanceProfile(LaunchTemplateIamInstanceProfileSpecification.builder().name(seed.iamInstanceProfile).build());
        }
        if (!seed.tags.isEmpty() && !Pojos.present(base.tagSpecifications())) {
            b.tagSpecifications(LaunchTemplateTagSpecification.builder().resourceType("instance")
                    .tags(seed.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                    .build());
        }
        return b.build();
    }
}
