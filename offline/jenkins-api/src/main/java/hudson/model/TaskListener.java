package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;
import java.io.Serializable;

/** Stand-in for jenkins-core {@code hudson.model.TaskListener} (really extends SerializableOnlyOverRemoting). */
public interface TaskListener extends Serializable {
    @NonNull
    PrintStream getLogger();
}
