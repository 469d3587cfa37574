package io.jenkins.plugins.awsrollout.sim.codedeploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One instance of a deployment: its status and lifecycle events. */
public final class DeploymentTarget {
    final String instanceId;
    /** {@code Blue} or {@code Green} in a blue/green deployment, else null. */
    final String label;
    final List<LifecycleEventRun> events = new ArrayList<>();
    String status = "Pending";
    Instant lastUpdatedAt;

    DeploymentTarget(String instanceId, String label, List<String> eventNames, Instant now) {
        this.instanceId = instanceId;
        this.label = label;
        this.lastUpdatedAt = now;
        for (String name : eventNames) {
            events.add(new LifecycleEventRun(name));
        }
    }

    public String instanceId() {
        return instanceId;
    }

    public String label() {
        return label;
    }

    public String status() {
        return status;
    }

    public List<LifecycleEventRun> events() {
        return List.copyOf(events);
    }

    /** The event of that name, or null. */
    public LifecycleEventRun event(String name) {
        return events.stream().filter(e -> e.name.equals(name)).findFirst().orElse(null);
    }

    boolean done() {
        return status.equals("Succeeded") || status.equals("Failed") || status.equals("Skipped");
    }

    void status(String value, Instant now) {
        status = value;
        lastUpdatedAt = now;
    }

    /** Marks every event not yet run as Skipped. */
    void skipRemaining() {
        for (LifecycleEventRun event : events) {
            if (event.status.equals("Pending")) {
                event.skip();
            }
        }
    }
}
