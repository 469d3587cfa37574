package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stand-in for jenkins-core {@code hudson.FilePath}. Only local paths work here: {@link #act} runs the callable on
 * the local file, as the real one does when the path is on the controller (no channel); the offline tests pack a
 * workspace through it.
 */
public final class FilePath implements SerializableOnlyOverRemoting {

    private final String remote;

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        if (channel != null) {
            throw new UnsupportedOperationException("stand-in: remote paths");
        }
        this.remote = remote;
    }

    public FilePath(@NonNull File localPath) {
        this.remote = localPath.getPath();
    }

    public FilePath(@NonNull FilePath base, @NonNull String rel) {
        this.remote = new File(base.remote, rel).getPath();
    }

    public String getRemote() {
        return remote;
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        return callable.invoke(new File(remote), null);
    }

    @Override
    public String toString() {
        return remote;
    }

    /** Code that runs where the file is. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
