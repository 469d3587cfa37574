package io.jenkins.plugins.awsrollout.engine.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.ami.Retention.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static Candidate ami(String id, int day) {
        return new Candidate(id, "web-" + day, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(day * 86_400L),
                List.of("snap-" + id));
    }

    private static final List<Candidate> FIVE = List.of(ami("ami-3", 3), ami("ami-1", 1), ami("ami-5", 5), ami("ami-2", 2),
            ami("ami-4", 4));

    @Test
    void beyondNewest_whenKeepingTwo_returnsTheOlderThreeNewestFirst() {
        assertThat(Retention.beyondNewest(FIVE, 2, Set.of())).extracting(Candidate::imageId)
                .containsExactly("ami-3", "ami-2", "ami-1");
    }

    @Test
    void beyondNewest_neverReturnsProtectedAmis_butCountsThemAmongTheNewest() {
        // ami-5 is the bake's own AMI: it is one of the two kept. ami-2 is the bake's source: never retired.
        assertThat(Retention.beyondNewest(FIVE, 2, Set.of("ami-5", "ami-2"))).extracting(Candidate::imageId)
                .containsExactly("ami-3", "ami-1");
    }

    @Test
    void beyondNewest_whenFewerThanKeep_returnsNothing() {
        assertThat(Retention.beyondNewest(FIVE, 5, Set.of())).isEmpty();
        assertThat(Retention.beyondNewest(List.of(), 1, Set.of())).isEmpty();
    }

    @Test
    void beyondNewest_onEqualCreationDates_decidesByIdSoTheChoiceIsStable() {
        Candidate a = new Candidate("ami-a", "web-a", Instant.EPOCH, List.of());
        Candidate b = new Candidate("ami-b", "web-b", Instant.EPOCH, List.of());

        assertThat(Retention.beyondNewest(List.of(b, a), 1, Set.of())).extracting(Candidate::imageId).containsExactly("ami-b");
        assertThat(Retention.beyondNewest(List.of(a, b), 1, Set.of())).extracting(Candidate::imageId).containsExactly("ami-b");
    }

    @Test
    void plan_keepsWhatALaunchTemplateStillUses_andRetiresTheRestOldestFirst() {
        List<Candidate> beyond = Retention.beyondNewest(FIVE, 2, Set.of());

        Retention.Plan plan = Retention.plan(beyond, Map.of("ami-2", "lt-0abc (web) version 7"));

        assertThat(plan.retire()).extracting(Candidate::imageId).containsExactly("ami-1", "ami-3");
        assertThat(plan.kept()).containsExactly(Map.entry("ami-2", "still used by launch template lt-0abc (web) version 7"));
    }
}
