package io.jenkins.plugins.awsrollout.sim.protocol;

/**
 * A handler for requests that are neither JSON 1.1 nor form posts, e.g. S3's path-style
 * {@code PUT /bucket/key}. The first registered handler that accepts a request gets it.
 */
public interface RawHandler {

    /** Service name for the call log and faults, e.g. {@code s3}. */
    String service();

    boolean accepts(RawRequest request);

    /** The operation this request is, e.g. {@code PutObject}. */
    String action(RawRequest request);

    RawResponse handle(RawRequest request, RequestContext context);

    /** Renders an error the way this service does. */
    RawResponse error(SimError error, String requestId);

    /** How this service reports throttling, server faults and expired credentials. */
    ServiceErrors errors();
}
