package io.jenkins.plugins.awsrollout.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code awsCodeDeploy(gitHub: [repository: 'owner/repo', commitId: '...'])}: a commit CodeDeploy fetches itself. */
public final class CodeDeployGitHubLocation implements Describable<CodeDeployGitHubLocation>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String repository;
    private final String commitId;

    @DataBoundConstructor
    public CodeDeployGitHubLocation(String repository, String commitId) {
        this.repository = Util.fixEmptyAndTrim(repository);
        this.commitId = Util.fixEmptyAndTrim(commitId);
    }

    public String getRepository() {
        return repository;
    }

    public String getCommitId() {
        return commitId;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CodeDeployGitHubLocation> {
        @Override
        public String getDisplayName() {
            return "GitHub commit";
        }
    }
}
