package io.jenkins.plugins.awsrollout.engine;

import java.util.Arrays;
import java.util.Optional;

/**
 * An enum whose constants a step parameter names ({@code onAbort: 'rollback'}, {@code strategy: 'rolling'}): one
 * spelling per constant, matched ignoring case and surrounding blanks.
 */
public interface ParameterChoice {

    /** The value as the step parameter spells it. */
    String parameterValue();

    /** The constant {@code value} names, if any. */
    static <E extends Enum<E> & ParameterChoice> Optional<E> parse(Class<E> type, String value) {
        String wanted = value.trim();
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.parameterValue().equalsIgnoreCase(wanted)).findFirst();
    }
}
