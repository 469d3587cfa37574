package io.jenkins.plugins.awsrollout.sim.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/** A security group. */
public final class SecurityGroup implements Tagged {
    final String id;
    final String name;
    final String description;
    final String vpcId;
    final List<IpPermission> ingress = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();

    SecurityGroup(String id, String name, String description, String vpcId) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.vpcId = vpcId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "security-group";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String name() {
        return name;
    }

    public String vpcId() {
        return vpcId;
    }

    public List<IpPermission> ingress() {
        return List.copyOf(ingress);
    }
}
