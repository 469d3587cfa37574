package io.jenkins.plugins.awsrollout.sim.elb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ELBv2 target group with instance targets. */
public final class TargetGroup extends HealthCheckedPool {
    final String arn;
    final String name;
    final String protocol;
    final int port;
    final String vpcId;
    final String healthCheckPath;
    final Instant createdAt;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<String> loadBalancerArns = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    /** {@code instance} or {@code ip}: an IP target is the instance holding that private address, registered under its id. */
    String targetType = "instance";
    /** IP target groups: instance id to the IP address it was registered by. */
    final Map<String, String> ipByInstance = new LinkedHashMap<>();

    TargetGroup(String arn, String name, String protocol, int port, String vpcId, String healthCheckPath, Instant createdAt) {
        this.arn = arn;
        this.name = name;
        this.protocol = protocol;
        this.port = port;
        this.vpcId = vpcId;
        this.healthCheckPath = healthCheckPath;
        this.createdAt = createdAt;
        attributes.put("deregistration_delay.timeout_seconds", "300");
        attributes.put("stickiness.enabled", "false");
        attributes.put("stickiness.type", "lb_cookie");
        attributes.put("load_balancing.algorithm.type", "round_robin");
        attributes.put("slow_start.duration_seconds", "0");
        attributes.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
    }

    public String arn() {
        return arn;
    }

    @Override
    public String name() {
        return name;
    }

    /** The port targets are registered on unless they name another. */
    public int port() {
        return port;
    }

    public List<String> loadBalancerArns() {
        return List.copyOf(loadBalancerArns);
    }

    public String targetType() {
        return targetType;
    }

    /** The id a client sees for a registration: the instance id, or the IP address it was registered by. */
    String targetId(String instanceId) {
        return ipByInstance.getOrDefault(instanceId, instanceId);
    }

    @Override
    public Duration drainDelay() {
        return Duration.ofSeconds(Long.parseLong(attributes.get("deregistration_delay.timeout_seconds")));
    }

    @Override
    public boolean inUse() {
        return !loadBalancerArns.isEmpty();
    }
}
