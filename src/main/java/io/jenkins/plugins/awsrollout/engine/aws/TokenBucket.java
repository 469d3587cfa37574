package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's pace for one AWS API in one Region ({@link Pacing}), shared by every build, on the engine's clock
 * (virtual in tests and benchmarks). It never waits: {@link #take} grants what it can now and says when to come back,
 * and the caller schedules its next tick then.
 *
 * <ul>
 *   <li><b>Rate.</b> A token bucket holding one second's worth whose every token comes back exactly one second after
 *       it was used: no second, wherever it starts, sees more calls than the rate, bursts included (AWS's own buckets
 *       allow a burst on top of their refill; the pace stays under both). A caller that comes back later than told
 *       (AWS throttled its tick's reads first) still uses what was reserved for it, so a second may then see one share
 *       more.</li>
 *   <li><b>Fair.</b> A caller (a build's session) gets at most an equal share per round while others ask too. A caller
 *       left wanting has its next share reserved at the first instant it fits, after every reservation made before
 *       it, and comes back then: callers are served in turn, none starves however many there are, and none comes
 *       back only to be refused again.</li>
 *   <li><b>Adaptive.</b> When AWS refuses most calls (more than three in four over a second), the rate halves (at most
 *       once a second, down to a tenth); every call AWS lets through gives back a tenth of the configured rate (AIMD).
 *       A caller refused by AWS comes back half a second later (the mean of the SDK's first throttling retry), then,
 *       after {@value #QUICK_RETRIES} refusals in a row, twice as late each time (up to {@link #LONGEST_RETRY}): as the
 *       SDK's own retries would, but without holding a thread.</li>
 * </ul>
 *
 * <p>Controller state, not cursor state: nothing here is saved, and a restarted controller starts with a full bucket.
 */
public final class TokenBucket {

    /** A token comes back this long after it was used. */
    static final Duration WINDOW = Duration.ofSeconds(1);

    /** The rate halves at most once in this time (one burst of refusals is one signal); refusals are counted over it. */
    static final Duration DECREASE_EVERY = Duration.ofSeconds(1);

    /** The slowest pace adaptation goes to, as a share of the configured rate. */
    static final double SLOWEST = 0.1;

    /** Refusals in a row retried after {@link #FIRST_RETRY} before the delay starts doubling. */
    static final int QUICK_RETRIES = 6;

    static final Duration FIRST_RETRY = Duration.ofMillis(500);

    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    /** How long past its time a reservation is kept for a caller that does not come back (its permits then return). */
    static final Duration KEPT = Duration.ofSeconds(30);

    /**
     * What {@link #take} granted.
     *
     * @param granted permits granted now (each is one call to make now)
     * @param retryAt when to come back for the rest (permits are reserved for then), or null when everything asked for
     *     was granted
     */
    public record Grant(int granted, @CheckForNull Instant retryAt) {}

    /** Permits set aside for a caller at {@code at}. */
    private record Reservation(int permits, Instant at) {}

    private int configured;
    private double rate;
    private @CheckForNull Instant decreasedAt;
    private int refusedInARow;
    private @CheckForNull Instant countedSince;
    private int refusedLately;
    private int passedLately;
    /** When each token in use was (or will be, for reservations) used, in order; each comes back a second later. */
    private final List<Instant> used = new ArrayList<>();
    private final Map<Object, Reservation> reservations = new HashMap<>();
    /** Callers still asking: those left wanting at their last call, when they made it. */
    private final Map<Object, Instant> asking = new HashMap<>();

    /** A full bucket of {@code perSecond} tokens. */
    public TokenBucket(int perSecond, Instant now) {
        this.configured = Math.max(1, perSecond);
        this.rate = configured;
    }

    /** A new configured rate (the global configuration changed); adaptation starts again from it. */
    synchronized void configure(int perSecond) {
        if (perSecond != configured) {
            configured = Math.max(1, perSecond);
            rate = configured;
        }
    }

    /**
     * Up to {@code wanted} permits for {@code caller} now: those reserved for it, else as many as are free, at most the
     * caller's share while others ask too. When fewer than wanted are granted, the caller's next share is reserved
     * and {@link Grant#retryAt()} is when to come back for it.
     */
    public synchronized Grant take(Instant now, int wanted, Object caller) {
        forget(now);
        Reservation mine = reservations.remove(caller);
        if (mine != null && mine.at().isAfter(now)) {
            reservations.put(caller, mine);
            return new Grant(0, mine.at());
        }
        asking.put(caller, now);
        int capacity = capacity();
        int share = Math.max(1, capacity / asking.size());
        int want = Math.min(wanted, share);
        int granted = 0;
        if (mine != null) {
            granted = Math.min(mine.permits(), want);
            release(mine.at(), mine.permits() - granted);
        }
        boolean queued = !used.isEmpty() && used.get(used.size() - 1).isAfter(now);
        if (granted < want && !queued) {
            int free = capacity - inWindow(now);
            int fresh = Math.max(0, Math.min(want - granted, free));
            for (int i = 0; i < fresh; i++) {
                used.add(now);
            }
            granted += fresh;
        }
        if (granted >= wanted) {
            asking.remove(caller);
            return new Grant(granted, null);
        }
        int next = Math.min(wanted - granted, share);
        Instant at = firstFit(now, next, capacity);
        for (int i = 0; i < next; i++) {
            used.add(at);
        }
        reservations.put(caller, new Reservation(next, at));
        return new Grant(granted, at);
    }

    /** Permits granted now but not used (a round stopped early): they are free again. */
    public synchronized void giveBack(Instant now, int permits) {
        release(now, permits);
    }

    /**
     * AWS throttled a call of this API: slows the pace when AWS refuses most calls (more than three in four over the
     * last second: its bucket is empty, and calling less is what helps), and says when the refused call may be made
     * again.
     */
    public synchronized Instant throttled(Instant now) {
        refusedInARow++;
        slowDown(now);
        long doublings = Math.min(16, Math.max(0, refusedInARow - QUICK_RETRIES));
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return now.plus(delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay);
    }

    /**
     * AWS throttled one of several calls made one after the other for different resources (a round of terminations):
     * the pace slows down as for {@link #throttled}, but the refusal does not count as a refusal in a row of one call,
     * since the calls after it are other calls; the refused call may be made again after {@link #FIRST_RETRY}.
     */
    public synchronized Instant throttledAmong(Instant now) {
        slowDown(now);
        return now.plus(FIRST_RETRY);
    }

    private void slowDown(Instant now) {
        count(now, true);
        boolean mostRefused = refusedLately >= 2 && refusedLately * 4 > 3 * (refusedLately + passedLately);
        if (mostRefused && (decreasedAt == null || !now.isBefore(decreasedAt.plus(DECREASE_EVERY)))) {
            rate = Math.max(configured * SLOWEST, rate / 2);
            decreasedAt = now;
        }
    }

    /** AWS let a call of this API through: the pace recovers. */
    public synchronized void succeeded(Instant now) {
        refusedInARow = 0;
        count(now, false);
        rate = Math.min(configured, rate + configured * SLOWEST);
    }

    /** The pace now, in calls per second (below the configured rate after throttling). */
    public synchronized double rate() {
        return rate;
    }

    /** The configured rate, in calls per second. */
    public synchronized int configured() {
        return configured;
    }

    /** Counts a call AWS refused or let through in the current second. */
    private void count(Instant now, boolean refused) {
        if (countedSince == null || !now.isBefore(countedSince.plus(DECREASE_EVERY))) {
            countedSince = now;
            refusedLately = 0;
            passedLately = 0;
        }
        if (refused) {
            refusedLately++;
        } else {
            passedLately++;
        }
    }

    private int capacity() {
        return Math.max(1, (int) Math.floor(rate));
    }

    /** Tokens used in the second up to {@code now}. */
    private int inWindow(Instant now) {
        Instant from = now.minus(WINDOW);
        int count = 0;
        for (Instant t : used) {
            if (t.isAfter(from) && !t.isAfter(now)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The first instant, after every token already reserved, at which {@code permits} more fit: the second up to it
     * then holds at most {@code capacity} tokens.
     */
    private Instant firstFit(Instant now, int permits, int capacity) {
        Instant at = used.isEmpty() ? now : max(now, used.get(used.size() - 1));
        int leaving = used.size() - capacity + permits;
        if (leaving > 0) {
            at = max(at, used.get(leaving - 1).plus(WINDOW));
        }
        return at.isAfter(now) ? at : now.plusMillis(1);
    }

    /** Frees {@code permits} tokens used (or reserved) at {@code at}. */
    private void release(Instant at, int permits) {
        for (int i = used.size() - 1; i >= 0 && permits > 0; i--) {
            if (used.get(i).equals(at)) {
                used.remove(i);
                permits--;
            }
        }
    }

    /** Tokens back in the bucket; reservations of callers that stopped coming (a step that ended) freed. */
    private void forget(Instant now) {
        Instant back = now.minus(WINDOW);
        used.removeIf(t -> !t.isAfter(back));
        reservations.entrySet().removeIf(entry -> {
            if (entry.getValue().at().plus(KEPT).isBefore(now)) {
                asking.remove(entry.getKey());
                return true;
            }
            return false;
        });
        asking.entrySet().removeIf(entry -> !reservations.containsKey(entry.getKey()) && entry.getValue().plus(KEPT).isBefore(now));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
