package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.cfn.CfnDeployCursor;
import io.jenkins.plugins.awsrollout.engine.cfn.CfnDeployOperation;
import io.jenkins.plugins.awsrollout.engine.cfn.CfnDeployRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code awsCfnDeploy}: creates or updates a CloudFormation stack through a change set that it shows first; executes
 * it (unless it has no changes, is a dry run or would replace a protected resource), follows the stack's events to the
 * end, and returns the stack's status, changes and outputs. When the build is stopped it rolls the operation back.
 *
 * <p>{@code failOnError} is the step base's; a failed deployment's map is then returned as the engine made it.
 */
public class AwsCfnDeployStep extends AwsStepBase {

    private static final long serialVersionUID = 1L;

    static final String FUNCTION_NAME = "awsCfnDeploy";
    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    static final String DEFAULT_ON_ABORT = "rollback";

    private final String stack;
    private @CheckForNull String template;
    private @CheckForNull String templateBody;
    private @CheckForNull String templateUrl;
    private LinkedHashMap<String, String> parameters = new LinkedHashMap<>();
    private @CheckForNull String parametersFile;
    private List<String> tags = new ArrayList<>();
    private List<String> capabilities = new ArrayList<>();
    private @CheckForNull String stackRoleArn;
    private List<String> notificationArns = new ArrayList<>();
    private boolean terminationProtection = false;
    private @CheckForNull String s3Bucket;
    private @CheckForNull String s3Prefix;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private String onAbort = DEFAULT_ON_ABORT;
    private boolean dryRun = false;
    private List<String> protectResources = new ArrayList<>();

    @DataBoundConstructor
    public AwsCfnDeployStep(String stack) {
        this.stack = Util.fixEmptyAndTrim(stack);
    }

    public String getStack() {
        return stack;
    }

    public @CheckForNull String getTemplate() {
        return template;
    }

    @DataBoundSetter
    public void setTemplate(@CheckForNull String template) {
        this.template = Util.fixEmptyAndTrim(template);
    }

    public @CheckForNull String getTemplateBody() {
        return templateBody;
    }

    @DataBoundSetter
    public void setTemplateBody(@CheckForNull String templateBody) {
        this.templateBody = Util.fixEmpty(templateBody);
    }

    public @CheckForNull String getTemplateUrl() {
        return templateUrl;
    }

