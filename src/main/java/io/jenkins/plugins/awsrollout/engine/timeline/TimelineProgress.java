package io.jenkins.plugins.awsrollout.engine.timeline;

import io.jenkins.plugins.awsrollout.engine.Progress;
import java.time.Clock;
import java.util.Set;

/**
 * Passes progress on to {@code next} and keeps the timeline of it: each progress line's phase becomes the state of the
 * {@link Timeline#PHASE_LANE phase lane} (so every step has its phases with durations, with no change to the
 * operation), a warning or a checkpoint becomes a mark, and what the operation records goes in as it is.
 */
public final class TimelineProgress implements Progress {

    /** Quoted output (console, SSM) and per-instance detail (drawn in the instances' own lanes): not phases of the step. */
    private static final Set<String> QUOTES = Set.of("CONSOLE", "SSM", "INSTANCE");

    private final Progress next;
    private final Timeline timeline;
    private final Clock clock;

    public TimelineProgress(Progress next, Timeline timeline, Clock clock) {
        this.next = next;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Override
    public void report(String phase, String message) {
        next.report(phase, message);
        if (QUOTES.contains(phase) || message.startsWith("  | ") || message.startsWith("| ")) {
            return;
        }
        timeline.add(TimelineEvent.state(clock.instant(), Timeline.PHASE_LANE, phase));
        if (phase.equals("CHECKPOINT")) {
            timeline.add(TimelineEvent.mark(clock.instant(), phase + ": " + message));
        }
    }

    @Override
    public void warn(String phase, String message) {
        next.warn(phase, message);
        if (!QUOTES.contains(phase)) {
            if (!phase.equals("AWS")) {
                timeline.add(TimelineEvent.state(clock.instant(), Timeline.PHASE_LANE, phase));
            }
            timeline.add(TimelineEvent.mark(clock.instant(), phase + ": " + message));
        }
    }

    @Override
    public void record(TimelineEvent event) {
        next.record(event);
        timeline.add(event);
    }
}
