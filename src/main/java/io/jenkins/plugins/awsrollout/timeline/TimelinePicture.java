package io.jenkins.plugins.awsrollout.timeline;

import io.jenkins.plugins.awsrollout.engine.timeline.Timeline;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link Timeline} as one SVG picture, no script: the capacity chart (desired, in service and healthy in
 * service as step lines, the floor and ceiling as dashed lines, batches and pauses as bands) when the step sampled
 * capacity, then one Gantt lane per instance, target, region or phase, then the marks (checkpoints, rollbacks,
 * throttled calls) as lines across both with a numbered list under the picture. Time runs left to right from the start
 * of the step call; every element has a class (and every lane segment a tooltip) so that tests and readers can find it.
 */
public final class TimelinePicture {

    static final int WIDTH = 960;
    static final int LEFT = 190;
    static final int RIGHT = 24;
    static final int CHART_HEIGHT = 170;
    static final int LANE_HEIGHT = 16;
    static final int LANE_GAP = 3;
    /** Marks listed under the picture; the rest are still drawn. */
    static final int LISTED_MARKS = 12;

    private final Timeline timeline;
    private final long start;
    private final long span;

    private TimelinePicture(Timeline timeline) {
        this.timeline = timeline;
        this.start = timeline.startedAt();
        this.span = Math.max(1000, timeline.lastAt() - start);
    }

    /** The SVG document for {@code timeline}. */
    public static String svg(Timeline timeline) {
        return new TimelinePicture(timeline.snapshot()).draw();
    }

