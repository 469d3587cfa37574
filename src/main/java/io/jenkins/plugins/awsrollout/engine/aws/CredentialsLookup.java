package io.jenkins.plugins.awsrollout.engine.aws;

import java.io.IOException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Finds a build's base credentials at the moment of use (in Jenkins: the credentials store, as the build), for
 * {@link AwsSessions} to resolve and cache. Called only when the cached credentials are due for a refresh.
 */
@FunctionalInterface
public interface CredentialsLookup {

    AwsCredentialsProvider find() throws IOException;
}
