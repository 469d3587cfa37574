package io.jenkins.plugins.awsrollout.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.steps.AwsStepBase;
import io.jenkins.plugins.awsrollout.steps.JenkinsStepRuntime;
import io.jenkins.plugins.awsrollout.steps.StepOutcome;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import io.jenkins.plugins.awsrollout.steps.StepWorkspace;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jenkins.tasks.SimpleBuildStep;

/**
 * A freestyle build step that runs one aws-rollout step: it holds the Pipeline step itself (its form is the step's
 * form, see {@code config.jelly}) and runs the operation the step builds ({@link AwsStepBase#operation}) on the build's
 * own executor, ticking in a loop (normal for freestyle builds). Aborting the build interrupts the wait and runs the
 * operation's abort path in AWS before the build ends.
 *
 * @param <S> the step
 */
public abstract class AwsBuilder<S extends AwsStepBase> extends Builder implements SimpleBuildStep {

    private final S step;

    protected AwsBuilder(S step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    /** The step this build step runs; each builder exposes it under its own property name. */
    protected final S step() {
        return step;
    }

    @Override
    public boolean requiresWorkspace() {
        return step.needsWorkspace();
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        perform(JenkinsStepRuntime.get(), run, null, env, listener);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        perform(JenkinsStepRuntime.get(), run, workspace, env, listener);
    }

    /**
     * Pipeline's {@code step(...)} (or this builder's symbol) would run the operation on a blocked thread that neither
     * survives a restart nor hands its cleanup over: the Pipeline step is the durable entry point.
     */
    void refuseInPipeline(boolean inPipeline) throws AbortException {
        if (inPipeline) {
            throw new AbortException("This build step is for freestyle jobs: in a Pipeline, call " + step.functionName()
                    + "(...) instead, which survives a controller restart and finishes its cleanup when the build is stopped.");
        }
    }

    /**
     * Runs the operation to its end and returns its result; bad input fails the build before any AWS call. The
     * step's text fields have the build's variables expanded first (see {@link BuildVariables}).
     */
    Map<String, Object> perform(StepRuntime runtime, @CheckForNull Run<?, ?> run, @CheckForNull FilePath workspace,
            Map<String, String> env, TaskListener listener) throws InterruptedException, IOException {
        refuseInPipeline(run != null && !(run instanceof AbstractBuild));
        Operation<? extends Cursor> operation;
        S expanded = BuildVariables.expand(step, env);
        try {
            expanded.checkSecrets(AwsStepBase.secretValues(env,
                    run instanceof AbstractBuild<?, ?> build ? build.getSensitiveBuildVariables() : Set.of()));
            operation = expanded.operation(env, runtime.defaults(), StepWorkspace.inBuild(workspace));
        } catch (OperationFailedException e) {
            StepOutcome.record(runtime, run, step.functionName(), StepOutcome.failed(null, e.getMessage(), null));
            throw new AbortException(e.getMessage());
        }
        return new BlockingOperation<>(step.functionName(), operation, expanded.connection(), step.isFailOnError())
                .run(runtime, run, env, listener);
    }
}
