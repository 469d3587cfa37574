package io.jenkins.plugins.awsrollout.runner;

import java.time.Duration;

/** Durations the way Jenkins' {@code Util.getTimeSpanString} writes them: "5 min 0 sec", "1 hr 30 min", "10 sec". */
final class TimeSpan {

    private TimeSpan() {}

    static String of(Duration duration) {
        long millis = duration.toMillis();
        long days = millis / 86_400_000L;
        long hours = millis / 3_600_000L % 24;
        long minutes = millis / 60_000L % 60;
        long seconds = millis / 1000L % 60;
        long ms = millis % 1000;
        if (days > 0) {
            return pair(days, days + (days == 1 ? " day" : " days"), hours + " hr");
        }
        if (hours > 0) {
            return pair(hours, hours + " hr", minutes + " min");
        }
        if (minutes > 0) {
            return pair(minutes, minutes + " min", seconds + " sec");
        }
        if (seconds >= 10) {
            return seconds + " sec";
        }
        if (seconds >= 1) {
            return decimal(seconds + (ms / 100) / 10.0) + " sec";
        }
        if (ms >= 100) {
            return decimal((ms / 10) / 100.0) + " sec";
        }
        return ms + " ms";
    }

    /** As MessageFormat writes a float: no trailing zeros. */
    private static String decimal(double value) {
        return new java.text.DecimalFormat("0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(value);
    }

    /** Jenkins adds the smaller unit only while the bigger one is below ten. */
    private static String pair(long big, String bigText, String smallText) {
        return big < 10 ? bigText + " " + smallText : bigText;
    }
}
