package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;

/**
 * How the SDK retries each call before the operation sees an error.
 *
 * @param adaptive the SDK's adaptive mode (client-side rate limiting on throttling) instead of standard
 * @param maxAttempts attempts per call, including the first
 * @param fixedBackoff a fixed delay between attempts instead of the SDK's exponential backoff; only benchmarks and
 *     tests set it, so that throttling on a virtual clock does not sleep in real time
 */
public record RetrySettings(boolean adaptive, int maxAttempts, @CheckForNull Duration fixedBackoff) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    public static RetrySettings standard(int maxAttempts) {
        return new RetrySettings(false, maxAttempts, null);
    }
}
