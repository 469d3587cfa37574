package io.jenkins.plugins.awsrollout.timeline;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.timeline.Timeline;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import java.util.Collection;
import java.util.Map;

/**
 * A {@link Timeline} as JSON, for tools other than the picture: times in epoch milliseconds,
 * {@code {"title", "region", "startedAt", "endedAt", "result", "message", "dropped", "summary": {...},
 * "samples": [{"at", "desired", "inService", "healthy", "floor", "ceiling"}], "events": [{"at", "kind", "lane", "label"}]}}.
 */
public final class TimelineJson {

    private TimelineJson() {}

    public static String of(Timeline source) {
        Timeline t = source.snapshot();
        StringBuilder b = new StringBuilder(4096);
        b.append("{\"id\":");
        value(b, t.id());
        b.append(",\"title\":");
        value(b, t.title());
        b.append(",\"region\":");
        value(b, t.region());
        b.append(",\"startedAt\":").append(t.startedAt());
        b.append(",\"endedAt\":").append(t.endedAt() == 0 ? "null" : Long.toString(t.endedAt()));
        b.append(",\"result\":");
        value(b, t.result());
        b.append(",\"message\":");
        value(b, t.message());
        b.append(",\"dropped\":").append(t.dropped());
        b.append(",\"summary\":");
        value(b, t.summary());
        b.append(",\"samples\":[");
        int i = 0;
        for (TimelineEvent s : t.samples()) {
            b.append(i++ == 0 ? "" : ",").append("{\"at\":").append(s.at()).append(",\"desired\":").append(s.desired())
                    .append(",\"inService\":").append(s.inService()).append(",\"healthy\":").append(s.healthy())
                    .append(",\"floor\":").append(s.floor()).append(",\"ceiling\":").append(s.ceiling()).append('}');
        }
        b.append("],\"events\":[");
        i = 0;
        for (TimelineEvent e : t.events()) {
            b.append(i++ == 0 ? "" : ",").append("{\"at\":").append(e.at()).append(",\"kind\":");
            value(b, e.kind().name());
            b.append(",\"lane\":");
            value(b, e.lane());
            b.append(",\"label\":");
            value(b, e.label());
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private static void value(StringBuilder b, @CheckForNull Object value) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else if (value instanceof Map<?, ?> map) {
            b.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(i++ == 0 ? "" : ",");
                value(b, String.valueOf(e.getKey()));
                b.append(':');
                value(b, e.getValue());
            }
            b.append('}');
        } else if (value instanceof Collection<?> items) {
            b.append('[');
            int i = 0;
            for (Object item : items) {
                b.append(i++ == 0 ? "" : ",");
                value(b, item);
            }
            b.append(']');
        } else {
            string(b, value.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                // "<" escaped too, so the JSON can never close a script element it is pasted into.
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
