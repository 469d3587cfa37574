package io.jenkins.plugins.awsrollout.config;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Turns a credentials id into an SDK credentials provider, at the moment of use.
 *
 * <p>The Jenkins credential is resolved here and handed on as static credentials: an aws-credentials entry with its
 * own IAM role calls STS on every {@code resolveCredentials()}, which the SDK would otherwise do on every request.
 * The engine keeps what a build resolved until shortly before it expires ({@code AwsSessions}), so this runs once
 * per credentials lifetime per build. A blank entry (no keys) means "use the controller's default chain", as in the
 * aws-credentials plugin.
 */
public final class JenkinsAwsCredentials {

    private JenkinsAwsCredentials() {}

    /**
     * For a build: the lookup applies the job's authentication (Authorize Project) and tracks usage.
     *
     * @param controllerIdentity whether an administrator allowed the controller's own identity (no id, or an entry
     *     with no keys); otherwise those fail the build saying where to set credentials
     */
    public static AwsCredentialsProvider inBuild(
            @CheckForNull String credentialsId, Run<?, ?> build, boolean controllerIdentity) throws AbortException {
        if (credentialsId == null) {
            if (!controllerIdentity) {
                throw new AbortException(AwsDefaults.noCredentialsSentence("No AWS credentials are set"));
            }
            return defaultChain();
        }
        AmazonWebServicesCredentials found =
                CredentialsProvider.findCredentialById(credentialsId, AmazonWebServicesCredentials.class, build);
        if (found == null) {
            throw new AbortException("No AWS credentials with id '" + credentialsId + "' are available to "
                    + build.getFullDisplayName() + ": check the id (Manage Jenkins » Credentials) and that the job "
                    + "may use them.");
        }
        AwsCredentialsProvider resolved = resolvedNow(found);
        if (resolved instanceof DefaultCredentialsProvider && !controllerIdentity) {
            throw new AbortException(AwsDefaults.noCredentialsSentence(
                    "The AWS credentials '" + credentialsId + "' hold no keys"));
        }
        return resolved;
    }

    /** For the global configuration page (administrators only): looked up as SYSTEM in the root context. */
    public static AwsCredentialsProvider global(@CheckForNull String credentialsId) throws AbortException {
        if (credentialsId == null) {
            return defaultChain();
        }
        AmazonWebServicesCredentials found = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        AmazonWebServicesCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(credentialsId));
        if (found == null) {
            throw new AbortException("No AWS credentials with id '" + credentialsId + "' exist in the global store.");
        }
        return resolvedNow(found);
    }

    private static AwsCredentialsProvider resolvedNow(AmazonWebServicesCredentials credentials) {
        AwsCredentials resolved = credentials.resolveCredentials();
        return resolved == null ? defaultChain() : StaticCredentialsProvider.create(resolved);
    }

    private static AwsCredentialsProvider defaultChain() {
        return DefaultCredentialsProvider.builder().build();
    }
}
