package io.jenkins.plugins.awsrollout.engine.timeline;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened during a step call, as the timeline picture shows it. Plain fields (epoch milliseconds, no
 * {@link Instant}) so that Java serialization (the Pipeline program), XStream (the build's {@code build.xml}) and JSON
 * all carry it unchanged.
 *
 * <ul>
 *   <li>{@link Kind#CAPACITY}: a sample of the group: desired, in service, healthy in service, with the floor and
 *       ceiling the rollout keeps.
 *   <li>{@link Kind#STATE}: {@code lane} (an instance, a target, a region, the step's phase) entered {@code label}; it
 *       stays there until the lane's next state.
 *   <li>{@link Kind#MARK}: a moment worth a line across the picture (checkpoint, rollback, throttled call).
 *   <li>{@link Kind#BAND}: a stretch of the capacity chart (a batch, a checkpoint pause) begins; a null label ends it.
 * </ul>
 */
public final class TimelineEvent implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Labels longer than this are cut: a picture is not a log. */
    public static final int MAX_LABEL = 120;

    /** What the event is. */
    public enum Kind {
        CAPACITY,
        STATE,
        MARK,
        BAND,
        /** Not kept: the current members of a group of lanes, each with its state (see {@link #roster}). */
        ROSTER
    }

    private final long at;
    private final Kind kind;
    private final @CheckForNull String lane;
    private final @CheckForNull String label;
    private final int desired;
    private final int inService;
    private final int healthy;
    private final int floor;
    private final int ceiling;
    private final @CheckForNull java.util.LinkedHashMap<String, String> members;

    private TimelineEvent(Instant at, Kind kind, @CheckForNull String lane, @CheckForNull String label, int desired,
            int inService, int healthy, int floor, int ceiling) {
        this.at = at.toEpochMilli();
        this.kind = Objects.requireNonNull(kind, "kind");
        this.lane = cut(lane);
        this.label = cut(label);
        this.desired = desired;
        this.inService = inService;
        this.healthy = healthy;
        this.floor = floor;
        this.ceiling = ceiling;
        this.members = null;
    }

    private TimelineEvent(Instant at, String group, java.util.Map<String, String> members) {
        this.at = at.toEpochMilli();
        this.kind = Kind.ROSTER;
        this.lane = group;
        this.label = null;
        this.desired = this.inService = this.healthy = this.floor = this.ceiling = 0;
        this.members = new java.util.LinkedHashMap<>(members);
    }

    /**
     * The members of {@code group} (an Auto Scaling group's instances) as one poll saw them, each with its state: the
     * timeline keeps each member's state as a lane, and ends the lane of a member that is no longer there
     * ({@link #GONE}). The roster itself is not kept.
     */
    public static TimelineEvent roster(Instant at, String group, java.util.Map<String, String> members) {
        return new TimelineEvent(at, Objects.requireNonNull(group, "group"), members);
    }

    /** The state of a lane whose member left: nothing is drawn after it. */
    public static final String GONE = "gone";

    /** The members of a {@link Kind#ROSTER} event, in order; empty for the other kinds. */
    public java.util.Map<String, String> members() {
        return members == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(members);
    }

    /** A capacity sample: what the group had at {@code at}, and the bounds the rollout keeps it within. */
    public static TimelineEvent capacity(Instant at, int desired, int inService, int healthy, int floor, int ceiling) {
        return new TimelineEvent(at, Kind.CAPACITY, null, null, desired, inService, healthy, floor, ceiling);
    }

    /** {@code lane} is in {@code state} from {@code at} on. */
    public static TimelineEvent state(Instant at, String lane, String state) {
        return new TimelineEvent(at, Kind.STATE, Objects.requireNonNull(lane, "lane"), Objects.requireNonNull(state, "state"),
                0, 0, 0, 0, 0);
    }

    /** A moment: {@code label} says what happened. */
    public static TimelineEvent mark(Instant at, String label) {
        return new TimelineEvent(at, Kind.MARK, null, Objects.requireNonNull(label, "label"), 0, 0, 0, 0, 0);
    }

    /** A stretch named {@code label} begins (it ends at the next band); null ends the current one. */
    public static TimelineEvent band(Instant at, @CheckForNull String label) {
        return new TimelineEvent(at, Kind.BAND, null, label, 0, 0, 0, 0, 0);
    }

    private static @CheckForNull String cut(@CheckForNull String text) {
        return text == null || text.length() <= MAX_LABEL ? text : text.substring(0, MAX_LABEL - 3) + "...";
    }

    /** Epoch milliseconds. */
    public long at() {
        return at;
    }

    public Kind kind() {
        return kind;
    }

    public @CheckForNull String lane() {
        return lane;
    }

    public @CheckForNull String label() {
        return label;
    }

    public int desired() {
        return desired;
    }

    public int inService() {
        return inService;
    }

    public int healthy() {
        return healthy;
    }

    public int floor() {
        return floor;
    }

    public int ceiling() {
        return ceiling;
    }

    /** Same sample values (the time aside): a repeated sample adds nothing to the chart. */
    boolean sameCapacity(TimelineEvent other) {
        return desired == other.desired && inService == other.inService && healthy == other.healthy && floor == other.floor
                && ceiling == other.ceiling;
    }

    @Override
    public String toString() {
        return kind + "@" + at + (lane == null ? "" : " " + lane) + (label == null ? "" : " " + label)
                + (kind == Kind.CAPACITY ? " desired " + desired + ", in service " + inService + ", healthy " + healthy
                        + ", floor " + floor + ", ceiling " + ceiling : "");
    }
}
