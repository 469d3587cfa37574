package io.jenkins.plugins.awsrollout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The smallest case of each benchmark section, as {@code -Dbench.smoke=true} runs them, so the benchmark code never
 * rots: figures are checked for sanity, never for speed (docs/benchmarks.md has the figures of a full run).
 */
class BenchmarksSmokeTest {

    @Test
    void smallestCaseOfEachSection_runsAndGivesSaneFigures() throws Exception {
        Benchmarks.Report report = Benchmarks.run(true, line -> { });

        assertThat(report.physicalLimit().measurements()).extracting(m -> m.rolloutCase().strategy())
                .containsExactly("instanceRefresh", "rolling");
        assertThat(report.physicalLimit().measurements()).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo("Successful");
            assertThat(m.ratio()).isFinite().isPositive();
            assertThat(m.minHealthy()).isGreaterThanOrEqualTo(m.floor());
            assertThat(m.maxCounted()).isLessThanOrEqualTo(m.rolloutCase().ceiling());
            assertThat(m.polls()).isPositive();
            assertThat(m.reads()).isPositive();
            assertThat(m.writes()).isPositive();
            assertThat(m.peakInstances()).isGreaterThanOrEqualTo(m.rolloutCase().size());
        });
        assertThat(report.physicalLimit().measurements().get(0).refreshDuration()).isPositive();

        assertThat(report.apiCost().readsPerPoll()).allSatisfy(reads -> assertThat(reads).isBetween(1.0, 4.0));

        assertThat(report.throttling().pairs()).singleElement().satisfies(pair -> {
            assertThat(pair.throttled().status()).isEqualTo("Successful");
            assertThat(pair.throttled().throttled()).isPositive();
            assertThat(pair.throttled().terminatedTwice()).isZero();
            assertThat(pair.throttled().calls().size()).isGreaterThan(pair.clean().calls().size());
        });

        assertThat(report.controller()).singleElement().satisfies(controller -> {
            assertThat(controller.succeeded()).isEqualTo(controller.rollouts());
            assertThat(controller.ticks()).isPositive();
            assertThat(controller.cpuNanosPerTick()).isPositive();
            assertThat(controller.threadsWaiting().get("worker pool")).isBetween(1, ControllerCost.POOL);
            assertThat(controller.sessions()).isEqualTo(controller.rollouts());
            assertThat(controller.savedBytes()).isPositive();
        });

        assertThat(report.peer().runs()).extracting(AnsiblePeer.Run::tool)
                .containsExactly("awsAsgRollout rolling", "awsAsgRollout instanceRefresh");
        assertThat(report.peer().runs()).allSatisfy(run -> {
            assertThat(run.result()).isEqualTo("Successful");
            assertThat(run.calls()).isNotEmpty();
            assertThat(run.minHealthy()).isEqualTo(report.peer().size());
            assertThat(run.onTarget()).isEqualTo("2 of 2");
        });

        assertThat(report.blocks()).containsOnlyKeys(Benchmarks.BLOCKS);
        assertThat(report.blocks().values()).allSatisfy(markdown -> assertThat(markdown).isNotBlank());
    }

    @Test
    void fill_replacesTheGeneratedBlocksAndKeepsEverythingElse() {
        String page = "# Benchmarks\n\nProse.\n\n<!-- generated:machine -->\nold\n<!-- /generated:machine -->\n\nMore prose.\n";

        String filled = Benchmarks.fill(page, Map.of("machine", "| CPU | x |\n"));

        assertThat(filled).isEqualTo("# Benchmarks\n\nProse.\n\n<!-- generated:machine -->\n| CPU | x |\n<!-- /generated:machine -->\n\n"
                + "More prose.\n");
        assertThat(Benchmarks.fill("", Map.of("peer", "table"))).isEqualTo("\n<!-- generated:peer -->\ntable\n<!-- /generated:peer -->\n");
    }
}