    private double x(long at) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) Math.max(0, at - start) / span;
    }

    private String draw() {
        List<TimelineEvent> samples = timeline.samples();
        List<TimelineEvent> events = timeline.events();
        Map<String, List<TimelineEvent>> lanes = lanes(events);
        List<TimelineEvent> marks = events.stream().filter(e -> e.kind() == TimelineEvent.Kind.MARK).toList();
        int listed = Math.min(LISTED_MARKS, marks.size());
        double chartTop = 46;
        double chartBottom = samples.isEmpty() ? chartTop : chartTop + CHART_HEIGHT;
        double legend = samples.isEmpty() ? chartBottom : chartBottom + 34;
        double lanesTop = legend + 8;
        double lanesBottom = lanesTop + lanes.size() * (LANE_HEIGHT + LANE_GAP);
        double axis = lanesBottom + 4;
        double height = axis + 26 + listed * 15 + (timeline.dropped() > 0 || marks.size() > listed ? 15 : 0) + 6;
        Svg svg = new Svg(WIDTH, height);
        svg.leaf("rect", "class", "background", "x", 0, "y", 0, "width", WIDTH, "height", height, "fill", "#ffffff");
        title(svg);
        if (!samples.isEmpty()) {
            chart(svg, samples, events, chartTop, chartBottom);
        }
        lanes(svg, lanes, lanesTop);
        timeAxis(svg, axis, chartTop, lanesBottom);
        marks(svg, marks, chartTop, lanesBottom, axis + 26, listed);
        return svg.end();
    }

    private void title(Svg svg) {
        String result = timeline.result();
        String outcome = result == null ? "running" : result.equals("SUCCESS") ? "succeeded" : "failed";
        svg.text("text", timeline.title() + ": " + outcome + " after " + duration(timeline.lastAt() - start), "class", "title",
                "x", 8, "y", 18, "font-size", 14, "font-weight", "bold",
                "fill", result == null ? "#333333" : result.equals("SUCCESS") ? "#2e7d32" : "#c62828");
    }

    // ---- capacity chart ----

    private void chart(Svg svg, List<TimelineEvent> samples, List<TimelineEvent> events, double top, double bottom) {
        int max = 1;
        for (TimelineEvent s : samples) {
            max = Math.max(max, Math.max(Math.max(s.desired(), s.inService()), Math.max(s.ceiling(), s.healthy())));
        }
        int yMax = max + 1;
        double right = WIDTH - RIGHT;
        svg.open("g", "class", "capacity");
        bands(svg, events, top, bottom);
        int step = Math.max(1, (int) Math.ceil(yMax / 8.0));
        for (int v = 0; v <= yMax; v += step) {
            double y = y(v, yMax, top, bottom);
            svg.leaf("line", "class", "grid", "x1", LEFT, "y1", y, "x2", right, "y2", y, "stroke", "#e0e0e0");
            svg.text("text", Integer.toString(v), "class", "y-label", "x", LEFT - 6, "y", y + 4, "text-anchor", "end",
                    "fill", "#555555");
        }
        svg.text("text", "instances", "x", LEFT - 6, "y", top - 14, "text-anchor", "end", "fill", "#555555");
        series(svg, samples, "ceiling", TimelineEvent::ceiling, yMax, top, bottom, "#ef6c00", "6 4", 1.5);
        series(svg, samples, "desired", TimelineEvent::desired, yMax, top, bottom, "#9e9e9e", null, 1.5);
        series(svg, samples, "in-service", TimelineEvent::inService, yMax, top, bottom, "#1565c0", null, 1.5);
        series(svg, samples, "healthy", TimelineEvent::healthy, yMax, top, bottom, "#2e7d32", null, 2.5);
        series(svg, samples, "floor", TimelineEvent::floor, yMax, top, bottom, "#c62828", "6 4", 1.5);
        svg.leaf("line", "class", "axis", "x1", LEFT, "y1", bottom, "x2", right, "y2", bottom, "stroke", "#757575");
        svg.close("g");
        legend(svg, bottom + 22);
    }

    private static double y(int value, int yMax, double top, double bottom) {
        return bottom - (bottom - top) * value / yMax;
    }

    private void series(Svg svg, List<TimelineEvent> samples, String name, java.util.function.ToIntFunction<TimelineEvent> value,
            int yMax, double top, double bottom, String color, String dash, double width) {
        StringBuilder points = new StringBuilder();
        double lastY = 0;
        for (int i = 0; i < samples.size(); i++) {
            TimelineEvent s = samples.get(i);
            double x = x(s.at());
            double y = y(value.applyAsInt(s), yMax, top, bottom);
            if (i > 0) {
                points.append(Svg.number(x)).append(',').append(Svg.number(lastY)).append(' ');
            }
            points.append(Svg.number(x)).append(',').append(Svg.number(y)).append(' ');
            lastY = y;
        }
        points.append(Svg.number(x(timeline.lastAt()))).append(',').append(Svg.number(lastY));
        svg.leaf("polyline", "class", name, "points", points.toString(), "fill", "none", "stroke", color,
                "stroke-width", width, "stroke-dasharray", dash, "shape-rendering", "crispEdges");
    }

    private void bands(Svg svg, List<TimelineEvent> events, double top, double bottom) {
        List<TimelineEvent> bands = events.stream().filter(e -> e.kind() == TimelineEvent.Kind.BAND).toList();
        for (int i = 0; i < bands.size(); i++) {
            TimelineEvent band = bands.get(i);
            if (band.label() == null) {
                continue;
            }
            long end = i + 1 < bands.size() ? bands.get(i + 1).at() : timeline.lastAt();
            double x1 = x(band.at());
            double w = Math.max(1, x(end) - x1);
            boolean pause = band.label().toLowerCase(Locale.ROOT).contains("pause");
            svg.open("g", "class", pause ? "band pause" : "band");
            svg.titled("rect", band.label() + ", " + duration(end - band.at()), "x", x1, "y", top, "width", w,
                    "height", bottom - top, "fill", pause ? "#fff3e0" : i % 2 == 0 ? "#e3f2fd" : "#ede7f6", "stroke", "#ffffff");
            if (w > 7 * band.label().length() * 0.6) {
                svg.text("text", band.label(), "class", "band-label", "x", x1 + 3, "y", top + 11, "fill", "#455a64",
                        "font-size", 10);
            }
            svg.close("g");
        }
    }

    private void legend(Svg svg, double y) {
        String[][] items = {
            {"healthy", "healthy in service", "#2e7d32", ""}, {"in-service", "in service", "#1565c0", ""},
            {"desired", "desired", "#9e9e9e", ""}, {"floor", "floor", "#c62828", "6 4"}, {"ceiling", "ceiling", "#ef6c00", "6 4"}
        };
        double x = LEFT;
        svg.open("g", "class", "legend");
        for (String[] item : items) {
            svg.leaf("line", "x1", x, "y1", y - 4, "x2", x + 22, "y2", y - 4, "stroke", item[2], "stroke-width", 2.5,
                    "stroke-dasharray", item[3].isEmpty() ? null : item[3]);
            svg.text("text", item[1], "x", x + 27, "y", y, "fill", "#333333");
            x += 40 + 6.2 * item[1].length();
        }
        svg.close("g");
    }

    // ---- lanes ----

    private static Map<String, List<TimelineEvent>> lanes(List<TimelineEvent> events) {
        Map<String, List<TimelineEvent>> lanes = new LinkedHashMap<>();
        boolean phases = events.stream().anyMatch(e -> Timeline.PHASE_LANE.equals(e.lane()));
        if (phases) {
            lanes.put(Timeline.PHASE_LANE, new ArrayList<>());
        }
        for (TimelineEvent e : events) {
            if (e.kind() == TimelineEvent.Kind.STATE) {
                lanes.computeIfAbsent(e.lane(), k -> new ArrayList<>()).add(e);
            }
        }
        return lanes;
    }

    private void lanes(Svg svg, Map<String, List<TimelineEvent>> lanes, double top) {
        double y = top;
        for (Map.Entry<String, List<TimelineEvent>> lane : lanes.entrySet()) {
            String name = lane.getKey().equals(Timeline.PHASE_LANE) ? "step phases" : lane.getKey();
            svg.open("g", "class", "lane", "data-lane", lane.getKey());
            svg.text("text", shorten(name, 30), "class", "lane-label", "x", LEFT - 6, "y", y + LANE_HEIGHT - 4,
                    "text-anchor", "end", "fill", "#333333");
            List<TimelineEvent> states = lane.getValue();
            for (int i = 0; i < states.size(); i++) {
                TimelineEvent state = states.get(i);
                long end = i + 1 < states.size() ? states.get(i + 1).at() : timeline.lastAt();
                double x1 = x(state.at());
                double w = Math.max(1.5, x(end) - x1);
                String label = state.label();
                if (label.equals(TimelineEvent.GONE)) {
                    // The member left: its lane ends here.
                    svg.leaf("g", "class", "segment gone", "data-state", label);
                    continue;
                }
                svg.open("g", "class", "segment", "data-state", label);
                svg.titled("rect", name + ": " + label + " for " + duration(end - state.at()) + " (from +"
                        + duration(state.at() - start) + ")", "x", x1, "y", y, "width", w, "height", LANE_HEIGHT,
                        "fill", color(label), "stroke", "#ffffff", "stroke-width", 0.5);
                if (w > 6.2 * label.length() + 6) {
                    svg.text("text", label, "x", x1 + 3, "y", y + LANE_HEIGHT - 4, "fill", "#ffffff", "font-size", 10);
                }
                svg.close("g");
            }
            svg.close("g");
            y += LANE_HEIGHT + LANE_GAP;
        }
    }

    /** A colour that says how a state is doing: green done or healthy, red failing, grey gone, blue or amber under way. */
    static String color(String state) {
        String s = state.toLowerCase(Locale.ROOT);
        if (s.contains("in lb") || s.contains("not registered")) {
            // Not (yet) healthy in a load balancer: new instances pass through it on their way in.
            return "#ef6c00";
        }
        if (s.contains("fail") || s.contains("unhealthy") || s.contains("error") || s.contains("rollback")
                || s.contains("timeout") || s.contains("stopped")) {
            return "#c62828";
        }
        if (s.contains("terminat") || s.contains("unused") || s.contains("deregist") || s.contains("detach")
                || s.contains("skipped") || s.contains("cleanup")) {
            return "#9e9e9e";
        }
        if (s.contains("drain") || s.contains("standby") || s.contains("checkpoint") || s.contains("wait")) {
            return "#f9a825";
        }
        if (s.contains("succeeded") || s.contains("healthy") || s.contains("available") || s.equals("done") || s.equals("ready")
                || s.contains("inservice") || s.contains("in service") || s.contains("registered")) {
            return "#2e7d32";
        }
        if (s.contains("pending") || s.contains("progress") || s.contains("launch") || s.contains("initial")
                || s.contains("copy") || s.contains("creating")) {
            return "#1565c0";
        }
        String[] palette = {"#5c6bc0", "#00838f", "#6d4c41", "#8e24aa", "#3949ab", "#00695c", "#546e7a", "#7b1fa2"};
        return palette[Math.floorMod(state.hashCode(), palette.length)];
    }

    // ---- time axis and marks ----

    private void timeAxis(Svg svg, double y, double top, double lanesBottom) {
        long stepMillis = niceStep(span);
        svg.open("g", "class", "time-axis");
        svg.leaf("line", "x1", LEFT, "y1", y, "x2", WIDTH - RIGHT, "y2", y, "stroke", "#757575");
        for (long t = 0; t <= span; t += stepMillis) {
            double x = x(start + t);
            svg.leaf("line", "class", "tick", "x1", x, "y1", top, "x2", x, "y2", lanesBottom, "stroke", "#eeeeee");
            svg.text("text", "+" + duration(t), "class", "tick-label", "x", x, "y", y + 13, "text-anchor", "middle",
                    "fill", "#555555", "font-size", 10);
        }
        svg.close("g");
    }

    private static long niceStep(long span) {
        long[] steps = {5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
            7_200_000, 14_400_000, 28_800_000, 86_400_000};
        for (long step : steps) {
            if (span / step <= 10) {
                return step;
            }
        }
        return span / 10;
    }

    private void marks(Svg svg, List<TimelineEvent> marks, double top, double bottom, double listTop, int listed) {
        svg.open("g", "class", "marks");
        for (int i = 0; i < marks.size(); i++) {
            TimelineEvent mark = marks.get(i);
            double x = x(mark.at());
            String color = markColor(mark.label());
            svg.titled("line", mark.label(), "class", "mark", "x1", x, "y1", top - 4, "x2", x, "y2", bottom,
                    "stroke", color, "stroke-width", 1.5, "stroke-dasharray", "2 2");
            svg.text("text", Integer.toString(i + 1), "class", "mark-number", "x", x + 2, "y", top - 6, "fill", color,
                    "font-size", 10, "font-weight", "bold");
        }
        double y = listTop;
        for (int i = 0; i < listed; i++) {
            TimelineEvent mark = marks.get(i);
            svg.text("text", (i + 1) + "  +" + duration(mark.at() - start) + "  " + shorten(mark.label(), 140),
                    "class", "mark-text", "x", 8, "y", y, "fill", markColor(mark.label()));
            y += 15;
        }
        int unlisted = marks.size() - listed;
        if (unlisted > 0 || timeline.dropped() > 0) {
            svg.text("text", (unlisted > 0 ? unlisted + " more marks in the picture" : "")
                    + (unlisted > 0 && timeline.dropped() > 0 ? "; " : "")
                    + (timeline.dropped() > 0 ? timeline.dropped() + " events over the timeline's bounds not recorded" : "")
                    + ".", "class", "note", "x", 8, "y", y, "fill", "#757575");
        }
        svg.close("g");
    }

    private static String markColor(String label) {
        String s = label.toLowerCase(Locale.ROOT);
        if (s.startsWith("checkpoint")) {
            return "#6a1b9a";
        }
        if (s.startsWith("aws")) {
            return "#ef6c00";
        }
        if (s.startsWith("rollback") || s.startsWith("error") || s.startsWith("timeout") || s.startsWith("failed")
                || s.startsWith("abort")) {
            return "#c62828";
        }
        return "#455a64";
    }

    static String duration(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        if (h > 0) {
            return h + "h" + (m > 0 ? String.format(Locale.ROOT, "%02dm", m) : "");
        }
        if (m > 0) {
            return m + "m" + (s > 0 ? String.format(Locale.ROOT, "%02ds", s) : "");
        }
        return s + "s";
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
