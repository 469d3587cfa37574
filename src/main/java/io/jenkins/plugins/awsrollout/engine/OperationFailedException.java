package io.jenkins.plugins.awsrollout.engine;

/**
 * An expected failure: bad input, a precondition AWS says is not met, a resource in the wrong state. The message
 * is one actionable sentence naming the resource (and, for bad input, the field and the value); the build shows
 * it without a stack trace.
 */
public class OperationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OperationFailedException(String message) {
        super(message);
    }

    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Bad input, as the requests name it: {@code Invalid onAbort: 'ignore' must be 'stop' or 'leave'.} */
    public static OperationFailedException invalid(String field, String value, String problem) {
        return new OperationFailedException("Invalid " + field + ": '" + value + "' " + problem + ".");
    }
}
