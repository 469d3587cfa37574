package io.jenkins.plugins.awsrollout.testing;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrollout.steps.BuildLogs;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The builds of a test "controller", by externalizable id ({@code job#1}): their logs, whether they still run, and
 * whether they still exist. Shared across simulated restarts, as builds outlive a controller restart.
 */
public final class TestBuilds implements BuildLogs {

    private final Map<String, TaskListener> logs = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    /** Build {@code buildId} runs and logs to {@code listener}. */
    public void started(String buildId, TaskListener listener) {
        logs.put(buildId, listener);
    }

    /** Build {@code buildId} is over: its log is closed. */
    public void finished(String buildId) {
        finished.add(buildId);
    }

    /** Build {@code buildId} was deleted. */
    public void deleted(String buildId) {
        deleted.add(buildId);
    }

    @Override
    public boolean exists(String buildId) {
        return logs.containsKey(buildId) && !deleted.contains(buildId);
    }

    /** Tests have no {@code Run}: the test runtime resolves credentials without one. */
    @Override
    public @CheckForNull Run<?, ?> build(String buildId) {
        return null;
    }

    @Override
    public boolean running(String buildId) {
        return exists(buildId) && !finished.contains(buildId);
    }

    @Override
    public @CheckForNull TaskListener listener(String buildId) {
        return running(buildId) ? logs.get(buildId) : null;
    }
}
