package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshProgressTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static RefreshProgress started() {
        return RefreshProgress.requested(START).started("r-1");
    }

    @Test
    void earliestEnd_isUnknownUntilThePercentageHasGrown() {
        RefreshProgress progress = started().seen("InProgress", 0, 10, START.plusSeconds(30), START)
                .seen("InProgress", 0, 10, START.plusSeconds(60), START);

        assertThat(progress.earliestEnd(START)).isNull();
    }

    @Test
    void earliestEnd_comesFromTheLastPollBeforeEachChange() {
        // 10% came after the poll at 80 s: at least 8 s per percent, so 100% no sooner than 800 s.
        RefreshProgress progress = started().seen("InProgress", 0, 10, START.plusSeconds(80), START)
                .seen("InProgress", 10, 9, START.plusSeconds(95), START);
        assertThat(progress.earliestEnd(START)).isEqualTo(START.plusSeconds(800));

        // 20% came after the poll at 178 s: at least 8.9 s per percent.
        progress = progress.seen("InProgress", 10, 9, START.plusSeconds(178), START).seen("InProgress", 20, 8, START.plusSeconds(185), START);
        assertThat(progress.earliestEnd(START)).isEqualTo(START.plusSeconds(890));

        // A poll without a change teaches nothing; a looser bound never lowers a tighter one.
        assertThat(progress.seen("InProgress", 20, 8, START.plusSeconds(200), START).earliestEnd(START)).isEqualTo(START.plusSeconds(890));
        assertThat(progress.seen("InProgress", 20, 8, START.plusSeconds(200), START).seen("InProgress", 40, 6, START.plusSeconds(210), START)
                .earliestEnd(START)).isEqualTo(START.plusSeconds(890));
    }

    @Test
    void earliestEnd_withoutAStartTime_isUnknown() {
        RefreshProgress progress = started().seen("InProgress", 0, 10, START.plusSeconds(80), null)
                .seen("InProgress", 10, 9, START.plusSeconds(95), null);

        assertThat(progress.earliestEnd(null)).isNull();
    }
}
