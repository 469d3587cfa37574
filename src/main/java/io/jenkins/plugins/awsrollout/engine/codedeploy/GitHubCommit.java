package io.jenkins.plugins.awsrollout.engine.codedeploy;

/**
 * A commit of a GitHub repository connected to CodeDeploy.
 *
 * @param repository {@code owner/repository}
 * @param commitId the commit SHA
 */
public record GitHubCommit(String repository, String commitId) implements Revision {

    @Override
    public String describe() {
        return "GitHub " + repository + "@" + commitId;
    }
}
