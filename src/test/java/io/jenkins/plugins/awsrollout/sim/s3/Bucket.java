package io.jenkins.plugins.awsrollout.sim.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A bucket: its region, whether it keeps versions, and every version of every key (newest last). */
public final class Bucket {
    final String name;
    final String region;
    final Instant created;
    boolean versioned;
    final Map<String, List<S3Object>> objects = new TreeMap<>();

    Bucket(String name, String region, Instant created, boolean versioned) {
        this.name = name;
        this.region = region;
        this.created = created;
        this.versioned = versioned;
    }

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    public boolean versioned() {
        return versioned;
    }

    /** The current version of a key, or null. */
    public S3Object latest(String key) {
        List<S3Object> versions = objects.get(key);
        return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    /** A given version of a key ({@code null} or {@code "null"} for the unversioned one), or null. */
    public S3Object version(String key, String versionId) {
        List<S3Object> versions = objects.get(key);
        if (versions == null) {
            return null;
        }
        for (S3Object object : versions) {
            String id = object.versionId() == null ? "null" : object.versionId();
            if (id.equals(versionId)) {
                return object;
            }
        }
        return null;
    }

    /** Stores a new current version; an unversioned bucket keeps only it. */
    void put(S3Object object) {
        List<S3Object> versions = objects.computeIfAbsent(object.key(), k -> new ArrayList<>());
        if (!versioned || object.versionId() == null) {
            versions.removeIf(v -> v.versionId() == null);
        }
        versions.add(object);
    }

    /** Removes every version of a key (the simulator does not model delete markers). */
    void delete(String key) {
        objects.remove(key);
    }

    /** Current keys, sorted. */
    public List<String> keys() {
        return List.copyOf(objects.keySet());
    }
}
