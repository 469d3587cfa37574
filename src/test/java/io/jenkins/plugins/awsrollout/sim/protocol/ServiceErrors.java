package io.jenkins.plugins.awsrollout.sim.protocol;

/**
 * The errors a service answers for conditions the simulator's core decides before any handler
 * runs: throttling, injected server faults, expired temporary credentials.
 */
public record ServiceErrors(SimError throttling, SimError serverError, SimError expiredToken) {

    /** The errors of one wire protocol. */
    public static ServiceErrors of(WireProtocol protocol) {
        return new ServiceErrors(protocol.throttling(), protocol.serverError(), protocol.expiredToken());
    }
}
