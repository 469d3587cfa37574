package io.jenkins.plugins.awsrollout.sim.elb;

import java.time.Instant;

/**
 * One instance registered with one target group or classic load balancer, and where its health
 * checks stand.
 */
public final class Registration {
    /** Where a registration is in its life. */
    public enum Phase {
        /** Registered, waiting for the instance to run and the registration to settle. */
        REGISTERING,
        /** Running; initial health checks under way. */
        CHECKING,
        HEALTHY,
        UNHEALTHY,
        /** The instance is stopped or stopping. */
        STOPPED,
        /** Deregistered; connections drain until {@link #drainUntil}. */
        DRAINING
    }

    final String instanceId;
    final int port;
    final String availabilityZone;
    final Instant registeredAt;
    Phase phase = Phase.REGISTERING;
    Instant drainUntil;
    int epoch;
    boolean timerPending;

    Registration(String instanceId, int port, String availabilityZone, Instant registeredAt) {
        this.instanceId = instanceId;
        this.port = port;
        this.availabilityZone = availabilityZone;
        this.registeredAt = registeredAt;
    }

    public String instanceId() {
        return instanceId;
    }

    public Phase phase() {
        return phase;
    }
}
