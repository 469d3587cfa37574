package io.jenkins.plugins.awsrollout.sim.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamp and text conventions shared by the wire formats. */
public final class WireValues {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireValues() {}

    /** ISO-8601 with milliseconds, as EC2 and the query services write timestamps. */
    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Epoch seconds with a fraction, as JSON 1.1 services write timestamps. */
    public static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    /** Reads ISO-8601 (with or without offset or fraction) or epoch seconds. */
    public static Instant parseInstant(String raw) {
        String text = raw.trim();
        if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && !text.contains("-")) {
            return Instant.ofEpochMilli(new BigDecimal(text).movePointRight(3).longValue());
        }
        if (text.endsWith("Z")) {
            return Instant.parse(text);
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    /** Escapes XML text content. */
    public static void escapeXml(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }
}
