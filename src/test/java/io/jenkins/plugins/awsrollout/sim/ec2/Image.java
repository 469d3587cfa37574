package io.jenkins.plugins.awsrollout.sim.ec2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An AMI. */
public final class Image implements Tagged {
    /** One block device of the image, backed by a snapshot. */
    public record Device(String deviceName, String snapshotId, int volumeSize) {}

    final String id;
    final String region;
    final String ownerId;
    final String ownerAlias;
    final String name;
    final String description;
    final Instant creationDate;
    final String sourceInstanceId;
    final String sourceImageId;
    final String sourceRegion;
    final List<Device> devices = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Set<String> launchPermissionUsers = new LinkedHashSet<>();
    boolean isPublic;
    String state = "pending";
    Instant deprecationTime;
    boolean unhealthy;
    String architecture = "x86_64";

    Image(String id, String region, String ownerId, String ownerAlias, String name, String description, Instant creationDate,
            String sourceInstanceId, String sourceImageId, String sourceRegion) {
        this.id = id;
        this.region = region;
        this.ownerId = ownerId;
        this.ownerAlias = ownerAlias;
        this.name = name;
        this.description = description;
        this.creationDate = creationDate;
        this.sourceInstanceId = sourceInstanceId;
        this.sourceImageId = sourceImageId;
        this.sourceRegion = sourceRegion;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "image";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String region() {
        return region;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** pending, available, failed, deregistered. */
    public String state() {
        return state;
    }

    public String ownerId() {
        return ownerId;
    }

    public Instant creationDate() {
        return creationDate;
    }

    public Instant deprecationTime() {
        return deprecationTime;
    }

    public boolean deprecatedAt(Instant now) {
        return deprecationTime != null && !now.isBefore(deprecationTime);
    }

    public String sourceImageId() {
        return sourceImageId;
    }

    public String sourceRegion() {
        return sourceRegion;
    }

    public String sourceInstanceId() {
        return sourceInstanceId;
    }

    public List<Device> devices() {
        return List.copyOf(devices);
    }

    public List<String> snapshotIds() {
        return devices.stream().map(Device::snapshotId).toList();
    }

    public Set<String> launchPermissionUsers() {
        return Set.copyOf(launchPermissionUsers);
    }

    public boolean isPublic() {
        return isPublic;
    }

    public boolean unhealthy() {
        return unhealthy;
    }

    public void unhealthy(boolean value) {
        unhealthy = value;
    }
}
