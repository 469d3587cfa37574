package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in for jenkins-core {@code hudson.Util}. These string functions behave as documented (blank becomes null,
 * values are trimmed) because the offline tests bind step parameters through setters that use them.
 */
public class Util {

    public static @CheckForNull String fixEmpty(@CheckForNull String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public static @CheckForNull String fixEmptyAndTrim(@CheckForNull String s) {
        return s == null ? null : fixEmpty(s.trim());
    }

    public static @NonNull String fixNull(@CheckForNull String s) {
        return s == null ? "" : s;
    }

    /**
     * Behaves as documented for the real one, because the offline tests run freestyle build steps that expand the
     * build's variables: {@code $NAME} and {@code ${NAME}} become the value, {@code $$} becomes {@code $}, and an
     * undefined variable is left as it is.
     */
    @Nullable
    public static String replaceMacro(@CheckForNull String s, @NonNull Map<String, String> properties) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = VARIABLE.matcher(s);
        int from = 0;
        while (m.find()) {
            String token = m.group(1);
            String value = token.equals("$") ? "$"
                    : properties.get(token.startsWith("{") ? token.substring(1, token.length() - 1) : token);
            out.append(s, from, m.start()).append(value == null ? m.group() : value);
            from = m.end();
        }
        return out.append(s.substring(from)).toString();
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[A-Za-z0-9_.]+\\}|\\$)");

    public static String getTimeSpanString(long duration) {
        throw new UnsupportedOperationException("stand-in");
    }
}
