package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.codepipeline.CodePipelineCursor;
import io.jenkins.plugins.awsrollout.engine.codepipeline.CodePipelineOperation;
import io.jenkins.plugins.awsrollout.engine.codepipeline.CodePipelineRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code awsCodePipeline}: starts a CodePipeline execution (or follows one, or answers the approval it waits at),
 * follows it stage by stage and action by action, deals with manual approvals as asked, stops it when the build is
 * aborted or times out, and returns the execution id, status, stages, variables and the reason of a failure.
 */
public class AwsCodePipelineStep extends AwsStepBase {

    private static final long serialVersionUID = 1L;

    static final String FUNCTION_NAME = "awsCodePipeline";

    private final String pipeline;
    private @CheckForNull String executionId;
    private TreeMap<String, String> variables = new TreeMap<>();
    private List<CodePipelineSourceRevision> sourceRevisions = new ArrayList<>();
    // Defaults as the form's selects show them, so that a form round trip keeps what a Jenkinsfile left out.
    private String approvals = "wait";
    private @CheckForNull Boolean approve;
    private @CheckForNull String approvalSummary;
    private String onAbort = "stop";
    private String stopMode = "finish";
    private int timeoutMinutes = 120;
    private int pollIntervalSeconds = 0;

    @DataBoundConstructor
    public AwsCodePipelineStep(String pipeline) {
        this.pipeline = Util.fixEmptyAndTrim(pipeline);
    }

    public String getPipeline() {
        return pipeline;
    }

    public @CheckForNull String getExecutionId() {
        return executionId;
    }

    @DataBoundSetter
    public void setExecutionId(@CheckForNull String executionId) {
        this.executionId = Util.fixEmptyAndTrim(executionId);
    }

    public Map<String, String> getVariables() {
        return variables;
    }

    /** A Jenkinsfile's map ({@code [VERSION: '1.4.2']}); values are taken as text (numbers, GStrings). */
    @DataBoundSetter
    public void setVariables(@CheckForNull Map<String, ?> variables) {
        this.variables = new TreeMap<>(OnePerLine.textValues(variables));
    }

    /** The variables as the form shows them: {@code NAME=value}, one per line. */
    public String getVariablesText() {
        return OnePerLine.joinPairs(variables);
    }

    public List<CodePipelineSourceRevision> getSourceRevisions() {
        return sourceRevisions;
    }

    @DataBoundSetter
    public void setSourceRevisions(@CheckForNull List<CodePipelineSourceRevision> sourceRevisions) {
        this.sourceRevisions = sourceRevisions == null ? new ArrayList<>() : new ArrayList<>(sourceRevisions);
    }

    public String getApprovals() {
        return approvals;
    }

    @DataBoundSetter
    public void setApprovals(@CheckForNull String approvals) {
        this.approvals = approvals == null || approvals.isBlank() ? "wait" : approvals.trim();
    }

    public @CheckForNull Boolean getApprove() {
        return approve;
    }

    @DataBoundSetter
    public void setApprove(@CheckForNull Boolean approve) {
        this.approve = approve;
    }

    public @CheckForNull String getApprovalSummary() {
        return approvalSummary;
    }

    @DataBoundSetter
    public void setApprovalSummary(@CheckForNull String approvalSummary) {
        this.approvalSummary = Util.fixEmptyAndTrim(approvalSummary);
    }

    public String getOnAbort() {
        return onAbort;
    }

    @DataBoundSetter
    public void setOnAbort(@CheckForNull String onAbort) {
        this.onAbort = onAbort == null || onAbort.isBlank() ? "stop" : onAbort.trim();
    }

    public String getStopMode() {
        return stopMode;
    }

    @DataBoundSetter
    public void setStopMode(@CheckForNull String stopMode) {
        this.stopMode = stopMode == null || stopMode.isBlank() ? "finish" : stopMode.trim();
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public int getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    @DataBoundSetter
    public void setPollIntervalSeconds(int pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Operation<CodePipelineCursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
        CodePipelineRequest.Builder b = new CodePipelineRequest.Builder()
                .environment(env)
                .polling(defaults.polling())
                .pipeline(pipeline)
                .executionId(executionId)
                .variables(variables)
                .approvals(approvals)
                .approve(approve)
                .approvalSummary(approvalSummary)
                .onAbort(onAbort)
                .stopMode(stopMode)
                .timeoutMinutes(timeoutMinutes)
                .failOnError(isFailOnError())
                .pollIntervalSeconds(pollIntervalSeconds);
        for (CodePipelineSourceRevision revision : sourceRevisions) {
            b.sourceRevision(revision.getActionName(), revision.getRevisionType(), revision.getRevisionValue());
        }
        return new CodePipelineOperation(b.build());
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Release with AWS CodePipeline";
        }

        /** The form's variables are {@code NAME=value} lines in {@code variablesText}; a Jenkinsfile gives a map. */
        @Override
        public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            Step step = super.newInstance(req, formData);
            if (step instanceof AwsCodePipelineStep release && formData.opt("variablesText") instanceof String text) {
                release.setVariables(OnePerLine.splitPairs("variables", text));
            }
            return step;
        }

        @POST
        public FormValidation doCheckPipeline(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayConfigure(item)) {
                return FormValidation.ok();
            }
            return value == null || value.isBlank() ? FormValidation.error("The pipeline's name is required.") : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) && value != null && !value.isBlank()
                    ? FormValidation.validateIntegerInRange(value.trim(), 1, 7 * 24 * 60) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillApprovalsItems(@AncestorInPath Item item) {
            return choices(item, "Wait until someone approves in AWS", "wait", "Approve it as this build", "approve",
                    "Return with status AwaitingApproval", "input");
        }

        @POST
        public ListBoxModel doFillOnAbortItems(@AncestorInPath Item item) {
            return choices(item, "Stop the execution", "stop", "Leave it running", "leave");
        }

        @POST
        public ListBoxModel doFillStopModeItems(@AncestorInPath Item item) {
            return choices(item, "Let in-progress actions finish", "finish", "Abandon in-progress actions", "abandon");
        }
    }
}
