package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Operation;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The connection parameters every aws-rollout step accepts ({@code region}, {@code credentialsId}, {@code roleArn},
 * {@code externalId}, {@code endpointUrl}); blank ones fall back to the global configuration, then to the SDK's
 * default chains. Their help files live with this class and apply to every step.
 *
 * <p>A step builds its engine operation in one place, {@link #operation}: its Pipeline execution runs it on the
 * durable driver, and the freestyle build step that wraps it ({@code builders.AwsBuilder}) runs the same operation on
 * the build's executor, so the two can never diverge.
 *
 * <p>Steps are {@link Serializable} so that their execution can keep them across a controller restart; they hold
 * plain values only.
 */
public abstract class AwsStepBase extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private @CheckForNull String region;
    private @CheckForNull String credentialsId;
    private @CheckForNull String roleArn;
    private @CheckForNull String externalId;
    private @CheckForNull String endpointUrl;
    private boolean failOnError = true;

    /** The Pipeline function name ({@code awsBakeAmi}...): it prefixes the step's log lines, also in freestyle builds. */
    public abstract String functionName();

    /**
     * The engine operation for these parameters: validation and expansion only, no AWS call. A bad value throws
     * {@link io.jenkins.plugins.awsrollout.engine.OperationFailedException} naming the field and the value, before
     * anything changes in AWS.
     *
     * @param env the build's variables
     * @param defaults the global defaults
     * @param workspace the build's workspace, for steps that read files from it
     */
    public abstract Operation<? extends Cursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace);

    /**
     * Refuses parameter values that would leave one of the build's secrets where others can read it; called before
     * {@link #operation}, so before any AWS call. Steps whose parameters end up readable ({@code awsBakeAmi}'s user
     * data and commands) override this.
     *
     * @param secrets the build's sensitive variables (bound by {@code withCredentials} and the like): name to value
     */
    public void checkSecrets(Map<String, String> secrets) {}

    /** The values of the sensitive variables {@code names} in {@code env}. */
    public static Map<String, String> secretValues(Map<String, String> env, Set<String> names) {
        Map<String, String> values = new TreeMap<>();
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                values.put(name, value);
            }
        }
        return values;
    }

    /** Whether {@link #operation} reads the build's workspace: a freestyle build then gives it one. */
    public boolean needsWorkspace() {
        return false;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
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

    public boolean isFailOnError() {
        return failOnError;
    }

    /** {@code false}: a failure in AWS returns the step's map with {@code status} and {@code reason} instead of failing. */
    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    /** The connection as the driver resolves it. */
    public AwsConnection connection() {
        return new AwsConnection(region, credentialsId, roleArn, externalId, endpointUrl);
    }

    /** The execution of every aws-rollout step: the shared durable driver running the operation the step builds. */
    static final class Execution extends OperationExecution<Cursor> {

        private static final long serialVersionUID = 1L;

        private final AwsStepBase step;

        Execution(StepContext context, AwsStepBase step) {
            super(context, step.functionName(), step.connection());
            this.step = step;
        }

        @Override
        protected boolean failOnError() {
            return step.isFailOnError();
        }

        @Override
        protected Operation<? extends Cursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
            step.checkSecrets(secretValues(env, sensitiveVariables()));
            return step.operation(env, defaults, StepWorkspace.inPipeline(getContext()));
        }

        /** What Pipeline knows to be secret here ({@code withCredentials} marks what it binds). */
        private Set<String> sensitiveVariables() {
            try {
                EnvironmentExpander expander = getContext().get(EnvironmentExpander.class);
                return expander == null ? Set.of() : expander.getSensitiveVariables();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the build's environment", e);
            }
        }
    }
}
