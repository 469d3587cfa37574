package io.jenkins.plugins.awsrollout.sim.elb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancing.model.HealthCheck;
import software.amazon.awssdk.services.elasticloadbalancing.model.Listener;

/** A classic load balancer; deregistered instances leave at once unless connection draining is enabled. */
public final class ClassicLoadBalancer extends HealthCheckedPool {
    final String name;
    final String dnsName;
    final Instant createdAt;
    final List<Listener> listeners = new ArrayList<>();
    final List<String> availabilityZones = new ArrayList<>();
    final List<String> subnets = new ArrayList<>();
    final List<String> securityGroups = new ArrayList<>();
    final String scheme;
    HealthCheck healthCheck;
    /** ModifyLoadBalancerAttributes' ConnectionDraining: off by default through the API, as in AWS. */
    boolean connectionDraining;
    int connectionDrainingTimeout = 300;
    boolean crossZone;
    int idleTimeout = 60;

    ClassicLoadBalancer(String name, String dnsName, Instant createdAt, String scheme) {
        this.name = name;
        this.dnsName = dnsName;
        this.createdAt = createdAt;
        this.scheme = scheme;
        this.healthCheck = HealthCheck.builder().target("TCP:80").interval(30).timeout(5).unhealthyThreshold(2)
                .healthyThreshold(10).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration drainDelay() {
        return connectionDraining ? Duration.ofSeconds(connectionDrainingTimeout) : Duration.ZERO;
    }

    @Override
    public boolean inUse() {
        return true;
    }
}
