package io.jenkins.plugins.awsrollout.sim.ec2;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** An EBS snapshot; its progress grows linearly from start to completion. */
public final class Snapshot implements Tagged {
    final String id;
    final String region;
    final String volumeId;
    final int volumeSize;
    final String description;
    final String ownerId;
    final Instant startTime;
    final Instant completeAt;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Set<String> createVolumeUsers = new LinkedHashSet<>();
    boolean createVolumePublic;
    String state = "pending";
    /** The KMS key ARN the snapshot is encrypted with; null: not encrypted. */
    String kmsKeyId;

    Snapshot(String id, String region, String volumeId, int volumeSize, String description, String ownerId, Instant startTime,
            Instant completeAt) {
        this.id = id;
        this.region = region;
        this.volumeId = volumeId;
        this.volumeSize = volumeSize;
        this.description = description;
        this.ownerId = ownerId;
        this.startTime = startTime;
        this.completeAt = completeAt;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "snapshot";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    /** pending, completed, error. */
    public String state() {
        return state;
    }

    public String volumeId() {
        return volumeId;
    }

    public int volumeSize() {
        return volumeSize;
    }

    public String description() {
        return description;
    }

    public Instant startTime() {
        return startTime;
    }

    /** Progress as EC2 reports it, e.g. {@code 42%}. */
    public String progress(Instant now) {
        if (state.equals("completed")) {
            return "100%";
        }
        long total = Duration.between(startTime, completeAt).toMillis();
        long done = Duration.between(startTime, now).toMillis();
        long percent = total <= 0 ? 99 : Math.max(0, Math.min(99, done * 100 / total));
        return percent + "%";
    }

    public Set<String> createVolumeUsers() {
        return Set.copyOf(createVolumeUsers);
    }
}
