package io.jenkins.plugins.awsrollout.sim;

import java.time.Instant;
import java.util.Map;

/**
 * One request the simulator answered.
 *
 * @param sequence position in the log, from 1
 * @param service {@code ec2}, {@code autoscaling}, {@code elb} (classic), {@code elbv2}, {@code sts}, ...
 * @param action the operation, e.g. {@code DescribeInstances}
 * @param params the wire parameters as sent (form fields; JSON members flattened to dotted paths)
 * @param region the region of the request's credential scope
 * @param accessKeyId the caller's access key id
 * @param time simulated time when the call was answered
 * @param outcome {@code OK}, or the error code returned (including injected {@code Throttling},
 *     {@code RequestLimitExceeded}, {@code ThrottlingException})
 * @param httpStatus the HTTP status returned
 * @param callerArn who the access key is, as GetCallerIdentity would answer: a user ARN, or for credentials from
 *     AssumeRole {@code arn:aws:sts::<account>:assumed-role/<role>/<session name>} (null for unsigned calls)
 */
public record Call(
        long sequence,
        String service,
        String action,
        Map<String, String> params,
        String region,
        String accessKeyId,
        Instant time,
        String outcome,
        int httpStatus,
        String callerArn) {

    public boolean ok() {
        return "OK".equals(outcome);
    }

    /** True for calls that may change state: anything but Describe*, List*, Get*, Head*. */
    public boolean mutating() {
        return !(action.startsWith("Describe") || action.startsWith("List") || action.startsWith("Get")
                || action.startsWith("Head") || action.startsWith("BatchGet"));
    }

    /** True when the call was refused by throttling, injected or not. */
    public boolean throttled() {
        return outcome.equals("Throttling") || outcome.equals("RequestLimitExceeded")
                || outcome.equals("ThrottlingException") || outcome.equals("SlowDown");
    }

    /** The assumed-role session that signed this call, or null when long-term keys did. */
    public String roleSessionName() {
        if (callerArn == null || !callerArn.contains(":assumed-role/")) {
            return null;
        }
        return callerArn.substring(callerArn.lastIndexOf('/') + 1);
    }

    public String param(String name) {
        return params.get(name);
    }
}
