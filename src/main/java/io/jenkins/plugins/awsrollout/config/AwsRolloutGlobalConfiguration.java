package io.jenkins.plugins.awsrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.security.Permission;
import io.jenkins.plugins.awsrollout.engine.aws.AllowList;
import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import io.jenkins.plugins.awsrollout.engine.aws.RetrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The global defaults of every aws-rollout step and builder (Manage Jenkins » System » AWS Rollout), also
 * configurable as code under {@code unclassified: awsRollout:}. There is no hand-written {@code configure}: the
 * form and JCasC both go through the {@link DataBoundSetter}s. Administrators only: besides defaults, it holds what
 * jobs may reach beyond them (the controller's identity, other roles, other endpoints).
 */
@Extension
@Symbol("awsRollout")
public class AwsRolloutGlobalConfiguration extends GlobalConfiguration {

    private @CheckForNull String region;
    private @CheckForNull String credentialsId;
    private @CheckForNull String roleArn;
    private @CheckForNull String externalId;
    private @CheckForNull String endpointUrl;
    private int pollIntervalSeconds = (int) AwsDefaults.DEFAULT_POLL_INTERVAL.toSeconds();
    private int maxPollIntervalSeconds = (int) AwsDefaults.DEFAULT_MAX_POLL_INTERVAL.toSeconds();
    private int apiMaxAttempts = RetrySettings.DEFAULT_MAX_ATTEMPTS;
    private boolean adaptiveRetries;
    /** The controller's pace for AWS writes (0 in configurations saved before: the default). */
    private int autoScalingWritesPerSecond = ApiRates.DEFAULT_AUTO_SCALING;
    private int elbWritesPerSecond = ApiRates.DEFAULT_ELB;
    /** Off by default: a build without credentials fails instead of acting as the controller. */
    private boolean useControllerIdentity;
    /** Role ARN patterns a step may ask for besides the global role (null in configurations saved before). */
    private @CheckForNull List<String> rolesJobsMayAssume;
    /** Endpoints a step may ask for besides the global one (null in configurations saved before). */
    private @CheckForNull List<String> endpointsJobsMayUse;

    public AwsRolloutGlobalConfiguration() {
        load();
    }

    public static AwsRolloutGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(AwsRolloutGlobalConfiguration.class);
    }

    /** The defaults as the engine uses them. */
    public AwsDefaults toDefaults() {
        return new AwsDefaults(
                region,
                credentialsId,
                roleArn,
                externalId,
                endpointUrl,
                Duration.ofSeconds(Math.max(1, pollIntervalSeconds)),
                Duration.ofSeconds(Math.max(pollIntervalSeconds, maxPollIntervalSeconds)),
                new RetrySettings(adaptiveRetries, Math.max(1, apiMaxAttempts), null),
                useControllerIdentity,
                getRolesJobsMayAssume(),
                getEndpointsJobsMayUse(),
                new ApiRates(getAutoScalingWritesPerSecond(), getElbWritesPerSecond()));
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "AWS Rollout";
    }

    public @CheckForNull String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(@CheckForNull String region) {
        this.region = Util.fixEmptyAndTrim(region);
        save();
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public @CheckForNull String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(@CheckForNull String roleArn) {
        this.roleArn = Util.fixEmptyAndTrim(roleArn);
        save();
    }

    public @CheckForNull String getExternalId() {
        return externalId;
    }

    @DataBoundSetter
    public void setExternalId(@CheckForNull String externalId) {
        this.externalId = Util.fixEmptyAndTrim(externalId);
        save();
    }

    public @CheckForNull String getEndpointUrl() {
        return endpointUrl;
    }

    @DataBoundSetter
    public void setEndpointUrl(@CheckForNull String endpointUrl) {
        this.endpointUrl = Util.fixEmptyAndTrim(endpointUrl);
        save();
    }

    public int getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    @DataBoundSetter
    public void setPollIntervalSeconds(int pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
        save();
    }

    public int getMaxPollIntervalSeconds() {
        return maxPollIntervalSeconds;
    }

    @DataBoundSetter
    public void setMaxPollIntervalSeconds(int maxPollIntervalSeconds) {
        this.maxPollIntervalSeconds = maxPollIntervalSeconds;
        save();
    }

    public int getApiMaxAttempts() {
        return apiMaxAttempts;
    }

    @DataBoundSetter
    public void setApiMaxAttempts(int apiMaxAttempts) {
        this.apiMaxAttempts = apiMaxAttempts;
        save();
    }

    public boolean isAdaptiveRetries() {
        return adaptiveRetries;
    }

    @DataBoundSetter
    public void setAdaptiveRetries(boolean adaptiveRetries) {
        this.adaptiveRetries = adaptiveRetries;
        save();
    }

    public int getAutoScalingWritesPerSecond() {
        return rate(autoScalingWritesPerSecond, ApiRates.DEFAULT_AUTO_SCALING);
    }

    /** Writes per second to Auto Scaling, all builds of the controller together, per Region. */
    @DataBoundSetter
    public void setAutoScalingWritesPerSecond(int autoScalingWritesPerSecond) {
        this.autoScalingWritesPerSecond = checkedRate("autoScalingWritesPerSecond", autoScalingWritesPerSecond);
        save();
    }

    public int getElbWritesPerSecond() {
        return rate(elbWritesPerSecond, ApiRates.DEFAULT_ELB);
    }

    /** Writes per second to Elastic Load Balancing, all builds of the controller together, per Region. */
    @DataBoundSetter
    public void setElbWritesPerSecond(int elbWritesPerSecond) {
        this.elbWritesPerSecond = checkedRate("elbWritesPerSecond", elbWritesPerSecond);
        save();
    }

    /** A rate as saved: 0 (a configuration saved before the setting existed) is the default. */
    private static int rate(int saved, int fallback) {
        return saved == 0 ? fallback : saved;
    }

    /** Refuses a rate out of range with a sentence naming the field and the value (JCasC shows it as is). */
    private static int checkedRate(String field, int value) {
        if (value < 1 || value > ApiRates.MAX) {
            throw new IllegalArgumentException(field + " must be between 1 and " + ApiRates.MAX + " writes per second, not " + value + ".");
        }
        return value;
    }

    public boolean isUseControllerIdentity() {
        return useControllerIdentity;
    }

    /**
     * Whether steps without credentials may use the controller's own AWS identity (its instance profile or
     * environment), which is usually more than any one job should have.
     */
    @DataBoundSetter
    public void setUseControllerIdentity(boolean useControllerIdentity) {
        this.useControllerIdentity = useControllerIdentity;
        save();
    }

    /** Only administrators configure this page (never {@code Jenkins.MANAGE}): it decides what every job may reach. */
    @NonNull
    @Override
    public Permission getRequiredGlobalConfigPagePermission() {
        return Jenkins.ADMINISTER;
    }

    public List<String> getRolesJobsMayAssume() {
        return rolesJobsMayAssume == null ? List.of() : List.copyOf(rolesJobsMayAssume);
    }

    /** One pattern per line in the form; {@code *} stands for any characters. */
    @DataBoundSetter
    public void setRolesJobsMayAssume(@CheckForNull List<String> rolesJobsMayAssume) {
        this.rolesJobsMayAssume = lines(rolesJobsMayAssume);
        save();
    }

    /** The form's text: one pattern per line. */
    public String getRolesJobsMayAssumeText() {
        return String.join("\n", getRolesJobsMayAssume());
    }

    public List<String> getEndpointsJobsMayUse() {
        return endpointsJobsMayUse == null ? List.of() : List.copyOf(endpointsJobsMayUse);
    }

    @DataBoundSetter
    public void setEndpointsJobsMayUse(@CheckForNull List<String> endpointsJobsMayUse) {
        this.endpointsJobsMayUse = lines(endpointsJobsMayUse);
        save();
    }

    /** The form's text: one URL per line. */
    public String getEndpointsJobsMayUseText() {
        return String.join("\n", getEndpointsJobsMayUse());
    }

    @POST
    public FormValidation doCheckRolesJobsMayAssume(@QueryParameter String value) {
        if (!admin()) {
            return FormValidation.ok();
        }
        for (String line : lines(List.of(value == null ? "" : value))) {
            Optional<String> problem = AllowList.checkRolePattern(line);
            if (problem.isPresent()) {
                return FormValidation.error(problem.get());
            }
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckEndpointsJobsMayUse(@QueryParameter String value) {
        if (!admin()) {
            return FormValidation.ok();
        }
        for (String line : lines(List.of(value == null ? "" : value))) {
            if (line.equals("*")) {
                return FormValidation.warning("* lets every job send its AWS calls, signed, to any https endpoint.");
            }
            FormValidation check = ConnectionFields.checkEndpointUrl(line);
            if (check.kind != FormValidation.Kind.OK) {
                return check;
            }
        }
        return FormValidation.ok();
    }

    @POST
    public ComboBoxModel doFillRegionItems() {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new ComboBoxModel();
        }
        return ConnectionFields.regions();
    }

    @POST
    public FormValidation doCheckRegion(@QueryParameter String value) {
        return admin() ? ConnectionFields.checkRegion(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckRoleArn(@QueryParameter String value) {
        return admin() ? ConnectionFields.checkRoleArn(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckExternalId(@QueryParameter String value) {
        return admin() ? ConnectionFields.checkExternalId(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckEndpointUrl(@QueryParameter String value) {
        return admin() ? ConnectionFields.checkEndpointUrl(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckPollIntervalSeconds(@QueryParameter String value) {
        return admin() ? FormValidation.validateIntegerInRange(value, 1, 3600) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckMaxPollIntervalSeconds(@QueryParameter String value) {
        return admin() ? FormValidation.validateIntegerInRange(value, 1, 3600) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckAutoScalingWritesPerSecond(@QueryParameter String value) {
        return admin() ? checkRate("autoScalingWritesPerSecond", value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckElbWritesPerSecond(@QueryParameter String value) {
        return admin() ? checkRate("elbWritesPerSecond", value) : FormValidation.ok();
    }

    /** The form's check of a rate: a whole number from 1 to {@link ApiRates#MAX}, named in the message. */
    static FormValidation checkRate(String field, @CheckForNull String value) {
        String text = value == null ? "" : value.trim();
        try {
            int rate = Integer.parseInt(text);
            if (rate >= 1 && rate <= ApiRates.MAX) {
                return FormValidation.ok();
            }
        } catch (NumberFormatException e) {
            // Said below, with the value.
        }
        return FormValidation.error(field + " must be a whole number of writes per second from 1 to " + ApiRates.MAX + ", not '" + text + "'.");
    }

    @POST
    public FormValidation doCheckApiMaxAttempts(@QueryParameter String value) {
        return admin() ? FormValidation.validateIntegerInRange(value, 1, 20) : FormValidation.ok();
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        return ConnectionFields.credentialsItems(null, credentialsId);
    }

    /** Calls STS GetCallerIdentity with the chosen credentials and role; shows the account and ARN, never a secret. */
    @POST
    public FormValidation doTestConnection(
            @QueryParameter String region,
            @QueryParameter String credentialsId,
            @QueryParameter String roleArn,
            @QueryParameter String externalId,
            @QueryParameter String endpointUrl) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConnectionFields.testConnection(new AwsConnection(region, credentialsId, roleArn, externalId, endpointUrl));
    }

    /** Each entry split on line breaks (a form sends one text), trimmed, blanks dropped. */
    private static ArrayList<String> lines(@CheckForNull List<String> values) {
        ArrayList<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String line : (value == null ? "" : value).split("\\R")) {
                    if (!line.isBlank()) {
                        out.add(line.trim());
                    }
                }
            }
        }
        return out;
    }

    private static boolean admin() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }
}
