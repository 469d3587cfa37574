package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters given as {@code Key=Value} entries: tags, and per-region values such as KMS keys. */
public final class KeyValues {

    static final int MAX_TAG_KEY = 128;
    static final int MAX_TAG_VALUE = 256;
    static final int MAX_TAGS = 50;

    private KeyValues() {}

    /**
     * The non-blank entries of a list parameter, trimmed. An entry holding several lines counts as one entry per
     * line: a form's text area and a freestyle field give the whole list as one text.
     */
    public static List<String> entries(List<String> values) {
        List<String> out = new java.util.ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value != null) {
                    value.lines().map(String::trim).filter(v -> !v.isEmpty()).forEach(out::add);
                }
            }
        }
        return out;
    }

    /**
     * {@code Key=Value} entries in order; the value may be empty and may contain {@code =}.
     *
     * @throws OperationFailedException naming {@code field} and the entry when one has no key or a key twice
     */
    public static Map<String, String> parse(String field, List<String> entries) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String key = equals < 0 ? entry.trim() : entry.substring(0, equals).trim();
            if (equals < 0 || key.isEmpty()) {
                throw new OperationFailedException(
                        "Invalid " + field + " entry '" + entry + "': write it as Key=Value.");
            }
            if (values.put(key, entry.substring(equals + 1).trim()) != null) {
                throw new OperationFailedException("Invalid " + field + ": the key '" + key + "' is given twice.");
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** {@link #parse}, then EC2's tag rules: keys up to 128 characters not starting with {@code aws:}, values up to 256. */
    public static Map<String, String> tags(String field, List<String> entries) {
        Map<String, String> tags = parse(field, entries);
        if (tags.size() > MAX_TAGS) {
            throw new OperationFailedException("Invalid " + field + ": " + tags.size() + " tags; EC2 allows " + MAX_TAGS + ".");
        }
        tags.forEach((key, value) -> {
            if (key.length() > MAX_TAG_KEY || value.length() > MAX_TAG_VALUE) {
                throw new OperationFailedException("Invalid " + field + " entry '" + key + "=" + value
                        + "': tag keys have at most " + MAX_TAG_KEY + " characters and values at most " + MAX_TAG_VALUE + ".");
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new OperationFailedException("Invalid " + field + " entry '" + key + "=" + value
                        + "': tag keys starting with aws: are reserved for AWS.");
            }
        });
        return tags;
    }
}
