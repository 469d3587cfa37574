package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue;
import org.springframework.security.core.Authentication;

/** Stand-in for jenkins-core {@code hudson.model.queue.Tasks}: signatures only. */
public class Tasks {

    public static @NonNull Authentication getAuthenticationOf2(@NonNull Queue.Task t) {
        throw new UnsupportedOperationException("stand-in");
    }
}