    @DataBoundSetter
    public void setTemplateUrl(@CheckForNull String templateUrl) {
        this.templateUrl = Util.fixEmptyAndTrim(templateUrl);
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    /** A Jenkinsfile's map ({@code [Env: 'prod', DesiredCapacity: 6]}); values are taken as text. */
    @DataBoundSetter
    public void setParameters(@CheckForNull Map<String, ?> parameters) {
        this.parameters = OnePerLine.textValues(parameters);
    }

    /** Key=Value, one per line (the form's text, read back by the descriptor's newInstance). */
    public String getParametersText() {
        return OnePerLine.joinPairs(parameters);
    }

    public @CheckForNull String getParametersFile() {
        return parametersFile;
    }

    @DataBoundSetter
    public void setParametersFile(@CheckForNull String parametersFile) {
        this.parametersFile = Util.fixEmptyAndTrim(parametersFile);
    }

    public List<String> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(@CheckForNull List<String> tags) {
        this.tags = OnePerLine.split(tags);
    }

    /** Key=Value, one per line (the form's text). */
    public String getTagsText() {
        return OnePerLine.join(tags);
    }

    public List<String> getCapabilities() {
        return capabilities;
    }

    @DataBoundSetter
    public void setCapabilities(@CheckForNull List<String> capabilities) {
        this.capabilities = OnePerLine.split(capabilities);
    }

    /** One per line (the form's text). */
    public String getCapabilitiesText() {
        return OnePerLine.join(capabilities);
    }

    public @CheckForNull String getStackRoleArn() {
        return stackRoleArn;
    }

    @DataBoundSetter
    public void setStackRoleArn(@CheckForNull String stackRoleArn) {
        this.stackRoleArn = Util.fixEmptyAndTrim(stackRoleArn);
    }

    public List<String> getNotificationArns() {
        return notificationArns;
    }

    @DataBoundSetter
    public void setNotificationArns(@CheckForNull List<String> notificationArns) {
        this.notificationArns = OnePerLine.split(notificationArns);
    }

    /** One per line (the form's text). */
    public String getNotificationArnsText() {
        return OnePerLine.join(notificationArns);
    }

    public boolean isTerminationProtection() {
        return terminationProtection;
    }

    @DataBoundSetter
    public void setTerminationProtection(boolean terminationProtection) {
        this.terminationProtection = terminationProtection;
    }

    public @CheckForNull String getS3Bucket() {
        return s3Bucket;
    }

    @DataBoundSetter
    public void setS3Bucket(@CheckForNull String s3Bucket) {
        this.s3Bucket = Util.fixEmptyAndTrim(s3Bucket);
    }

    public @CheckForNull String getS3Prefix() {
        return s3Prefix;
    }

    @DataBoundSetter
    public void setS3Prefix(@CheckForNull String s3Prefix) {
        this.s3Prefix = Util.fixEmptyAndTrim(s3Prefix);
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getOnAbort() {
        return onAbort;
    }

    @DataBoundSetter
    public void setOnAbort(@CheckForNull String onAbort) {
        this.onAbort = onAbort == null || onAbort.isBlank() ? DEFAULT_ON_ABORT : onAbort.trim();
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public List<String> getProtectResources() {
        return protectResources;
    }

    @DataBoundSetter
    public void setProtectResources(@CheckForNull List<String> protectResources) {
        this.protectResources = OnePerLine.split(protectResources);
    }

    /** Logical ids, one per line (the form's text). */
    public String getProtectResourcesText() {
        return OnePerLine.join(protectResources);
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    /** A template file or a parameters file is read from the workspace. */
    @Override
    public boolean needsWorkspace() {
        return template != null || parametersFile != null;
    }

    @Override
    public Operation<CfnDeployCursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
        CfnDeployRequest.Builder b = new CfnDeployRequest.Builder()
                .environment(env)
                .polling(defaults.polling())
                .stackName(stack)
                .templateBody(templateBody)
                .templateUrl(templateUrl)
                .parameters(parameters.entrySet().stream().map(p -> p.getKey() + "=" + p.getValue()).toList())
                .tags(tags)
                .capabilities(capabilities)
                .stackRoleArn(stackRoleArn)
                .notificationArns(notificationArns)
                .terminationProtection(terminationProtection)
                .upload(s3Bucket, s3Prefix)
                .timeoutMinutes(timeoutMinutes)
                .onAbort(onAbort)
                .dryRun(dryRun)
                .protectResources(protectResources)
                .failOnError(isFailOnError());
        if (template != null) {
            b.templateFile(template, read(workspace, "template", template));
        }
        if (parametersFile != null) {
            b.parametersFile(parametersFile, read(workspace, "parametersFile", parametersFile));
        }
        return new CfnDeployOperation(b.build());
    }

    /** A file's text from the workspace, or null when it is not there. */
    private static @CheckForNull String read(StepWorkspace workspace, String field, String path) {
        try {
            FilePath where = workspace.get();
            if (where == null) {
                throw new OperationFailedException(field + " '" + path + "' needs a workspace: run awsCfnDeploy inside node { }, "
                        + "or give the template as templateBody or templateUrl.");
            }
            return where.act(new ReadWorkspaceFile(path));
        } catch (IOException e) {
            throw new OperationFailedException("Invalid " + field + ": " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Interrupted while reading " + field + " '" + path + "'.", e);
        }
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Deploy a CloudFormation stack";
        }

        /** The form's parameters are {@code Key=Value} lines in {@code parametersText}; a Jenkinsfile gives a map. */
        @Override
        public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            Step step = super.newInstance(req, formData);
            if (step instanceof AwsCfnDeployStep stack && formData.opt("parametersText") instanceof String text) {
                stack.setParameters(OnePerLine.splitPairs("parameters", text));
            }
            return step;
        }

        @POST
        public FormValidation doCheckStack(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayConfigure(item)) {
                return FormValidation.ok();
            }
            if (value == null || value.isBlank()) {
                return FormValidation.error("The stack name is required.");
            }
            return value.trim().matches("[A-Za-z][A-Za-z0-9-]{0,127}") ? FormValidation.ok()
                    : FormValidation.error("A stack name is a letter, then letters, digits and hyphens, at most 128.");
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return !mayConfigure(item) || value == null || value.isBlank() ? FormValidation.ok()
                    : FormValidation.validateIntegerInRange(value.trim(), 1, 7 * 24 * 60);
        }

        @POST
        public FormValidation doCheckTemplateUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return !mayConfigure(item) || value == null || value.isBlank() || value.trim().matches("https?://\\S+") ? FormValidation.ok()
                    : FormValidation.error("An https URL of a template in S3.");
        }

        @POST
        public ListBoxModel doFillOnAbortItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (mayConfigure(item)) {
                model.add("Roll it back: cancel an update, delete a stack being created", "rollback");
                model.add("Leave it to CloudFormation", "leave");
            }
            return model;
        }
    }
}
