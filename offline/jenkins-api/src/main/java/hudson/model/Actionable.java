package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/**
 * Stand-in for jenkins-core {@code hudson.model.Actionable}: the members the plugin uses (its supertypes are left
 * out). Tests that need a build with actions subclass {@link Run} and override these.
 */
public abstract class Actionable {

    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }
}
