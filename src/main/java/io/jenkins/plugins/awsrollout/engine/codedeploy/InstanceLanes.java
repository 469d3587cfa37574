package io.jenkins.plugins.awsrollout.engine.codedeploy;

import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import java.util.Collection;

/**
 * Each instance's lifecycle events for the timeline picture (issue #20), from the poll the tick made anyway: the lane
 * of an instance shows the event it is in (or the last one it ended with) and that event's status.
 */
final class InstanceLanes {

    private InstanceLanes() {}

    static void record(TickContext context, Collection<InstanceProgress> instances) {
        for (InstanceProgress instance : instances) {
            context.progress().record(TimelineEvent.state(context.now(), instance.label() == null ? instance.id()
                    : instance.id() + " " + instance.label(), state(instance)));
        }
    }

    /** {@code AfterInstall InProgress}; a finished instance shows its status with the event it ended in when it failed. */
    static String state(InstanceProgress instance) {
        InstanceProgress.Event last = null;
        for (InstanceProgress.Event event : instance.events()) {
            if (event.status().equals("InProgress") || event.status().equals("Failed")) {
                return event.name() + " " + event.status();
            }
            if (!event.status().equals("Pending")) {
                last = event;
            }
        }
        if (instance.isFinal() || last == null) {
            return instance.status();
        }
        return last.name() + " " + last.status();
    }
}
