package io.jenkins.plugins.awsrollout.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;

/**
 * The form checks and choices of {@code awsCodeDeploy}'s own fields, shared by the step's and the builder's
 * descriptors. Each answers only to users who may configure the job.
 */
public final class CodeDeployForm {

    private CodeDeployForm() {}

    public static FormValidation required(Item item, String value, String message) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return value == null || value.isBlank() ? FormValidation.error(message) : FormValidation.ok();
    }

    public static FormValidation timeoutMinutes(Item item, String value) {
        if (!mayConfigure(item) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        return FormValidation.validateIntegerInRange(value.trim(), 1, 7 * 24 * 60);
    }

    public static FormValidation deploymentId(Item item, String value) {
        if (!mayConfigure(item) || value == null || value.isBlank() || value.trim().matches("d-[A-Z0-9]{9}")) {
            return FormValidation.ok();
        }
        return FormValidation.error("'" + value.trim() + "' is not a CodeDeploy deployment id (d- and 9 letters or digits).");
    }

    public static ListBoxModel onAbortItems(Item item) {
        return choices(item, "Stop it with automatic rollback", "stop", "Leave it running", "leave");
    }

    public static ListBoxModel onReadyItems(Item item) {
        return choices(item, "Wait until it is continued in AWS", "wait", "Continue it at once", "continue",
                "Return with status Ready", "return");
    }

    public static ListBoxModel fileExistsBehaviorItems(Item item) {
        return choices(item, "CodeDeploy's default (DISALLOW)", "", "Fail (DISALLOW)", "DISALLOW",
                "Overwrite (OVERWRITE)", "OVERWRITE", "Keep the existing file (RETAIN)", "RETAIN");
    }

    public static ListBoxModel sseAlgorithmItems(Item item) {
        return choices(item, "The bucket's default", "", "S3 managed keys (AES256)", "AES256", "KMS (aws:kms)", "aws:kms");
    }

    private static ListBoxModel choices(Item item, String... namesAndValues) {
        ListBoxModel model = new ListBoxModel();
        if (mayConfigure(item)) {
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                model.add(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return model;
    }

    private static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
