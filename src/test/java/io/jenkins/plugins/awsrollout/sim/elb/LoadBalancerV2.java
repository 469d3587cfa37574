package io.jenkins.plugins.awsrollout.sim.elb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An application or network load balancer and its listeners. */
public final class LoadBalancerV2 {
    /** A listener forwarding to one target group. */
    record Listener(String arn, String protocol, int port, String targetGroupArn) {}

    final String arn;
    final String name;
    final String type;
    final String scheme;
    final String dnsName;
    final String vpcId;
    final Instant createdAt;
    final List<String> subnets = new ArrayList<>();
    final List<String> securityGroups = new ArrayList<>();
    final List<Listener> listeners = new ArrayList<>();
    final java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();

    LoadBalancerV2(String arn, String name, String type, String scheme, String dnsName, String vpcId, Instant createdAt) {
        this.arn = arn;
        this.name = name;
        this.type = type;
        this.scheme = scheme;
        this.dnsName = dnsName;
        this.vpcId = vpcId;
        this.createdAt = createdAt;
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }
}
