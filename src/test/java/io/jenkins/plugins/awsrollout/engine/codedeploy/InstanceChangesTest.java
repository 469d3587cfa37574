package io.jenkins.plugins.awsrollout.engine.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceChangesTest {

    private static InstanceProgress instance(String id, String status, String... events) {
        List<InstanceProgress.Event> list = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < events.length; i += 2) {
            list.add(new InstanceProgress.Event(events[i], events[i + 1]));
        }
        return new InstanceProgress(id, null, status, list);
    }

    @Test
    void lines_firstSight_reportsOnlyInstancesThatStarted() {
        List<String> lines = InstanceChanges.lines(Map.of(), List.of(
                instance("i-2", "InProgress", "ApplicationStop", "Succeeded", "DownloadBundle", "InProgress", "Install", "Pending"),
                instance("i-1", "Pending", "ApplicationStop", "Pending")));

        assertThat(lines).containsExactly("i-2 InProgress: ApplicationStop Succeeded, DownloadBundle InProgress");
    }

    @Test
    void lines_reportOnlyWhatChangedSinceTheLastPoll() {
        InstanceProgress before = instance("i-1", "InProgress", "Install", "InProgress", "ValidateService", "Pending");
        InstanceProgress same = instance("i-2", "InProgress", "Install", "InProgress");

        List<String> lines = InstanceChanges.lines(Map.of("i-1", before, "i-2", same), List.of(
                instance("i-1", "Failed", "Install", "Succeeded", "ValidateService", "Failed"), same));

        assertThat(lines).containsExactly("i-1 Failed: Install Succeeded, ValidateService Failed");
    }

    @Test
    void lines_statusChangeAlone_andLabelsAreShown() {
        InstanceProgress before = new InstanceProgress("i-9", "Green", "InProgress", List.of());
        InstanceProgress after = new InstanceProgress("i-9", "Green", "Ready", List.of());

        assertThat(InstanceChanges.lines(Map.of("i-9", before), List.of(after))).containsExactly("i-9 (Green) Ready");
    }
}
