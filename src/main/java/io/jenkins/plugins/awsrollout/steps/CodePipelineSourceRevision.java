package io.jenkins.plugins.awsrollout.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code awsCodePipeline(sourceRevisions: [[actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: '...']])}: the
 * revision a source action uses in the new execution instead of the latest one (CodePipeline's SourceRevisionOverride).
 */
public final class CodePipelineSourceRevision implements Describable<CodePipelineSourceRevision>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String actionName;
    private final String revisionType;
    private final String revisionValue;

    @DataBoundConstructor
    public CodePipelineSourceRevision(String actionName, String revisionType, String revisionValue) {
        this.actionName = Util.fixEmptyAndTrim(actionName);
        this.revisionType = Util.fixEmptyAndTrim(revisionType);
        this.revisionValue = Util.fixEmptyAndTrim(revisionValue);
    }

    public String getActionName() {
        return actionName;
    }

    public String getRevisionType() {
        return revisionType;
    }

    public String getRevisionValue() {
        return revisionValue;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CodePipelineSourceRevision> {
        @Override
        public String getDisplayName() {
            return "Source revision";
        }
    }
}
