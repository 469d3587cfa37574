package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/**
 * Stand-in for jenkins-core {@code hudson.model.Actionable}: the members the plugin uses. The real one extends
 * {@code AbstractModelObject} (a {@link ModelObject}) and implements {@code ModelObjectWithContextMenu}; only
 * {@link ModelObject} is kept. Tests that need a build with actions subclass {@link Run} and override these.
 */
public abstract class Actionable implements ModelObject {

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
