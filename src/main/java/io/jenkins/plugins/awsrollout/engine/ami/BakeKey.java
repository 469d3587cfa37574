package io.jenkins.plugins.awsrollout.engine.ami;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two bakes produce the same image, as a short hash (Spinnaker's bake key): the source AMI, the
 * provisioning script or commands, and the options that change the image's contents (instance type, root volume,
 * encryption, instance profile, IMDS support). Names, tags, regions and sharing are left out: they change where the
 * image goes and how it is labelled, not what is in it. An available AMI carrying the same key is reused by
 * {@code skipIfUnchanged}.
 */
public final class BakeKey {

    /** Bump when the wrapper script or the inputs change meaning, so old keys stop matching. */
    static final String VERSION = "bake-key-v1";
    static final int LENGTH = 32;

    private BakeKey() {}

    /** The key of {@code request} baked from {@code sourceAmiId}. */
    public static String of(BakeRequest request, String sourceAmiId) {
        return hash(List.of(
                VERSION,
                "source=" + sourceAmiId,
                "instanceType=" + request.instanceType(),
                "rootVolumeSize=" + request.rootVolumeSize(),
                "encrypted=" + request.encrypted(),
                "kmsKeyId=" + nullToEmpty(request.kmsKeyId()),
                "iamInstanceProfile=" + nullToEmpty(request.iamInstanceProfile()),
                "imdsSupport=" + nullToEmpty(request.imdsSupport()),
                "userData=" + nullToEmpty(request.userData()),
                "ssmCommands=" + String.join("\u0000", request.ssmCommands())));
    }

    static String hash(List<String> parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so that moving text from one part to the next changes the key.
                sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha256.update((byte) ':');
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest()).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
