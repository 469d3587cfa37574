package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stand-in for jenkins-core {@code hudson.model.Result}: the five constants, compared by ordinal. */
public final class Result implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final @NonNull Result SUCCESS = new Result("SUCCESS", 0);
    public static final @NonNull Result UNSTABLE = new Result("UNSTABLE", 1);
    public static final @NonNull Result FAILURE = new Result("FAILURE", 2);
    public static final @NonNull Result NOT_BUILT = new Result("NOT_BUILT", 3);
    public static final @NonNull Result ABORTED = new Result("ABORTED", 4);

    private final String name;
    public final int ordinal;

    private Result(String name, int ordinal) {
        this.name = name;
        this.ordinal = ordinal;
    }

    public boolean isWorseThan(@NonNull Result that) {
        return ordinal > that.ordinal;
    }

    public boolean isBetterOrEqualTo(@NonNull Result that) {
        return ordinal <= that.ordinal;
    }

    @Override
    public String toString() {
        return name;
    }
}
