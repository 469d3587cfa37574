package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a rolling replacement stands.
 *
 * @param target the configuration instances are moved onto (the new version, or the previous one when reversing)
 * @param reverse whether this is the rollback: instances launched by the rollout are replaced by the previous version
 * @param batch the batch in flight, or null between batches
 * @param batchesDone how many batches finished
 * @param replaced ids of out-of-date instances this rollout terminated, in order
 * @param nextCheckpoint the index of the next checkpoint percentage
 * @param pauseUntil the end of a checkpoint pause, or null
 * @param waitingSince when the rollout started waiting for the group to settle or for capacity, or null
 * @param pinned whether the group has been pinned to {@code target}
 * @param launchToHealthy how long after their launch the last batch's new instances were still seen coming, or null
 *     before a batch has shown it: the next batch polls on that moment rather than up to a whole backoff after it
 * @param launchToHealthyAtMost how long after their launch the last batch's new instances were first seen all
 *     healthy, or null before a batch has shown it: with {@code launchToHealthy}, the window in which the next
 *     batch's instances are expected to be healthy, which its polls narrow down to {@link BatchSteps#FINE_STEP}
 * @param terminationsLeft old instances a round of terminations left for the next (the pace had no permit for them, or
 *     AWS throttled them), with whether each takes the desired capacity down: the next round asks for them without
 *     reading the whole group again ({@link BatchSteps#carryOn}); empty when none are
 * @param next the batch after {@code batch}, chosen while {@code batch}'s new instances were still coming so that its old
 *     instances leave as those turn healthy ({@link HeadStart}), or null; it becomes {@code batch} when that one is done
 */
public record RollingProgress(
        LaunchTemplateRef target,
        boolean reverse,
        @CheckForNull BatchState batch,
        int batchesDone,
        List<String> replaced,
        int nextCheckpoint,
        @CheckForNull Instant pauseUntil,
        @CheckForNull Instant waitingSince,
        boolean pinned,
        @CheckForNull Duration launchToHealthy,
        @CheckForNull Duration launchToHealthyAtMost,
        @CheckForNull BatchState next,
        Map<String, Boolean> terminationsLeft)
        implements Serializable {

    public RollingProgress {
        replaced = List.copyOf(replaced);
        // In the order they are to be asked for; null in a cursor saved before the field existed.
        terminationsLeft = terminationsLeft == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(terminationsLeft));
    }

    public static RollingProgress forward(LaunchTemplateRef target) {
        return new RollingProgress(target, false, null, 0, List.of(), 0, null, null, false, null, null, null, Map.of());
    }

    /** The rollback: back to {@code previous}, keeping the count of what was replaced. */
    public RollingProgress reversed(LaunchTemplateRef previous) {
        return new RollingProgress(previous, true, null, 0, replaced, Integer.MAX_VALUE, null, null, false, launchToHealthy,
                launchToHealthyAtMost, null, Map.of());
    }

    public RollingProgress withBatch(@CheckForNull BatchState inFlight) {
        return new RollingProgress(target, reverse, inFlight, batchesDone, replaced, nextCheckpoint, pauseUntil, null, pinned, launchToHealthy,
                launchToHealthyAtMost, next, terminationsLeft);
    }

    public RollingProgress batchDone(List<String> terminated, int checkpointIndex, @CheckForNull Instant pause) {
        List<String> all = new ArrayList<>(replaced);
        java.util.Set<String> seen = new java.util.HashSet<>(replaced);
        terminated.stream().filter(seen::add).forEach(all::add);
        return new RollingProgress(target, reverse, null, batchesDone + 1, all, checkpointIndex, pause, null, pinned, launchToHealthy,
                launchToHealthyAtMost, null, Map.of());
    }

    public RollingProgress waiting(Instant since) {
        return new RollingProgress(target, reverse, batch, batchesDone, replaced, nextCheckpoint, pauseUntil,
                waitingSince == null ? since : waitingSince, pinned, launchToHealthy,
                launchToHealthyAtMost, next, terminationsLeft);
    }

    public RollingProgress resumed() {
        return new RollingProgress(target, reverse, batch, batchesDone, replaced, nextCheckpoint, null, null, pinned, launchToHealthy,
                launchToHealthyAtMost, next, terminationsLeft);
    }

    /**
     * What the batch just done showed: its new instances were still coming {@code after} their launch (null when no
     * poll saw them coming) and all healthy {@code atMost} after it.
     */
    public RollingProgress learned(@CheckForNull Duration after, Duration atMost) {
        return new RollingProgress(target, reverse, batch, batchesDone, replaced, nextCheckpoint, pauseUntil, waitingSince, pinned,
                after, atMost, next, terminationsLeft);
    }

    public RollingProgress withPinned() {
        return new RollingProgress(target, reverse, batch, batchesDone, replaced, nextCheckpoint, pauseUntil, waitingSince, true, launchToHealthy,
                launchToHealthyAtMost, next, terminationsLeft);
    }

    /** The next batch, chosen early ({@link HeadStart}), or null. */
    public RollingProgress withNext(@CheckForNull BatchState early) {
        return new RollingProgress(target, reverse, batch, batchesDone, replaced, nextCheckpoint, pauseUntil, waitingSince, pinned,
                launchToHealthy, launchToHealthyAtMost, early, terminationsLeft);
    }

    /** The terminations the last round left for the next one; empty when none did. */
    public RollingProgress withTerminationsLeft(Map<String, Boolean> left) {
        return new RollingProgress(target, reverse, batch, batchesDone, replaced, nextCheckpoint, pauseUntil, waitingSince, pinned,
                launchToHealthy, launchToHealthyAtMost, next, left);
    }
}
