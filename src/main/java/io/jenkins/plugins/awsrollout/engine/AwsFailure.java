package io.jenkins.plugins.awsrollout.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an exception from an AWS call means for a long operation, once the SDK's own retries are spent.
 *
 * @param kind how to react
 * @param sentence one sentence for the build log, naming the service, the error code and AWS's message
 */
public record AwsFailure(Kind kind, String sentence) {

    /** How the driver reacts. */
    public enum Kind {
        /** AWS asked us to slow down: back off and try again; never a reason to fail on its own. */
        THROTTLED,
        /** A 5xx, a timeout or a broken connection: back off and try again until the deadline. */
        TRANSIENT,
        /** AWS refused the request (validation, permissions, not found): the operation cannot go on. */
        REJECTED,
        /** Not an AWS error at all. */
        OTHER
    }

    public boolean retryable() {
        return kind == Kind.THROTTLED || kind == Kind.TRANSIENT;
    }

    /** Classifies {@code error} (or its first AWS cause). */
    public static AwsFailure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                return ofService(aws);
            }
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
                return new AwsFailure(Kind.TRANSIENT, "an AWS call timed out");
            }
            if (t instanceof SdkClientException && hasIoCause(t)) {
                return new AwsFailure(Kind.TRANSIENT, "could not reach AWS: " + rootMessage(t));
            }
            if (t instanceof SdkException sdk && sdk.retryable()) {
                return new AwsFailure(Kind.TRANSIENT, "AWS call failed: " + rootMessage(t));
            }
        }
        return new AwsFailure(Kind.OTHER, String.valueOf(error.getMessage()));
    }

    private static AwsFailure ofService(AwsServiceException aws) {
        String service = aws.awsErrorDetails() != null && aws.awsErrorDetails().serviceName() != null
                ? aws.awsErrorDetails().serviceName()
                : "AWS";
        String code = aws.awsErrorDetails() != null ? aws.awsErrorDetails().errorCode() : null;
        String message = aws.awsErrorDetails() != null ? aws.awsErrorDetails().errorMessage() : aws.getMessage();
        String sentence = service + " returned " + (code == null ? "an error" : code)
                + (message == null || message.isBlank() ? "" : ": " + message.strip());
        if (aws.isThrottlingException()) {
            return new AwsFailure(Kind.THROTTLED, sentence);
        }
        if (aws.statusCode() >= 500 || aws.retryable()) {
            return new AwsFailure(Kind.TRANSIENT, sentence);
        }
        return new AwsFailure(Kind.REJECTED, sentence);
    }

    private static boolean hasIoCause(Throwable t) {
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IOException || c instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
