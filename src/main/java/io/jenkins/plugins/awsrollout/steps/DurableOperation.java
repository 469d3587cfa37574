package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.engine.aws.CredentialsLookup;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.engine.timeline.Timeline;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineProgress;
import java.io.IOException;
import java.io.Serializable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * One operation with where it runs: the resolved {@link AwsTarget} (fixed at the start, so a change of the global
 * defaults never moves a running rollout to another region) and the {@link OperationRun}. Shared by the Pipeline
 * execution (which persists it) and the freestyle builders (which keep it in memory). Holds no secret.
 *
 * @param <C> the cursor type
 */
public final class DurableOperation<C extends Cursor> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AwsTarget target;
    private OperationRun<C> run;
    // ---- timeline (issue #20): kept beside the run, so a restart keeps it; null in state saved before it existed ----
    private @CheckForNull Timeline timeline;

    public DurableOperation(AwsTarget target, OperationRun<C> run) {
        this.target = target;
        this.run = run;
    }

    public AwsTarget target() {
        return target;
    }

    public OperationRun<C> run() {
        return run;
    }

    /** The step call's timeline picture record (see {@link Timeline}). */
    public synchronized Timeline timeline() {
        if (timeline == null) {
            timeline = new Timeline(run.operation().name(), target.region(), run.startedAt());
        }
        return timeline;
    }

    /** Asks for the abort path; the next tick runs it. */
    public void requestAbort(AbortReason reason, String message) {
        run = run.abort(reason, message);
    }

    /**
     * One tick: the session of this build from the cache (its base credentials resolved again only when due, see
     * {@code AwsSessions}), then the engine decides.
     */
    public OperationRun.Next<C> tick(StepRuntime runtime, @CheckForNull Run<?, ?> build, Progress progress)
            throws IOException {
        return tick(runtime, build, () -> runtime.credentialsFor(target, build), progress);
    }

    /**
     * One tick with credentials the caller resolved: the cleanup ledger's fallback to the global connection when the
     * build's own credentials are gone.
     */
    public OperationRun.Next<C> tick(StepRuntime runtime, @CheckForNull Run<?, ?> build, CredentialsLookup credentials,
            Progress progress)
            throws IOException {
        AwsDefaults defaults = runtime.defaults();
        runtime.sessions().pacing().configure(defaults.writeRates());
        AwsSession session = runtime.sessions().session(
                target,
                credentials,
                defaults.retry(),
                runtime.proxy());
        Timeline record = timeline();
        progress = new TimelineProgress(progress, record, runtime.clock());
        OperationRun.Next<C> next = run.tick(new TickContext(session, runtime.clock(), progress, runtime.random()));
        run = next.run();
        if (next instanceof OperationRun.Next.Succeeded<C> succeeded) {
            record.end(runtime.clock().instant(), "SUCCESS", null, succeeded.result());
        } else if (next instanceof OperationRun.Next.Ended<C> ended) {
            record.end(runtime.clock().instant(), "FAILURE", ended.message(), null);
        }
        TimelineAction.publish(build, record);
        return next;
    }
}
