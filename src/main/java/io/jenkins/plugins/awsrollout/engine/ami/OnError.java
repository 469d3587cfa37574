package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.util.Locale;

/** What a failed bake leaves behind (Packer's {@code -on-error}). */
public enum OnError {
    /** Terminate the builder and delete everything the bake made (the default). */
    CLEANUP,
    /**
     * Leave the builder instance (and its temporary security group) running for debugging; the AMIs being made are
     * still deregistered. A stopped build always cleans up.
     */
    KEEP;

    public static OnError of(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "cleanup" -> CLEANUP;
            case "keep" -> KEEP;
            default -> throw new OperationFailedException("Invalid onError '" + value + "': use cleanup or keep.");
        };
    }
}
