package io.jenkins.plugins.awsrollout.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.steps.JenkinsStepRuntime;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import java.io.IOException;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A freestyle build step running one aws-rollout operation: the same engine as the Pipeline step, driven by a
 * blocking tick loop on the build's own executor (normal for freestyle builds). Aborting the build interrupts the
 * wait and runs the operation's abort path in AWS before the build ends.
 *
 * <p>The connection fields mirror those of the Pipeline steps; their help files live with this class.
 */
public abstract class AwsBuilder extends Builder implements SimpleBuildStep {

    private @CheckForNull String region;
    private @CheckForNull String credentialsId;
    private @CheckForNull String roleArn;
    private @CheckForNull String externalId;
    private @CheckForNull String endpointUrl;

    /** The Pipeline function name of the same capability, used to prefix log lines. */
    protected abstract String functionName();

    /** Builds the operation from this builder's fields: validation only, no AWS call. */
    protected abstract Operation<? extends Cursor> createOperation(Map<String, String> env, AwsDefaults defaults);

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        perform(JenkinsStepRuntime.get(), run, env, listener);
    }

    /** Runs the operation to its end; the result map is printed as the step's summary line. */
    Map<String, Object> perform(StepRuntime runtime, @CheckForNull Run<?, ?> run, Map<String, String> env, TaskListener listener)
            throws InterruptedException, IOException {
        Operation<? extends Cursor> operation;
        try {
            operation = createOperation(env, runtime.defaults());
        } catch (OperationFailedException e) {
            // Bad input fails the build with its one sentence, as the Pipeline step does, before any AWS call.
            throw new hudson.AbortException(e.getMessage());
        }
        return new BlockingOperation<>(functionName(), operation, connection()).run(runtime, run, env, listener);
    }

    public @CheckForNull String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public @CheckForNull String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(@CheckForNull String roleArn) {
        this.roleArn = Util.fixEmptyAndTrim(roleArn);
    }

    public @CheckForNull String getExternalId() {
        return externalId;
    }

    @DataBoundSetter
    public void setExternalId(@CheckForNull String externalId) {
        this.externalId = Util.fixEmptyAndTrim(externalId);
    }

    public @CheckForNull String getEndpointUrl() {
        return endpointUrl;
    }

    @DataBoundSetter
    public void setEndpointUrl(@CheckForNull String endpointUrl) {
        this.endpointUrl = Util.fixEmptyAndTrim(endpointUrl);
    }

    public AwsConnection connection() {
        return new AwsConnection(region, credentialsId, roleArn, externalId, endpointUrl);
    }
}
