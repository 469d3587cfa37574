package io.jenkins.plugins.awsrollout.engine;

import java.time.Duration;

/** Durations the way log lines show them: {@code 45s}, {@code 4m10s}, {@code 1h02m}. */
public final class HumanDuration {

    private HumanDuration() {}

    public static String of(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 500) / 1000);
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + pad(seconds % 60) + "s";
        }
        return minutes / 60 + "h" + pad(minutes % 60) + "m";
    }

    private static String pad(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
