package io.jenkins.plugins.awsrollout.sim.ec2;

import java.util.LinkedHashMap;
import java.util.Map;

/** An EC2 key pair (only its name, id and fingerprint; the key material is fake). */
public final class KeyPair implements Tagged {
    final String id;
    final String name;
    final String fingerprint;
    final Map<String, String> tags = new LinkedHashMap<>();

    KeyPair(String id, String name, String fingerprint) {
        this.id = id;
        this.name = name;
        this.fingerprint = fingerprint;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "key-pair";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String name() {
        return name;
    }
}
