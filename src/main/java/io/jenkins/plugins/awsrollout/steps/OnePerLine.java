package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Descriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * List parameters as forms carry them. A form shows a list as a text area with one value per line, and Stapler binds
 * that single value to a {@code List<String>} parameter as a one-element list holding every line
 * ({@code RequestImpl.TypePair.convertJSON}, "single value in a collection"). So list setters split each element on
 * line breaks; a Jenkinsfile's list ({@code ['a', 'b']}) has no line breaks and keeps its elements.
 *
 * <p>Lists are kept as {@link ArrayList}s: a freestyle build step is saved by XStream with its step, and XStream
 * cannot read back the JDK's immutable lists on Java 17.
 */
public final class OnePerLine {

    private OnePerLine() {}

    /** Each element split on line breaks and trimmed, blank lines dropped; null is empty. */
    public static List<String> split(@CheckForNull List<String> values) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        // Read as objects: a script may hand numbers (checkpoints: [25, 50]) to a list of strings.
        for (Object value : (List<?>) values) {
            if (value == null) {
                continue;
            }
            for (String line : String.valueOf(value).split("\\R")) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
        }
        return out;
    }

    /** The list as its text area shows it: one value per line. */
    public static String join(@CheckForNull List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }

    /**
     * A map parameter as a form shows it: {@code NAME=value}, one per line (a Jenkinsfile gives a Groovy map, which
     * Pipeline hands to the step as it is).
     */
    public static String joinPairs(Map<String, String> pairs) {
        List<String> lines = new ArrayList<>();
        pairs.forEach((k, v) -> lines.add(k + "=" + v));
        return String.join("\n", lines);
    }

    /** The form's {@code NAME=value} lines as a map, in their order; a line without '=' is refused, naming it. */
    public static Map<String, String> splitPairs(String field, String text) throws Descriptor.FormException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : split(List.of(text))) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new Descriptor.FormException("Write " + field + " as NAME=value, one per line: '" + line + "' has no '='.",
                        field);
            }
            pairs.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return pairs;
    }

    /** A Jenkinsfile's map with its values as text (numbers, GStrings), in its order. */
    public static LinkedHashMap<String, String> textValues(@CheckForNull Map<String, ?> map) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(String.valueOf(k).trim(), v == null ? null : String.valueOf(v)));
        }
        return copy;
    }
}
