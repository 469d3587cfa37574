package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Stand-in for aws-credentials {@code AmazonWebServicesCredentials}. The real interface also extends the SDK v1
 * {@code AWSCredentialsProvider}, which the plugin never calls.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider {
    long serialVersionUID = -8931505925778535681L;

    String getDisplayName();
}
