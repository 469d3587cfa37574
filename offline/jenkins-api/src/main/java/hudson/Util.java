package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

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

    public static String getTimeSpanString(long duration) {
        throw new UnsupportedOperationException("stand-in");
    }
}
