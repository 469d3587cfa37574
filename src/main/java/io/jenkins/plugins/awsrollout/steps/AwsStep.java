package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.awsrollout.config.AwsConnection;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The connection parameters every aws-rollout step accepts ({@code region}, {@code credentialsId}, {@code roleArn},
 * {@code externalId}, {@code endpointUrl}); blank ones fall back to the global configuration, then to the SDK's
 * default chains. Their help files live with this class and apply to every step.
 *
 * <p>Steps are {@link Serializable} so that their execution can keep them across a controller restart; they hold
 * plain values only.
 */
public abstract class AwsStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private @CheckForNull String region;
    private @CheckForNull String credentialsId;
    private @CheckForNull String roleArn;
    private @CheckForNull String externalId;
    private @CheckForNull String endpointUrl;

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

    /** The connection as the driver resolves it. */
    public AwsConnection connection() {
        return new AwsConnection(region, credentialsId, roleArn, externalId, endpointUrl);
    }
}
