package io.jenkins.plugins.awsrollout.steps;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.ConnectionFields;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The descriptor side of {@link AwsStepBase}: the form endpoints of the connection fields, each {@code @POST} and
 * permission-checked against the job being configured.
 *
 * <p>Steps need only the build and its log: they run outside {@code node {}} and hold no executor while waiting.
 */
public abstract class AwsStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return ConnectionFields.credentialsItems(item, credentialsId);
    }

    @POST
    public ComboBoxModel doFillRegionItems(@AncestorInPath Item item) {
        return mayConfigure(item) ? ConnectionFields.regions() : new ComboBoxModel();
    }

    @POST
    public FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? ConnectionFields.checkRegion(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? ConnectionFields.checkRoleArn(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckExternalId(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? ConnectionFields.checkExternalId(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckEndpointUrl(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? ConnectionFields.checkEndpointUrl(value) : FormValidation.ok();
    }

    /** The engine's input check as a form check: its problem, as a sentence, is the error. */
    protected static FormValidation problem(Optional<String> problem) {
        return problem.map(p -> FormValidation.error(Character.toUpperCase(p.charAt(0)) + p.substring(1) + "."))
                .orElseGet(FormValidation::ok);
    }

    /** Whether the current user may configure {@code item} (or, outside a job, administer Jenkins). */
    protected static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** A select's items, {@code name, value} pairs, for a user who may configure {@code item} (else none). */
    protected static ListBoxModel choices(Item item, String... namesAndValues) {
        ListBoxModel model = new ListBoxModel();
        if (mayConfigure(item)) {
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                model.add(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return model;
    }
}
