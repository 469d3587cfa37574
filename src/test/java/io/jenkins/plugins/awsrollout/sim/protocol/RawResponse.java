package io.jenkins.plugins.awsrollout.sim.protocol;

import java.util.Map;

/** A response a {@link RawHandler} sends back as is. */
public record RawResponse(int status, Map<String, String> headers, byte[] body) {}
