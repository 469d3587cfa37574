package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * EC2 {@code Filter.N.Name}/{@code Filter.N.Value.M} matching: filters AND together, values of
 * one filter OR together, values may use {@code *} and {@code ?} wildcards. {@code tag:Key},
 * {@code tag-key} and {@code tag-value} work on every taggable resource.
 */
public final class Ec2Filters {
    private Ec2Filters() {}

    /**
     * True when {@code resource} passes every filter.
     *
     * @param attributes the resource's values for a filter name, or null when the name is unknown
     *     (unknown filters match nothing, so typos show up as empty results rather than everything)
     */
    public static boolean matches(List<Filter> filters, Map<String, String> tags, Function<String, Collection<String>> attributes) {
        if (!Pojos.present(filters)) {
            return true;
        }
        for (Filter filter : filters) {
            Collection<String> values;
            String name = filter.name();
            if (name.startsWith("tag:")) {
                String value = tags.get(name.substring(4));
                values = value == null ? List.of() : List.of(value);
            } else if (name.equals("tag-key")) {
                values = tags.keySet();
            } else if (name.equals("tag-value")) {
                values = tags.values();
            } else {
                values = attributes.apply(name);
                if (values == null) {
                    return false;
                }
            }
            if (!anyMatches(filter.values(), values)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatches(List<String> wanted, Collection<String> actual) {
        for (String pattern : wanted) {
            for (String value : actual) {
                if (value != null && wildcard(pattern, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code *} matches any run, {@code ?} one character; everything else literally. */
    public static boolean wildcard(String pattern, String value) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return pattern.equals(value);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }
}
