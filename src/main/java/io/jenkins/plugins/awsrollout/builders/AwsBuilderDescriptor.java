package io.jenkins.plugins.awsrollout.builders;

import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.ConnectionFields;
import io.jenkins.plugins.awsrollout.steps.AwsStep;
import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The descriptor side of {@link AwsBuilder}. A builder has exactly the fields of its Pipeline step, so each field's
 * help is the step's (one text per field, however it is used), and the connection fields get the same checked,
 * {@code @POST} form endpoints as the steps.
 */
public abstract class AwsBuilderDescriptor extends BuildStepDescriptor<Builder> {

    /** @param step the Pipeline step with the same fields, whose help files this builder shows */
    protected AwsBuilderDescriptor(Class<? extends AwsStep> step) {
        for (String field : fieldsOf(clazz)) {
            addHelpFileRedirect(field, step, field);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
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

    protected static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** The bound fields of a builder class: its {@code @DataBoundConstructor} parameters and setters. */
    static java.util.Set<String> fieldsOf(Class<?> type) {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    fields.add(parameter.getName());
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class) && method.getName().startsWith("set")) {
                fields.add(Introspector.decapitalize(method.getName().substring(3)));
            }
        }
        return fields;
    }
}
