package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import io.jenkins.plugins.awsrollout.sim.script.Script;
import io.jenkins.plugins.awsrollout.sim.script.ScriptHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One region's EC2 resources and their lifecycles: instances boot, run user data, stop and
 * terminate; images and snapshots complete over simulated time.
 */
public final class Ec2Region {
    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);

    private final Cloud cloud;
    private final String region;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Image> images = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, LaunchTemplate> launchTemplates = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    private final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
    private final Map<String, List<String>> runTokens = new HashMap<>();
    private final Map<String, String> copyTokens = new HashMap<>();
    private final Map<String, Integer> volumeSizes = new HashMap<>();
    /** Volume id to the KMS key ARN it is encrypted with (encrypted volumes only). */
    private final Map<String, String> volumeKeys = new HashMap<>();
    private final List<Subnet> subnets = new ArrayList<>();
    private final String vpcId;
    private final String defaultSecurityGroupId;
    private int nextIp = 10;
    private int nextSubnet;

    public Ec2Region(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region.name();
        this.vpcId = cloud.ids().hex17("vpc-");
        char[] zones = {'a', 'b', 'c'};
        for (int i = 0; i < zones.length; i++) {
            subnets.add(new Subnet(cloud.ids().hex17("subnet-"), vpcId, region.name() + zones[i], "172.31." + (i * 16) + ".0/20", i));
        }
        SecurityGroup defaultGroup = new SecurityGroup(cloud.ids().hex17("sg-"), "default", "default VPC security group", vpcId);
        securityGroups.put(defaultGroup.id, defaultGroup);
        this.defaultSecurityGroupId = defaultGroup.id;
    }

    public String region() {
        return region;
    }

    public Map<String, Instance> instances() {
        return instances;
    }

    public Map<String, Image> images() {
        return images;
    }

    public Map<String, Snapshot> snapshots() {
        return snapshots;
    }

    public Map<String, LaunchTemplate> launchTemplates() {
        return launchTemplates;
    }

    public Map<String, SecurityGroup> securityGroups() {
        return securityGroups;
    }

    public Map<String, KeyPair> keyPairs() {
        return keyPairs;
    }

    public List<Subnet> subnets() {
        return List.copyOf(subnets);
    }

    public String vpcId() {
        return vpcId;
    }

    public String defaultSecurityGroupId() {
        return defaultSecurityGroupId;
    }

    public List<Instance> instancesOfImage(String imageId) {
        return instances.values().stream().filter(i -> i.imageId().equals(imageId)).toList();
    }

    /** The account that owns this region's resources. */
    public String accountId() {
        return cloud.accountId();
    }

    // ---- EBS encryption (no KMS service: keys are ARNs, the default EBS key one per region) ----

    /** This region's AWS managed key for EBS ({@code alias/aws/ebs}), a stable key ARN. */
    public String defaultEbsKeyArn() {
        return "arn:aws:kms:" + region + ":" + cloud.accountId() + ":key/"
                + java.util.UUID.nameUUIDFromBytes(("aws/ebs:" + region + ":" + cloud.accountId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A KMS key as EC2 takes it (key id, alias, key or alias ARN) as the ARN it reports; the default key for alias/aws/ebs. */
    public String kmsKeyArn(String keyId) {
        if (keyId == null || keyId.equals("alias/aws/ebs")) {
            return defaultEbsKeyArn();
        }
        if (keyId.matches("arn:aws:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-f-]{36}|alias/[A-Za-z0-9/_-]+)")) {
            return keyId;
        }
        if (keyId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return "arn:aws:kms:" + region + ":" + cloud.accountId() + ":key/" + keyId;
        }
        if (keyId.matches("alias/[A-Za-z0-9/_-]+")) {
            return "arn:aws:kms:" + region + ":" + cloud.accountId() + ":" + keyId;
        }
        throw SimError.client("InvalidParameterValue", "Value (" + keyId + ") for parameter kmsKeyId is invalid.");
    }

    /** The key of a new instance's root volume: as its spec asks, else its image's snapshot's, else none. */
    private String rootVolumeKey(LaunchSpec spec, Image image) {
        if (spec.rootEncryption().encrypted()) {
            return kmsKeyArn(spec.rootEncryption().kmsKeyId());
        }
        if (image != null && !image.devices.isEmpty()) {
            Snapshot snapshot = snapshots.get(image.devices.get(0).snapshotId());
            return snapshot == null ? null : snapshot.kmsKeyId;
        }
        return null;
    }

    // ---- lookups that fail as EC2 does ----

    /** EC2's id syntax: the prefix and 8 or 17 lowercase hex digits; anything else is {@code *.Malformed}, not {@code *.NotFound}. */
    public static boolean wellFormed(String id, String prefix) {
        return id != null && id.startsWith(prefix) && id.substring(prefix.length()).matches("[0-9a-f]{8}|[0-9a-f]{17}");
    }

    /** Instance type names EC2 knows: family (letters, generation digit, attribute letters) and a size. */
    private static final java.util.regex.Pattern INSTANCE_TYPE = java.util.regex.Pattern.compile(
            "(a1|[cdfghimprtuxz][1-9][a-z]*(-flex)?|mac[1-9][a-z-]*|(inf|trn|dl|vt|im|is|hpc|hpc[0-9][a-z]*|p[0-9][a-z]*|g[0-9][a-z]*)[0-9]*[a-z]*)"
            + "\\.(nano|micro|small|medium|large|xlarge|[1-9][0-9]?xlarge|metal(-[0-9]+xl)?)");

    /** Fails as EC2 does for an instance type it does not offer. */
    public static void checkInstanceType(String type) {
        if (type != null && !INSTANCE_TYPE.matcher(type).matches()) {
            throw SimError.client("InvalidParameterValue", "Invalid value '" + type + "' for InstanceType.");
        }
    }

    public Instance instance(String id) {
        Instance instance = instances.get(id);
        if (instance == null) {
            if (!wellFormed(id, "i-")) {
                throw SimError.client("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
            }
            throw SimError.client("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return instance;
    }

    public Image image(String id) {
        Image image = images.get(id);
        if (image == null) {
            if (!wellFormed(id, "ami-")) {
                throw SimError.client("InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
            }
            throw SimError.client("InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
        }
        return image;
    }

    public Snapshot snapshot(String id) {
        Snapshot snapshot = snapshots.get(id);
        if (snapshot == null) {
            if (!wellFormed(id, "snap-")) {
                throw SimError.client("InvalidSnapshotID.Malformed", "Invalid id: \"" + id + "\" (expecting \"snap-...\")");
            }
            throw SimError.client("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
        }
        return snapshot;
    }

    /** A template by id or name, failing with the code EC2 uses for each. */
    public LaunchTemplate launchTemplate(String id, String name) {
        if (id != null) {
            LaunchTemplate template = launchTemplates.get(id);
            if (template == null) {
                if (!id.startsWith("lt-")) {
                    throw SimError.client("InvalidLaunchTemplateId.Malformed", "The specified ID for the launch template is not valid: " + id);
                }
                throw SimError.client("InvalidLaunchTemplateId.NotFound",
                        "The specified launch template, with template ID " + id + ", does not exist.");
            }
            return template;
        }
        if (name != null) {
            return launchTemplates.values().stream().filter(t -> t.name.equals(name)).findFirst()
                    .orElseThrow(() -> SimError.client("InvalidLaunchTemplateName.NotFoundException",
                            "The specified launch template, with template name " + name + ", does not exist."));
        }
        throw SimError.client("MissingParameter", "The request must contain the parameter launchTemplateName or launchTemplateId");
    }

    /** The version of a template, resolving $Latest/$Default/null, failing as EC2 does. */
    public LaunchTemplate.Version launchTemplateVersion(LaunchTemplate template, String version) {
        long number = template.resolve(version);
        if (number < 0) {
            throw SimError.client("InvalidLaunchTemplateId.VersionNotFound",
                    "Could not find launch template version " + version + " for launch template " + template.id + ".");
        }
        return template.versions.get(number);
    }

    public SecurityGroup securityGroup(String idOrName) {
        SecurityGroup group = securityGroups.get(idOrName);
        if (group == null) {
            group = securityGroups.values().stream().filter(g -> g.name.equals(idOrName)).findFirst().orElse(null);
        }
        if (group == null) {
            throw SimError.client("InvalidGroup.NotFound", "The security group '" + idOrName + "' does not exist");
        }
        return group;
    }

    public Subnet subnet(String id) {
        return subnets.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> SimError.client("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist"));
    }

    /** Any taggable resource of this region by id, or null. */
    public Tagged tagged(String id) {
        if (id == null) {
            return null;
        }
        Tagged found = instances.get(id);
        if (found == null) {
            found = images.get(id);
        }
        if (found == null) {
            found = snapshots.get(id);
        }
        if (found == null) {
            found = launchTemplates.get(id);
        }
        if (found == null) {
            found = securityGroups.get(id);
        }
        if (found == null) {
            found = keyPairs.values().stream().filter(k -> k.id.equals(id)).findFirst().orElse(null);
        }
        return found;
    }

    /** Every taggable resource of this region. */
    public List<Tagged> allTagged() {
        List<Tagged> all = new ArrayList<>();
        all.addAll(instances.values());
        all.addAll(images.values());
        all.addAll(snapshots.values());
        all.addAll(launchTemplates.values());
        all.addAll(securityGroups.values());
        all.addAll(keyPairs.values());
        return all;
    }

    // ---- instances ----

    /** Instances a RunInstances call with this client token launched before, or null. */
    public List<Instance> instancesForToken(String clientToken) {
        List<String> ids = clientToken == null ? null : runTokens.get(clientToken);
        return ids == null ? null : ids.stream().map(instances::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Checks that a spec can launch (image, groups, subnet, key, user data) and fails as EC2 does
     * when it cannot.
     */
    public void validate(LaunchSpec spec) {
        if (spec.imageId() == null) {
            throw SimError.client("MissingParameter", "The request must contain the parameter ImageId");
        }
        checkInstanceType(spec.instanceType());
        Image image = image(spec.imageId());
        if (!image.state.equals("available")) {
            throw SimError.client("InvalidAMIID.Unavailable", "The image id '[" + spec.imageId() + "]' is not available");
        }
        for (String group : spec.securityGroupIds()) {
            securityGroup(group);
        }
        if (spec.subnetId() != null) {
            subnet(spec.subnetId());
        }
        if (spec.keyName() != null && !keyPairs.containsKey(spec.keyName())) {
            throw SimError.client("InvalidKeyPair.NotFound", "The key pair '" + spec.keyName() + "' does not exist");
        }
        if (spec.userData() != null) {
            try {
                Base64.getMimeDecoder().decode(spec.userData());
            } catch (IllegalArgumentException e) {
                throw SimError.client("InvalidParameterValue", "Invalid BASE64 encoding of user data.");
            }
        }
    }

    /** Launches {@code count} instances of one reservation; they boot after {@link io.jenkins.plugins.awsrollout.sim.Timings#boot}. */
    public List<Instance> launch(LaunchSpec spec, int count) {
        validate(spec);
        String reservationId = cloud.ids().hex17("r-");
        List<Instance> launched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Subnet subnet = placement(spec);
            String id = cloud.ids().hex17("i-");
            String ip = "172.31." + (subnet.index() * 16 + (nextIp / 250)) + "." + (nextIp % 250 + 4);
            nextIp++;
            String volumeId = cloud.ids().hex17("vol-");
            Image image = images.get(spec.imageId());
            Instance instance = new Instance(id, region, reservationId, spec, cloud.now(), subnet.availabilityZone(), subnet.id(),
                    vpcId, ip, volumeId, i);
            instance.tags.putAll(spec.tags());
            instance.imageUnhealthy = image != null && image.unhealthy;
            instance.stateReasonCode = "pending";
            instance.stateReasonMessage = "pending";
            volumeSizes.put(volumeId, spec.blockDevices().values().stream().findFirst().orElse(8));
            String key = rootVolumeKey(spec, image);
            if (key != null) {
                volumeKeys.put(volumeId, key);
            }
            instances.put(id, instance);
            launched.add(instance);
            scheduleBoot(instance, true);
            cloud.instanceStateChanged(instance, null);
        }
        if (spec.clientToken() != null) {
            runTokens.put(spec.clientToken(), launched.stream().map(Instance::id).toList());
        }
        return launched;
    }

    /** World seeding: an instance that is running (and has passed its status checks) at time zero. */
    public Instance launchRunning(LaunchSpec spec) {
        Instance instance = launch(spec, 1).get(0);
        instance.epoch++;
        instance.state = "running";
        instance.stateReasonCode = null;
        instance.stateReasonMessage = null;
        instance.statusOkAt = cloud.now();
        instance.userDataStatus = spec.userData() == null ? Instance.UserDataStatus.NONE : Instance.UserDataStatus.SUCCEEDED;
        console(instance, "[    0.000000] Linux version 6.1.0-sim (aws-sim) booting " + instance.id + " from " + instance.imageId());
        console(instance, finishedLine(instance));
        return instance;
    }

    private Subnet placement(LaunchSpec spec) {
        if (spec.subnetId() != null) {
            return subnet(spec.subnetId());
        }
        if (spec.availabilityZone() != null) {
            for (Subnet s : subnets) {
                if (s.availabilityZone().equals(spec.availabilityZone())) {
                    return s;
                }
            }
        }
        return subnets.get(nextSubnet++ % subnets.size());
    }

    private void scheduleBoot(Instance instance, boolean firstBoot) {
        int epoch = instance.epoch;
        cloud.scheduleIn(cloud.timings().boot(), () -> {
            if (instance.epoch != epoch || !instance.state.equals("pending")) {
                return;
            }
            setState(instance, "running");
            instance.stateReasonCode = null;
            instance.stateReasonMessage = null;
            instance.statusOkAt = cloud.now().plus(cloud.timings().statusCheck());
            if (!cloud.timings().statusCheck().isZero()) {
                // Status turns ok later; tell listeners (Auto Scaling health checks) when it does.
                int statusEpoch = instance.epoch;
                cloud.scheduleIn(cloud.timings().statusCheck(), () -> {
                    if (instance.epoch == statusEpoch) {
                        cloud.instanceHealthChanged(instance);
                    }
                });
            }
            console(instance, "[    0.000000] Linux version 6.1.0-sim (aws-sim) booting " + instance.id + " from " + instance.imageId());
            if (firstBoot) {
                runUserData(instance);
            }
        });
    }

    private void runUserData(Instance instance) {
        String encoded = instance.spec.userData();
        if (encoded == null || encoded.isEmpty()) {
            console(instance, finishedLine(instance));
            return;
        }
        String text = new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
        instance.userDataStatus = Instance.UserDataStatus.RUNNING;
        int epoch = instance.epoch;
        Script.parse(text).run(new ScriptHost() {
            @Override
            public void after(Duration delay, Runnable next) {
                cloud.scheduleIn(delay, () -> {
                    if (instance.epoch == epoch && instance.running()) {
                        next.run();
                    }
                });
            }

            @Override
            public void output(String line) {
                console(instance, line);
            }

            @Override
            public void powerOff() {
                stop(instance, "Client.InstanceInitiatedShutdown", "Client.InstanceInitiatedShutdown: Instance initiated shutdown");
            }

            @Override
            public void markUnhealthy() {
                instance.markedUnhealthy = true;
                cloud.instanceHealthChanged(instance);
            }

            @Override
            public void finished(int exitCode) {
                instance.userDataExitCode = exitCode;
                instance.userDataStatus = exitCode == 0 ? Instance.UserDataStatus.SUCCEEDED : Instance.UserDataStatus.FAILED;
                if (exitCode != 0) {
                    console(instance, "util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [" + exitCode + "]");
                }
                console(instance, finishedLine(instance));
            }
        });
    }

    private String finishedLine(Instance instance) {
        long up = Duration.between(instance.launchTime, cloud.now()).toSeconds();
        return "Cloud-init v. 22.2.2 finished at " + REASON_TIME.format(cloud.now()) + ". Datasource DataSourceEc2.  Up " + up
                + " seconds";
    }

    private void console(Instance instance, String line) {
        instance.console.append(line).append('\n');
    }

    private void setState(Instance instance, String state) {
        String previous = instance.state;
        instance.state = state;
        cloud.instanceStateChanged(instance, previous);
    }

    /** Stops a running or pending instance: stopping, then stopped after the stop time. */
    public void stop(Instance instance) {
        stop(instance, "Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown");
    }

    private void stop(Instance instance, String reasonCode, String reasonMessage) {
        if (!instance.state.equals("running") && !instance.state.equals("pending")) {
            return;
        }
        instance.epoch++;
        instance.stateReasonCode = reasonCode;
        instance.stateReasonMessage = reasonMessage;
        instance.transitionReason = "User initiated (" + REASON_TIME.format(cloud.now()) + ")";
        setState(instance, "stopping");
        int epoch = instance.epoch;
        cloud.scheduleIn(cloud.timings().stop(), () -> {
            if (instance.epoch == epoch) {
                setState(instance, "stopped");
            }
        });
    }

    /** Starts a stopped instance: pending, then running (user data does not run again). */
    public void start(Instance instance) {
        if (!instance.state.equals("stopped")) {
            return;
        }
        instance.epoch++;
        instance.stateReasonCode = null;
        instance.stateReasonMessage = null;
        instance.transitionReason = "";
        setState(instance, "pending");
        scheduleBoot(instance, false);
    }

    /** Terminates: shutting-down, then terminated; the instance stays visible for a while. */
    public void terminate(Instance instance) {
        if (instance.terminatedOrGoing()) {
            return;
        }
        instance.epoch++;
        instance.stateReasonCode = "Client.UserInitiatedShutdown";
        instance.stateReasonMessage = "Client.UserInitiatedShutdown: User initiated shutdown";
        instance.transitionReason = "User initiated (" + REASON_TIME.format(cloud.now()) + ")";
        setState(instance, "shutting-down");
        int epoch = instance.epoch;
        cloud.scheduleIn(cloud.timings().terminate(), () -> {
            if (instance.epoch != epoch) {
                return;
            }
            setState(instance, "terminated");
            cloud.scheduleIn(cloud.timings().terminatedVisible(), () -> instances.remove(instance.id));
        });
    }

    /** A reboot: the console shows it; the instance stays running. */
    public void reboot(Instance instance) {
        if (instance.running()) {
            console(instance, "[    0.000000] Linux version 6.1.0-sim (aws-sim) rebooting " + instance.id);
        }
    }

    // ---- images and snapshots ----

    /** Registers a ready-made image (world seeding): available at once, snapshots completed. */
    public Image seedImage(String id, String name, String description, String ownerId, String ownerAlias, boolean isPublic,
            Map<String, String> tags, Instant deprecationTime, boolean unhealthy) {
        String imageId = id != null ? id : cloud.ids().hex17("ami-");
        Image image = new Image(imageId, region, ownerId, ownerAlias, name, description, cloud.now(), null, null, null);
        Snapshot snapshot = newSnapshot(cloud.ids().hex17("vol-"), 8, "Seeded snapshot for " + imageId, Duration.ZERO);
        snapshot.state = "completed";
        image.devices.add(new Image.Device("/dev/xvda", snapshot.id, 8));
        image.tags.putAll(tags);
        image.isPublic = isPublic;
        image.deprecationTime = deprecationTime;
        image.unhealthy = unhealthy;
        image.state = "available";
        images.put(imageId, image);
        return image;
    }

    /** CreateImage: snapshots of the instance's volumes, then an image that is available when they complete. */
    public Image createImage(Instance instance, String name, String description, boolean noReboot, Map<String, String> imageTags,
            Map<String, String> snapshotTags) {
        if (!instance.state.equals("running") && !instance.state.equals("stopped")) {
            throw SimError.client("IncorrectInstanceState",
                    "The instance '" + instance.id + "' is not in the 'running' or 'stopped' state.");
        }
        checkImageName(name);
        if (!noReboot) {
            reboot(instance);
        }
        Duration duration = cloud.timings().imageCreation();
        Image image = new Image(cloud.ids().hex17("ami-"), region, cloud.accountId(), null, name, description, cloud.now(),
                instance.id, null, null);
        int size = instance.spec.blockDevices().values().stream().findFirst().orElse(8);
        Snapshot snapshot = newSnapshot(instance.rootVolumeId, size, "Created by CreateImage(" + instance.id + ") for " + image.id,
                duration);
        snapshot.kmsKeyId = volumeKeys.get(instance.rootVolumeId);
        snapshot.tags.putAll(snapshotTags);
        image.devices.add(new Image.Device("/dev/xvda", snapshot.id, size));
        image.tags.putAll(imageTags);
        image.unhealthy = instance.failsHealthChecks();
        images.put(image.id, image);
        completeLater(image, List.of(snapshot), duration);
        return image;
    }

    /** CopyImage into this region from {@code source} (in any region). */
    public Image copyImage(Image source, String name, String description, boolean copyTags, Map<String, String> tags,
            String clientToken) {
        return copyImage(source, name, description, copyTags, tags, clientToken, false, null);
    }

    /**
     * CopyImage with encryption: {@code encrypted} (or an encrypted source, which cannot be copied unencrypted) gives
     * snapshots encrypted with {@code kmsKeyId} resolved in this region, else the source's key when it is in this region,
     * else this region's default EBS key.
     */
    public Image copyImage(Image source, String name, String description, boolean copyTags, Map<String, String> tags,
            String clientToken, boolean encrypted, String kmsKeyId) {
        if (kmsKeyId != null && !encrypted) {
            throw SimError.client("InvalidParameterDependency", "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        String requestedKey = kmsKeyId == null ? null : kmsKeyArn(kmsKeyId);
        if (clientToken != null && copyTokens.containsKey(clientToken)) {
            return images.get(copyTokens.get(clientToken));
        }
        if (!source.state.equals("available")) {
            throw SimError.client("IncorrectState", "The image '" + source.id + "' is not in the 'available' state.");
        }
        checkImageName(name);
        Duration duration = cloud.timings().imageCopy();
        Image image = new Image(cloud.ids().hex17("ami-"), region, cloud.accountId(), null, name,
                description != null ? description : source.description, cloud.now(), null, source.id, source.region);
        List<Snapshot> copies = new ArrayList<>();
        for (Image.Device device : source.devices) {
            Snapshot copy = newSnapshot(cloud.ids().hex17("vol-"), device.volumeSize(),
                    "Copied for DestinationAmi " + image.id + " from SourceAmi " + source.id, duration);
            Snapshot original = cloud.region(source.region).ec2().snapshots.get(device.snapshotId());
            String sourceKey = original == null ? null : original.kmsKeyId;
            if (requestedKey != null) {
                copy.kmsKeyId = requestedKey;
            } else if (encrypted || sourceKey != null) {
                copy.kmsKeyId = sourceKey != null && sourceKey.startsWith("arn:aws:kms:" + region + ":") ? sourceKey : defaultEbsKeyArn();
            }
            copies.add(copy);
            image.devices.add(new Image.Device(device.deviceName(), copy.id, device.volumeSize()));
        }
        if (copyTags) {
            image.tags.putAll(source.tags);
        }
        image.tags.putAll(tags);
        image.unhealthy = source.unhealthy;
        image.architecture = source.architecture;
        images.put(image.id, image);
        if (clientToken != null) {
            copyTokens.put(clientToken, image.id);
        }
        completeLater(image, copies, duration);
        return image;
    }

    private void checkImageName(String name) {
        for (Image existing : images.values()) {
            if (existing.name != null && existing.name.equals(name) && existing.ownerId.equals(cloud.accountId())) {
                throw SimError.client("InvalidAMIName.Duplicate", "AMI name " + name + " is already in use by AMI " + existing.id);
            }
        }
    }

    private void completeLater(Image image, List<Snapshot> pending, Duration duration) {
        cloud.scheduleIn(duration, () -> {
            for (Snapshot snapshot : pending) {
                if (snapshot.state.equals("pending")) {
                    snapshot.state = "completed";
                }
            }
            if (image.state.equals("pending")) {
                image.state = "available";
            }
        });
    }

    private Snapshot newSnapshot(String volumeId, int size, String description, Duration duration) {
        Snapshot snapshot = new Snapshot(cloud.ids().hex17("snap-"), region, volumeId, size, description, cloud.accountId(),
                cloud.now(), cloud.now().plus(duration));
        snapshots.put(snapshot.id, snapshot);
        return snapshot;
    }

    /** CreateSnapshot of an instance's volume. */
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        Integer size = volumeSizes.get(volumeId);
        if (size == null) {
            throw SimError.client("InvalidVolume.NotFound", "The volume '" + volumeId + "' does not exist.");
        }
        Duration duration = cloud.timings().snapshot();
        Snapshot snapshot = newSnapshot(volumeId, size, description, duration);
        snapshot.kmsKeyId = volumeKeys.get(volumeId);
        snapshot.tags.putAll(tags);
        cloud.scheduleIn(duration, () -> {
            if (snapshot.state.equals("pending")) {
                snapshot.state = "completed";
            }
        });
        return snapshot;
    }

    /** DeleteSnapshot: refused while a registered image uses it. */
    public void deleteSnapshot(String snapshotId) {
        Snapshot snapshot = snapshot(snapshotId);
        for (Image image : images.values()) {
            if (image.snapshotIds().contains(snapshotId)) {
                throw SimError.client("InvalidSnapshot.InUse", "The snapshot " + snapshotId + " is currently in use by " + image.id);
            }
        }
        snapshots.remove(snapshot.id);
    }

    /** DeregisterImage: the image disappears; its snapshots stay unless asked. */
    public List<String> deregisterImage(Image image, boolean deleteSnapshots) {
        image.state = "deregistered";
        images.remove(image.id);
        List<String> deleted = new ArrayList<>();
        if (deleteSnapshots) {
            for (String snapshotId : image.snapshotIds()) {
                if (snapshots.remove(snapshotId) != null) {
                    deleted.add(snapshotId);
                }
            }
        }
        return deleted;
    }

    // ---- launch templates, security groups, key pairs ----

    public LaunchTemplate createLaunchTemplate(String name, String description,
            software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData data, Map<String, String> tags) {
        for (LaunchTemplate existing : launchTemplates.values()) {
            if (existing.name.equals(name)) {
                throw SimError.client("InvalidLaunchTemplateName.AlreadyExistsException",
                        "Launch template name already in use.");
            }
        }
        LaunchTemplate template = new LaunchTemplate(cloud.ids().hex17("lt-"), name, cloud.now(),
                "arn:aws:iam::" + cloud.accountId() + ":root");
        template.versions.put(1L, new LaunchTemplate.Version(1, description, cloud.now(), data));
        template.tags.putAll(tags);
        launchTemplates.put(template.id, template);
        return template;
    }

    public LaunchTemplate.Version addLaunchTemplateVersion(LaunchTemplate template, String description,
            software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData data) {
        long number = template.latestVersion() + 1;
        LaunchTemplate.Version version = new LaunchTemplate.Version(number, description, cloud.now(), data);
        template.versions.put(number, version);
        return version;
    }

    /** ModifyLaunchTemplate's SetDefaultVersion. */
    public void setDefaultVersion(LaunchTemplate template, long version) {
        if (!template.versions.containsKey(version)) {
            throw SimError.client("InvalidLaunchTemplateId.VersionNotFound",
                    "Could not find launch template version " + version + " for launch template " + template.id + ".");
        }
        template.defaultVersion = version;
    }

    public SecurityGroup createSecurityGroup(String name, String description, String vpc) {
        String groupVpc = vpc == null ? vpcId : vpc;
        for (SecurityGroup existing : securityGroups.values()) {
            if (existing.name.equals(name) && existing.vpcId.equals(groupVpc)) {
                throw SimError.client("InvalidGroup.Duplicate",
                        "The security group '" + name + "' already exists for VPC '" + groupVpc + "'");
            }
        }
        SecurityGroup group = new SecurityGroup(cloud.ids().hex17("sg-"), name, description, groupVpc);
        securityGroups.put(group.id, group);
        return group;
    }

    /** DeleteSecurityGroup: refused while an instance that is not terminated uses it. */
    public void deleteSecurityGroup(SecurityGroup group) {
        for (Instance instance : instances.values()) {
            if (!instance.state.equals("terminated") && instance.securityGroupIds().contains(group.id)) {
                throw SimError.client("DependencyViolation", "resource " + group.id + " has a dependent object");
            }
        }
        if (group.id.equals(defaultSecurityGroupId)) {
            throw SimError.client("CannotDelete", "the specified group: \"" + group.id + "\" name: \"default\" cannot be deleted by a user");
        }
        securityGroups.remove(group.id);
    }

    public KeyPair createKeyPair(String name) {
        if (keyPairs.containsKey(name)) {
            throw SimError.client("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
        String fingerprint = cloud.ids().hex("", 40).replaceAll("(..)(?!$)", "$1:");
        KeyPair pair = new KeyPair(cloud.ids().hex17("key-"), name, fingerprint);
        keyPairs.put(name, pair);
        return pair;
    }

    public String fingerprint(KeyPair pair) {
        return pair.fingerprint;
    }
}
