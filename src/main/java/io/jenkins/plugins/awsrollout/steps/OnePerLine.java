package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;

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
}
