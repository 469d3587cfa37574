package io.jenkins.plugins.awsrollout.sim.protocol;

import java.util.Map;

/**
 * Who called what, where: the metadata of one request, handed to every handler.
 *
 * @param service the service name used in the call log and faults ({@code ec2}, {@code autoscaling},
 *     {@code elb}, {@code elbv2}, {@code sts}, ...)
 * @param action the operation name ({@code RunInstances})
 * @param region the region from the {@code Authorization} credential scope
 * @param accessKeyId the access key id from the credential scope
 * @param requestId the id echoed in the response
 * @param params the flat wire parameters
 */
public record RequestContext(
        String service,
        String action,
        String region,
        String accessKeyId,
        String requestId,
        Map<String, String> params) {}
