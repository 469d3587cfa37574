package io.jenkins.plugins.awsrollout.sim.protocol;

/**
 * An AWS error as a service returns it: an HTTP status, the wire error code and a message.
 * Handlers throw it; the service's {@link WireProtocol} renders it in that service's error envelope.
 */
public final class SimError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public SimError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A caller error (HTTP 400), the common case. */
    public static SimError client(String code, String message) {
        return new SimError(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
