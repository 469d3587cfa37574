package io.jenkins.plugins.awsrollout.engine.asg;

import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many instances one batch of a {@code rolling} rollout replaces: a count ({@code 2}), a share of the desired
 * capacity ({@code 25%}, rounded up, at least one), or {@link #AUTOMATIC}: as many as the floor and
 * {@code maxHealthyPercentage} allow, which is the pace of an instance refresh.
 *
 * @param value the count or the percentage; 0 for automatic
 * @param percent whether {@code value} is a percentage
 */
public record BatchSize(int value, boolean percent) implements Serializable {

    public static final BatchSize AUTOMATIC = new BatchSize(0, false);

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,6})\\s*(%?)\\s*");

    /** Parses {@code 2} or {@code 25%}; blank means automatic; empty when malformed. */
    public static Optional<BatchSize> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(AUTOMATIC);
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int value = Integer.parseInt(m.group(1));
        boolean percent = !m.group(2).isEmpty();
        if (value < 1 || (percent && value > 100)) {
            return Optional.empty();
        }
        return Optional.of(new BatchSize(value, percent));
    }

    public boolean automatic() {
        return value == 0;
    }

    /** The most instances one batch may take for a group of {@code desiredCapacity}; unlimited when automatic. */
    public int limit(int desiredCapacity) {
        if (automatic()) {
            return Integer.MAX_VALUE;
        }
        if (!percent) {
            return value;
        }
        return Math.max(1, (int) Math.ceil(desiredCapacity * value / 100.0));
    }

    @Override
    public String toString() {
        return automatic() ? "automatic" : value + (percent ? "%" : "");
    }
}
