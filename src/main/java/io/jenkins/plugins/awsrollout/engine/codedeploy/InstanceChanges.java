package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The progress lines for instances between two polls: for each instance whose status or lifecycle events changed,
 * {@code i-0abc InProgress: BeforeInstall Succeeded, Install InProgress}. Events still Pending are not news.
 */
final class InstanceChanges {

    private InstanceChanges() {}

    static List<String> lines(Map<String, InstanceProgress> before, Collection<InstanceProgress> now) {
        List<String> lines = new ArrayList<>();
        for (InstanceProgress current : now.stream().sorted(Comparator.comparing(InstanceProgress::id)).toList()) {
            InstanceProgress previous = before.get(current.id());
            List<String> changed = changedEvents(previous, current);
            boolean statusChanged = previous == null ? !"Pending".equals(current.status())
                    : !previous.status().equals(current.status());
            if (changed.isEmpty() && !statusChanged) {
                continue;
            }
            String name = current.label() == null ? current.id() : current.id() + " (" + current.label() + ")";
            lines.add(name + " " + current.status() + (changed.isEmpty() ? "" : ": " + String.join(", ", changed)));
        }
        return lines;
    }

    private static List<String> changedEvents(InstanceProgress previous, InstanceProgress current) {
        List<String> changed = new ArrayList<>();
        for (InstanceProgress.Event event : current.events()) {
            String was = previous == null ? "Pending" : previous.events().stream()
                    .filter(e -> e.name().equals(event.name()))
                    .map(InstanceProgress.Event::status)
                    .findFirst()
                    .orElse("Pending");
            if (!Objects.equals(was, event.status())) {
                changed.add(event.name() + " " + event.status());
            }
        }
        return changed;
    }
}
