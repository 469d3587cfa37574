package io.jenkins.plugins.awsrollout.sim.protocol;

import java.util.Map;

/**
 * One decoded request: the form parameters (EC2/query) or the raw JSON body (JSON 1.1), and
 * a flat view of its parameters for the call log.
 *
 * @param params flat parameters: form fields as sent, or JSON members flattened to dotted paths
 * @param body the raw body (JSON protocols read it; form protocols have parsed it into params)
 */
public record WireRequest(Map<String, String> params, byte[] body) {}
