package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.io.Serializable;

/**
 * A packed bundle, as it comes back from where the workspace is.
 *
 * @param content the archive bytes
 * @param bundleType {@code zip}, {@code tar} or {@code tgz}
 * @param files how many files it holds (0 when an existing archive was taken as it is)
 */
public record Bundle(byte[] content, String bundleType, int files) implements Serializable {

    private static final long serialVersionUID = 1L;

    public String sha256() {
        return Hashes.sha256(content);
    }

    /** The file name extension for the key. */
    public String extension() {
        return bundleType;
    }

    /** For log lines: {@code 12 files, 3.4 KB}. */
    public String summary() {
        String size = content.length < 1024 ? content.length + " bytes"
                : content.length < 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f KB", content.length / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MB", content.length / (1024.0 * 1024));
        return (files > 0 ? files + (files == 1 ? " file, " : " files, ") : "") + size;
    }
}
