package io.jenkins.plugins.awsrollout.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timeline record: bounded whatever the run, dips never lost, serializable, rosters end the lanes of gone members. */
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void capacitySamples_stayBounded_andKeepTheLowestHealthyPoint() {
        Timeline timeline = new Timeline("Rollout of Auto Scaling group web", "us-east-1", T0);
        Random random = new Random(7);
        int lowest = Integer.MAX_VALUE;
        for (int i = 0; i < 50_000; i++) {
            int healthy = 6 + random.nextInt(4);
            if (i == 31_337) {
                healthy = 5; // one dip, deep in a long run
            }
            lowest = Math.min(lowest, healthy);
            timeline.add(TimelineEvent.capacity(T0.plusSeconds(i * 15L), 9, 9, healthy, 5, 12));
            assertThat(timeline.samples()).hasSizeLessThanOrEqualTo(Timeline.MAX_SAMPLES);
        }
        assertThat(timeline.samples().stream().mapToInt(TimelineEvent::healthy).min().orElseThrow()).isEqualTo(lowest);
        assertThat(timeline.samples()).isSortedAccordingTo((a, b) -> Long.compare(a.at(), b.at()));
    }

    @Test
    void repeatedSamplesAndStates_areNotKept() {
        Timeline timeline = new Timeline("t", "us-east-1", T0);
        for (int i = 0; i < 100; i++) {
            timeline.add(TimelineEvent.capacity(T0.plusSeconds(i), 3, 3, 3, 3, 4));
            timeline.add(TimelineEvent.state(T0.plusSeconds(i), "i-1", "healthy"));
            timeline.add(TimelineEvent.band(T0.plusSeconds(i), "batch 1"));
        }
        assertThat(timeline.samples()).hasSize(1);
        assertThat(timeline.events()).hasSize(2);
        assertThat(timeline.dropped()).isZero();
    }

    @Test
    void events_stayBounded_marksAndPhasesKeepTheirReserve_andDropsAreCounted() throws Exception {
        Timeline timeline = new Timeline("t", "us-east-1", T0);
        for (int i = 0; i < 20_000; i++) {
            timeline.add(TimelineEvent.state(T0.plusSeconds(i), "i-" + (i % 200), (i / 200) % 2 == 0 ? "Pending" : "InService"));
        }
        timeline.add(TimelineEvent.mark(T0.plusSeconds(20_001), "ROLLBACK: batch 3 failed"));
        timeline.add(TimelineEvent.state(T0.plusSeconds(20_002), Timeline.PHASE_LANE, "ROLLBACK"));
        assertThat(timeline.events()).hasSizeLessThanOrEqualTo(Timeline.MAX_EVENTS + Timeline.MAX_RESERVED);
        assertThat(timeline.events().stream().map(TimelineEvent::lane).filter(l -> l != null && l.startsWith("i-")).distinct().count())
                .isEqualTo(Timeline.MAX_LANES);
        assertThat(timeline.events()).extracting(TimelineEvent::label).contains("ROLLBACK: batch 3 failed", "ROLLBACK");
        assertThat(timeline.events()).hasSize(Timeline.MAX_EVENTS + 2);
        // every change of the 140 lanes over the bound, and the later changes of the others
        assertThat(timeline.dropped()).isBetween(14_000, 20_000 - Timeline.MAX_EVENTS);
        // the bound of the serialized record, with every label at its longest
        Timeline full = new Timeline("t", "us-east-1", T0);
        String longText = "x".repeat(500);
        for (int i = 0; i < 5_000; i++) {
            full.add(TimelineEvent.capacity(T0.plusSeconds(i), i, i, i, i, i));
            full.add(TimelineEvent.state(T0.plusSeconds(i), longText + (i % 50), longText + i));
            full.add(TimelineEvent.mark(T0.plusSeconds(i), longText + i));
        }
        assertThat(serialize(full).length).isLessThan(400_000);
    }

    @Test
    void roster_endsTheLaneOfAMemberThatLeft() {
        Timeline timeline = new Timeline("t", "us-east-1", T0);
        Map<String, String> first = new LinkedHashMap<>();
        first.put("i-old", "healthy");
        first.put("i-new", "Pending");
        timeline.add(TimelineEvent.roster(T0, "web", first));
        timeline.add(TimelineEvent.roster(T0.plusSeconds(60), "web", Map.of("i-new", "healthy")));
        assertThat(timeline.events()).extracting(e -> e.lane() + "=" + e.label())
                .containsExactly("i-old=healthy", "i-new=Pending", "i-old=gone", "i-new=healthy");
    }

    @Test
    void survivesSerialization_asTheDriverSavesIt() throws Exception {
        Timeline timeline = new Timeline("t", "eu-west-1", T0);
        timeline.add(TimelineEvent.capacity(T0, 2, 2, 2, 2, 3));
        timeline.add(TimelineEvent.mark(T0.plusSeconds(5), "CHECKPOINT: 50%"));
        timeline.end(T0.plusSeconds(9), "SUCCESS", null, Map.of("amiId", "ami-0123456789abcdef0"));
        Timeline back = (Timeline) new ObjectInputStream(new ByteArrayInputStream(serialize(timeline))).readObject();
        assertThat(back.id()).isEqualTo(timeline.id());
        assertThat(back.samples()).hasSize(1);
        assertThat(back.events()).extracting(TimelineEvent::label).containsExactly("CHECKPOINT: 50%");
        assertThat(back.summary()).containsEntry("amiId", "ami-0123456789abcdef0");
        assertThat(back.snapshot().id()).isEqualTo(timeline.id());
    }

    private static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
