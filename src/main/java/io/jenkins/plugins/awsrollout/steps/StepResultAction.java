package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * The map one aws-rollout step call ended with, kept on the build: the build page shows it as a short table
 * ({@code summary.jelly}), and it reaches the rest of the build as environment variables, which a Jenkinsfile reads
 * as {@code env.X} also in a {@code post { }} block after the step failed, and later freestyle build steps as
 * {@code $X}: {@code AWS_BAKE_AMI_STATUS}, {@code AWS_BAKE_AMI_REASON} (after a failure) and
 * {@code AWS_BAKE_AMI_RESULT} (the whole map as JSON), named after the step. When a build calls a step more than
 * once, the variables hold its last call; the build page shows every call.
 *
 * <p>The map holds plain values only (strings, numbers, booleans, lists, maps), so it is saved with the build.
 */
public final class StepResultAction implements RunAction2, EnvironmentContributingAction {

    /** The JSON copy is left out of the environment beyond this size (it goes to every process the build starts). */
    static final int MAX_JSON_CHARS = 32 * 1024;
    /** Longer values are cut in the table. */
    static final int MAX_SHOWN_CHARS = 300;

    private final String functionName;
    private final LinkedHashMap<String, Object> result;
    /** The build it belongs to: not saved, set again when the build is loaded. */
    private transient @CheckForNull Run<?, ?> run;

    public StepResultAction(String functionName, Map<String, Object> result) {
        this.functionName = functionName;
        this.result = plainMap(result);
    }

    /**
     * A copy in the collections XStream saves and loads on every JVM ({@code LinkedHashMap}, {@code ArrayList}), not
     * {@code Map.of}/{@code List.of}, whose JDK-internal classes it may not be allowed to rebuild.
     */
    private static LinkedHashMap<String, Object> plainMap(Map<?, ?> map) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
        return copy;
    }

    private static @CheckForNull Object plain(@CheckForNull Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return plainMap(map);
        }
        if (value instanceof Collection<?> list) {
            ArrayList<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value.toString();
    }

    public String getFunctionName() {
        return functionName;
    }

    /** The map as the step returned it (or would have, had it not failed). */
    public Map<String, Object> getResult() {
        return result;
    }

    /** The map's status; a success whose map names none is {@code Succeeded}. */
    public String getStatus() {
        Object status = result.get("status");
        return status == null ? StepOutcome.SUCCEEDED : status.toString();
    }

    public @CheckForNull String getReason() {
        Object reason = result.get("reason");
        return reason == null ? null : reason.toString();
    }

    /** The table on the build page: one row per entry, lists and maps summarised. */
    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        result.forEach((key, value) -> {
            if (value != null && !key.equals("status") && !key.equals("reason")) {
                rows.add(new Row(key, shown(value)));
            }
        });
        return rows;
    }

    /** A row of the table. */
    public record Row(String name, String value) {
        public String getName() {
            return name;
        }

        public String getValue() {
            return value;
        }
    }

    private static String shown(Object value) {
        String text;
        if (value instanceof Collection<?> list) {
            boolean plain = list.stream().allMatch(v -> v == null || v instanceof String || v instanceof Number || v instanceof Boolean);
            text = plain ? String.join(", ", list.stream().map(String::valueOf).toList())
                    : list.size() + (list.size() == 1 ? " entry" : " entries");
        } else if (value instanceof Map<?, ?> map) {
            text = map.size() + (map.size() == 1 ? " entry" : " entries");
        } else {
            text = value.toString();
        }
        return text.length() > MAX_SHOWN_CHARS ? text.substring(0, MAX_SHOWN_CHARS) + "..." : text;
    }

    /** {@code awsBakeAmi} becomes {@code AWS_BAKE_AMI}. */
    public String getVariablePrefix() {
        return functionName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        String prefix = getVariablePrefix();
        env.put(prefix + "_STATUS", getStatus());
        String reason = getReason();
        if (reason != null) {
            env.put(prefix + "_REASON", reason);
        } else {
            env.remove(prefix + "_REASON");
        }
        String json = Json.of(result);
        if (json.length() <= MAX_JSON_CHARS) {
            env.put(prefix + "_RESULT", json);
        }
    }

    @Override
    public @CheckForNull String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return functionName + ": " + getStatus();
    }

    @Override
    public @CheckForNull String getUrlName() {
        return null;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** JSON text of the plain values a step returns. */
    static final class Json {

        private Json() {}

        static String of(@CheckForNull Object value) {
            StringBuilder out = new StringBuilder();
            write(out, value);
            return out.toString();
        }

        private static void write(StringBuilder out, @CheckForNull Object value) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                    || value instanceof Short || value instanceof Byte) {
                out.append(value);
            } else if (value instanceof Number number) {
                double d = number.doubleValue();
                out.append(Double.isFinite(d) ? number.toString() : "null");
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    write(out, e.getValue());
                }
                out.append('}');
            } else if (value instanceof Collection<?> list) {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    out.append(first ? "" : ",");
                    first = false;
                    write(out, item);
                }
                out.append(']');
            } else {
                string(out, value.toString());
            }
        }

        private static void string(StringBuilder out, String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
