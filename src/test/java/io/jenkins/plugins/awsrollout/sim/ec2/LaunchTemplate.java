package io.jenkins.plugins.awsrollout.sim.ec2;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/** A launch template and its numbered versions. */
public final class LaunchTemplate implements Tagged {
    /** One version: its data as DescribeLaunchTemplateVersions shows it. */
    public record Version(long number, String description, Instant createTime, ResponseLaunchTemplateData data) {}

    final String id;
    final String name;
    final Instant createTime;
    final String createdBy;
    final TreeMap<Long, Version> versions = new TreeMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    long defaultVersion = 1;

    LaunchTemplate(String id, String name, Instant createTime, String createdBy) {
        this.id = id;
        this.name = name;
        this.createTime = createTime;
        this.createdBy = createdBy;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "launch-template";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String name() {
        return name;
    }

    public long defaultVersion() {
        return defaultVersion;
    }

    public long latestVersion() {
        return versions.lastKey();
    }

    public Version version(long number) {
        return versions.get(number);
    }

    /** Resolves {@code $Latest}, {@code $Default}, a number, or null (= default) to a version number; -1 if unknown. */
    public long resolve(String version) {
        if (version == null || version.isEmpty() || version.equals("$Default")) {
            return defaultVersion;
        }
        if (version.equals("$Latest")) {
            return latestVersion();
        }
        try {
            long n = Long.parseLong(version);
            return versions.containsKey(n) ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
