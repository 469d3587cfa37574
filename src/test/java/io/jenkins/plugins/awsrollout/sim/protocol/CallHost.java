package io.jenkins.plugins.awsrollout.sim.protocol;

import java.util.function.Supplier;

/**
 * What the HTTP layer needs from the world around it: run one call (under the world's lock,
 * after advancing simulated time, checking credentials and applying injected faults) and
 * record its outcome.
 */
public interface CallHost {

    /**
     * Runs one call.
     *
     * @param errors how this service reports throttling, server faults and expired credentials
     * @throws SimError when the call fails, including injected faults
     */
    <T> T run(RequestContext context, ServiceErrors errors, Supplier<T> work);

    /** Records a finished call: {@code outcome} is {@code OK} or the error code. */
    void record(RequestContext context, String outcome, int httpStatus);
}
