package io.jenkins.plugins.awsrollout.engine.timeline;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of one step call that the pictures are drawn from: capacity samples, lane states, marks and bands, fed
 * by the engine as it ticks (no AWS call of its own) and kept beside the cursor, so a controller restart keeps it.
 *
 * <p>Bounded whatever the length of the run: at most {@value #MAX_SAMPLES} capacity samples (a repeated sample is not
 * kept; when full, neighbouring samples are merged pairwise keeping the one with fewer healthy instances, so a dip
 * toward the floor is never lost, only the time resolution halves), at most {@value #MAX_LANES} lanes, at most
 * {@value #MAX_EVENTS} lane states (a state equal to the lane's current one is not kept), and {@value #MAX_RESERVED}
 * more for marks, bands and the step's own phases, so the end of a long run (its rollback) is always there. What is
 * dropped is counted and said under the picture. Labels are cut at {@value TimelineEvent#MAX_LABEL} characters. That
 * bounds the serialized record to about 200 KB; a typical rollout takes a few KB.
 *
 * <p>Thread-safe: ticks write, the build page reads.
 */
public final class Timeline implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int MAX_SAMPLES = 480;
    public static final int MAX_EVENTS = 800;
    public static final int MAX_RESERVED = 200;
    public static final int MAX_LANES = 60;
    /** The lane of the step's own phases (the upper-case word of each progress line). */
    public static final String PHASE_LANE = "phase";

    private final String title;
    private final String region;
    private final long startedAt;
    private long endedAt;
    private @CheckForNull String result;
    private @CheckForNull String message;
    private @CheckForNull LinkedHashMap<String, Object> summary;
    private final ArrayList<TimelineEvent> samples = new ArrayList<>();
    private final ArrayList<TimelineEvent> events = new ArrayList<>();
    private final LinkedHashMap<String, String> laneStates = new LinkedHashMap<>();
    private @CheckForNull String band;
    /** Per roster group, the lanes it ever had (bounded by {@link #MAX_LANES}). */
    private final LinkedHashMap<String, java.util.LinkedHashSet<String>> rosters = new LinkedHashMap<>();
    private String id = java.util.UUID.randomUUID().toString();
    private int dropped;
    private int reserved;

    /**
     * @param title what the step does, as {@code Operation.name()} says it
     * @param region where it runs (for links to the AWS console)
     * @param startedAt when the step call started
     */
    public Timeline(String title, String region, Instant startedAt) {
        this.title = title;
        this.region = region;
        this.startedAt = startedAt.toEpochMilli();
    }

    /** Adds {@code event}, within the bounds. */
    /**
     * Pipeline saves the program (Java or River serialization) while a tick may be adding to this record: written
     * under the same lock as every change, so a save never sees a list half-changed.
     */
    private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
    }

    public synchronized void add(TimelineEvent event) {
        switch (event.kind()) {
            case CAPACITY -> addSample(event);
            case STATE -> addState(event);
            case BAND -> {
                if (!java.util.Objects.equals(band, event.label()) && reserve()) {
                    band = event.label();
                    events.add(event);
                }
            }
            case ROSTER -> addRoster(event);
            case MARK -> {
                if (reserve()) {
                    events.add(event);
                }
            }
        }
    }

    private void addSample(TimelineEvent sample) {
        if (!samples.isEmpty() && samples.get(samples.size() - 1).sameCapacity(sample)) {
            return;
        }
        samples.add(sample);
        if (samples.size() > MAX_SAMPLES) {
            List<TimelineEvent> merged = new ArrayList<>(MAX_SAMPLES / 2 + 2);
            merged.add(samples.get(0));
            for (int i = 1; i < samples.size(); i += 2) {
                TimelineEvent a = samples.get(i);
                TimelineEvent b = i + 1 < samples.size() ? samples.get(i + 1) : a;
                merged.add(b.healthy() < a.healthy() ? b : a);
            }
            samples.clear();
            samples.addAll(merged);
        }
    }

    private void addRoster(TimelineEvent roster) {
        Instant at = Instant.ofEpochMilli(roster.at());
        java.util.Set<String> seen = rosters.computeIfAbsent(roster.lane(), k -> new java.util.LinkedHashSet<>());
        for (String lane : seen) {
            if (!roster.members().containsKey(lane)) {
                addState(TimelineEvent.state(at, lane, TimelineEvent.GONE));
            }
        }
        roster.members().forEach((lane, state) -> {
            addState(TimelineEvent.state(at, lane, state));
            if (laneStates.containsKey(lane)) {
                seen.add(lane);
            }
        });
    }

    private void addState(TimelineEvent state) {
        String lane = state.lane();
        if (state.label().equals(laneStates.get(lane))) {
            return;
        }
        boolean known = laneStates.containsKey(lane);
        boolean phase = PHASE_LANE.equals(lane);
        if (!known && !phase && laneStates.size() - (laneStates.containsKey(PHASE_LANE) ? 1 : 0) >= MAX_LANES) {
            dropped++;
            return;
        }
        if (phase ? !reserve() : events.size() - reserved >= MAX_EVENTS) {
            dropped++;
            return;
        }
        laneStates.put(lane, state.label());
        events.add(state);
    }

    /** Takes one place of the reserve for marks, bands and phases; counts a drop when none is left. */
    private boolean reserve() {
        if (reserved >= MAX_RESERVED) {
            dropped++;
            return false;
        }
        reserved++;
        return true;
    }

    /** The step call ended: {@code result} is SUCCESS or FAILURE, {@code summary} the step's returned map (may be null). */
    public synchronized void end(Instant at, String result, @CheckForNull String message, @CheckForNull Map<String, Object> summary) {
        this.endedAt = at.toEpochMilli();
        this.result = result;
        this.message = message;
        this.summary = summary == null ? null : new LinkedHashMap<>(summary);
    }

    /** A copy that later ticks do not change, for a page to render. */
    public synchronized Timeline snapshot() {
        Timeline copy = new Timeline(title, region, Instant.ofEpochMilli(startedAt));
        copy.id = id;
        copy.endedAt = endedAt;
        copy.result = result;
        copy.message = message;
        copy.summary = summary == null ? null : new LinkedHashMap<>(summary);
        copy.samples.addAll(samples);
        copy.events.addAll(events);
        copy.laneStates.putAll(laneStates);
        copy.band = band;
        rosters.forEach((group, lanes) -> copy.rosters.put(group, new java.util.LinkedHashSet<>(lanes)));
        copy.dropped = dropped;
        copy.reserved = reserved;
        return copy;
    }

    /** Unique to this step call: how the build page finds the record again after a restart. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String region() {
        return region;
    }

    public long startedAt() {
        return startedAt;
    }

    /** Epoch milliseconds, or 0 while the step runs. */
    public synchronized long endedAt() {
        return endedAt;
    }

    /** SUCCESS, FAILURE, or null while the step runs. */
    public synchronized @CheckForNull String result() {
        return result;
    }

    /** Why the step failed, or null. */
    public synchronized @CheckForNull String message() {
        return message;
    }

    /** The step's returned map (or the end state of a failure), or an empty map. */
    public synchronized Map<String, Object> summary() {
        return summary == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }

    public synchronized List<TimelineEvent> samples() {
        return List.copyOf(samples);
    }

    /** States, marks and bands, in the order they happened. */
    public synchronized List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /** How many events the bounds left out. */
    public synchronized int dropped() {
        return dropped;
    }

    /** The last instant the record covers: the end, or the latest event. */
    public synchronized long lastAt() {
        long last = Math.max(startedAt, endedAt);
        if (!samples.isEmpty()) {
            last = Math.max(last, samples.get(samples.size() - 1).at());
        }
        if (!events.isEmpty()) {
            last = Math.max(last, events.get(events.size() - 1).at());
        }
        return last;
    }
}
