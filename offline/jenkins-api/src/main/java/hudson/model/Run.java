package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;

/** Stand-in for jenkins-core {@code hudson.model.Run}: the members the plugin uses. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {

    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("stand-in");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @CheckForNull static Run<?, ?> fromExternalizableId(String id) throws IllegalArgumentException, AccessDeniedException {
        return null;
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("stand-in");
    }
}
