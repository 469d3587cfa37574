package io.jenkins.plugins.awsrollout.sim.cloudformation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One resource of a stack as it stands: its physical id, status, the properties it was last made with. */
public final class LiveResource {
    final String logicalId;
    final String type;
    String physicalId;
    String status;
    String reason;
    Map<String, Object> properties = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    Instant updated;

    LiveResource(String logicalId, String type) {
        this.logicalId = logicalId;
        this.type = type;
    }

    LiveResource copy() {
        LiveResource copy = new LiveResource(logicalId, type);
        copy.physicalId = physicalId;
        copy.status = status;
        copy.reason = reason;
        copy.properties = new LinkedHashMap<>(properties);
        copy.attributes = new LinkedHashMap<>(attributes);
        copy.metadata = new LinkedHashMap<>(metadata);
        copy.updated = updated;
        return copy;
    }

    public String logicalId() {
        return logicalId;
    }

    public String type() {
        return type;
    }

    public String physicalId() {
        return physicalId;
    }

    public String status() {
        return status;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }
}
