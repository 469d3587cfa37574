package io.jenkins.plugins.awsrollout.sim.elb;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a target group and a classic load balancer share: registered instances, health checked. */
public abstract class HealthCheckedPool {
    final Map<String, Registration> registrations = new LinkedHashMap<>();

    /** How long deregistered instances drain. */
    public abstract Duration drainDelay();

    /** False when nothing sends traffic (a target group with no load balancer): targets are unused. */
    public abstract boolean inUse();

    /** The name used in capacity and state views. */
    public abstract String name();

    public Map<String, Registration> registrations() {
        return registrations;
    }

    /** True when the instance is registered (not draining) and healthy. */
    public boolean healthy(String instanceId) {
        Registration r = registrations.get(instanceId);
        return r != null && r.phase == Registration.Phase.HEALTHY && inUse();
    }

    /** True when the instance is registered and has failed its health checks. */
    public boolean unhealthy(String instanceId) {
        Registration r = registrations.get(instanceId);
        return r != null && r.phase == Registration.Phase.UNHEALTHY;
    }
}
