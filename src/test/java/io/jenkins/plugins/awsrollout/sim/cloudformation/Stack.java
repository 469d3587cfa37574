package io.jenkins.plugins.awsrollout.sim.cloudformation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/** A stack: its template and parameters in force, its resources, events and outputs, and the operation under way. */
public final class Stack {
    final String name;
    final String id;
    final Instant created;
    Instant lastUpdated;
    Instant deleted;
    String status;
    String reason;
    Template template;
    Map<String, Object> parameters = new LinkedHashMap<>();
    Set<String> noEcho = new LinkedHashSet<>();
    Map<String, String> tags = new LinkedHashMap<>();
    List<String> capabilities = new ArrayList<>();
    String roleArn;
    List<String> notificationArns = new ArrayList<>();
    Integer timeoutMinutes;
    boolean terminationProtection;
    boolean disableRollback;
    String changeSetId;
    final Map<String, LiveResource> resources = new LinkedHashMap<>();
    /** Oldest first; DescribeStackEvents answers newest first. */
    final List<StackEvent> events = new ArrayList<>();
    final Map<String, String> outputs = new LinkedHashMap<>();
    final Map<String, String> outputExports = new LinkedHashMap<>();
    final Map<String, String> outputDescriptions = new LinkedHashMap<>();
    StackRun run;
    /** The last operation, which ContinueUpdateRollback resumes. */
    StackRun lastRun;

    Stack(String name, String id, Instant created) {
        this.name = name;
        this.id = id;
        this.created = created;
    }

    public String name() {
        return name;
    }

    public String id() {
        return id;
    }

    public String status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Map<String, LiveResource> resources() {
        return Map.copyOf(resources);
    }

    public Map<String, String> outputs() {
        return Map.copyOf(outputs);
    }

    public List<StackEvent> events() {
        return List.copyOf(events);
    }

    public Map<String, Object> parameters() {
        return Map.copyOf(parameters);
    }

    boolean inProgress() {
        return status.endsWith("_IN_PROGRESS") && !status.equals("REVIEW_IN_PROGRESS");
    }
}
