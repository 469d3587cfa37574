package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Map;
import java.util.TreeMap;

/** Stand-in for jenkins-core {@code hudson.EnvVars}: a map (the real one is case-insensitive on Windows). */
public class EnvVars extends TreeMap<String, String> {

    private static final long serialVersionUID = 1L;

    public EnvVars() {}

    public EnvVars(@NonNull Map<String, String> m) {
        super(m);
    }

    public EnvVars(@NonNull EnvVars m) {
        super(m);
    }

    public EnvVars(String... keyValuePairs) {
        for (int i = 0; i + 1 < keyValuePairs.length; i += 2) {
            put(keyValuePairs[i], keyValuePairs[i + 1]);
        }
    }

    public String expand(String s) {
        throw new UnsupportedOperationException("stand-in");
    }
}
