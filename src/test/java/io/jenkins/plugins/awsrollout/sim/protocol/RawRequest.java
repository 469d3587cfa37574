package io.jenkins.plugins.awsrollout.sim.protocol;

import java.util.List;
import java.util.Map;

/**
 * A request as it came over HTTP.
 *
 * @param method HTTP method
 * @param path the decoded path, e.g. {@code /bucket/key}
 * @param query decoded query parameters (first value of each)
 * @param headers request headers, keys lower-cased
 * @param body the body bytes
 */
public record RawRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers, byte[] body) {

    /** First value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
