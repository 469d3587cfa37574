package io.jenkins.plugins.awsrollout.engine.codedeploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;

/**
 * What a deployment target looked like at the last poll: its status and each lifecycle event's status. Kept in the
 * cursor, so that only changes are logged, also across a restart.
 *
 * @param id the instance id
 * @param label {@code Blue} or {@code Green} for blue/green deployments, else null
 * @param status Pending, InProgress, Succeeded, Failed, Skipped, Unknown or Ready
 * @param events the lifecycle events in order
 */
public record InstanceProgress(String id, @CheckForNull String label, String status, List<Event> events)
        implements Serializable {

    private static final Set<String> FINAL = Set.of("Succeeded", "Failed", "Skipped");

    public InstanceProgress {
        events = List.copyOf(events);
    }

    static InstanceProgress of(InstanceTarget target) {
        return new InstanceProgress(
                target.targetId(),
                target.instanceLabelAsString(),
                String.valueOf(target.statusAsString()),
                target.lifecycleEvents().stream()
                        .map(e -> new Event(e.lifecycleEventName(), String.valueOf(e.statusAsString())))
                        .toList());
    }

    /** Whether the instance is done with this deployment (it will not change any more). */
    public boolean isFinal() {
        return FINAL.contains(status);
    }

    /**
     * One lifecycle event.
     *
     * @param name e.g. {@code ValidateService}
     * @param status Pending, InProgress, Succeeded, Failed, Skipped or Unknown
     */
    public record Event(String name, String status) implements Serializable {}
}
