package io.jenkins.plugins.awsrollout.runner;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of a call to one of the Pipeline steps the runner implements itself ({@code stage},
 * {@code timeout}...): named ones, at most one unnamed one, and a body, checked against what the step takes.
 */
final class Args {

    private final String function;
    private final Map<String, Object> named;
    private final @CheckForNull Object unnamed;
    private final boolean hasUnnamed;
    private final @CheckForNull Closure<?> body;

    private Args(String function, Map<String, Object> named, @CheckForNull Object unnamed, boolean hasUnnamed,
            @CheckForNull Closure<?> body) {
        this.function = function;
        this.named = named;
        this.unnamed = unnamed;
        this.hasUnnamed = hasUnnamed;
        this.body = body;
    }

    /**
     * @param function the step's name, for messages
     * @param raw the call's arguments
     * @param soleKey the parameter an unnamed argument stands for, or null if the step takes none
     * @param known every parameter the step takes
     */
    static Args parse(String function, Object[] raw, @CheckForNull String soleKey, String... known) {
        List<Object> list = new ArrayList<>(Arrays.asList(raw));
        Closure<?> body = null;
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof Closure<?> last) {
            body = last;
            list.remove(list.size() - 1);
        }
        Map<String, Object> named = new LinkedHashMap<>();
        Object unnamed = null;
        boolean hasUnnamed = false;
        if (list.size() == 1 && list.get(0) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> named.put(String.valueOf(k), v));
        } else if (list.size() == 1 && soleKey != null) {
            unnamed = list.get(0);
            hasUnnamed = true;
            named.put(soleKey, unnamed);
        } else if (!list.isEmpty()) {
            throw new IllegalArgumentException(function + ": Expected named arguments but got " + list);
        }
        Set<String> unknown = new TreeSet<>(named.keySet());
        unknown.removeAll(List.of(known));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(function + ": Unknown parameter(s) found: " + String.join(",", unknown)
                    + " (its parameters are " + String.join(", ", known) + ")");
        }
        return new Args(function, named, unnamed, hasUnnamed, body);
    }

    boolean has(String name) {
        return named.get(name) != null;
    }

    @CheckForNull
    Object get(String name) {
        return named.get(name);
    }

    /** The parameter's value as a string; fails naming it when it is absent and required. */
    String string(String name) {
        Object value = named.get(name);
        if (value == null) {
            throw new IllegalArgumentException(function + ": Missing required parameter(s): " + name);
        }
        return value.toString();
    }

    String string(String name, String fallback) {
        Object value = named.get(name);
        return value == null ? fallback : value.toString();
    }

    long number(String name) {
        Object value = named.get(name);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(string(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(function + ": " + name + " expects a number but received '" + value + "'");
        }
    }

    boolean bool(String name, boolean fallback) {
        Object value = named.get(name);
        if (value == null) {
            return fallback;
        }
        return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
    }

    /** The named arguments, for steps (like {@code parallel}) whose parameters are the map itself. */
    Map<String, Object> named() {
        return named;
    }

    /** The body; fails as Pipeline does when the step was called without one. */
    Closure<?> body() {
        if (body == null) {
            throw new IllegalStateException(function + " step must be called with a body");
        }
        return body;
    }

    void noBody() {
        if (body != null) {
            throw new IllegalArgumentException(function + ": Expected named arguments but got a closure (" + function
                    + " takes no body)");
        }
    }
}
