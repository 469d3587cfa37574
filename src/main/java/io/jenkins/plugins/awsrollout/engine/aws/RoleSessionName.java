package io.jenkins.plugins.awsrollout.engine.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * STS role session names that say which build assumed the role, within STS's rules: 2 to 64 characters of
 * {@code [\w+=,.@-]}. CloudTrail shows the name, so an auditor can go from an API call to the Jenkins build.
 *
 * <p>Sanitising and shortening make different builds collide ({@code team-a/deploy} and {@code team/a-deploy} both
 * read {@code team-a-deploy}), so {@link #forBuild} adds a short hash of the build's full id: the name stays
 * readable and is unique per build.
 */
public final class RoleSessionName {

    static final int MAX_LENGTH = 64;

    private RoleSessionName() {}

    /** Hex digits of the build id's hash in {@link #forBuild}: 40 bits, so two builds practically never share one. */
    static final int HASH_LENGTH = 10;

    /**
     * {@code jenkins-<job>-<build>-<hash>}: readable, with the job name shortened from the left when too long, and a
     * hash of {@code buildId} (the build's full id, e.g. {@code team-a/deploy#7}) that makes it unique per build.
     */
    public static String forBuild(String buildId, String jobName, String buildNumber) {
        return build(jobName, buildNumber, "-" + hash(buildId));
    }

    /** {@code jenkins-<job>-<build>}, with the job name shortened from the left when too long. */
    public static String of(String jobName, String buildNumber) {
        return build(jobName, buildNumber, "");
    }

    private static String build(String jobName, String buildNumber, String hashSuffix) {
        String suffix = "-" + sanitise(buildNumber.isBlank() ? "0" : buildNumber) + hashSuffix;
        String job = sanitise(jobName.isBlank() ? "job" : jobName);
        String prefix = "jenkins-";
        if (suffix.length() > MAX_LENGTH - prefix.length() - 1) {
            // Only a nonsense build number is this long: keep its end and the hash.
            suffix = "-" + suffix.substring(suffix.length() - (MAX_LENGTH - prefix.length() - 2));
        }
        int room = MAX_LENGTH - prefix.length() - suffix.length();
        if (job.length() > room) {
            // The end of a folder path is the most specific part.
            job = job.substring(job.length() - room);
        }
        return prefix + job + suffix;
    }

    static String hash(String buildId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(buildId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String sanitise(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || "_+=,.@-".indexOf(c) >= 0);
            out.append(allowed ? c : '-');
        }
        return out.toString();
    }
}
