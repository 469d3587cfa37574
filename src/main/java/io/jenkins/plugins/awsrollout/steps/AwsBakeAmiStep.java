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
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor;
import io.jenkins.plugins.awsrollout.engine.ami.BakeInput;
import io.jenkins.plugins.awsrollout.engine.ami.BakeOperation;
import io.jenkins.plugins.awsrollout.engine.ami.BakeRequest;
import io.jenkins.plugins.awsrollout.engine.ami.ScriptSecrets;
import java.util.ArrayList;
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
 * {@code awsBakeAmi}: bakes an AMI from a source image and a provisioning script (Packer's amazon-ebs builder),
 * copies and shares it, retires older ones, and returns the AMI ids. The builder instance is always terminated and
 * temporary resources deleted, whether the bake succeeds, fails, times out or is stopped, even across a controller
 * restart.
 *
 * <pre>{@code
 * def bake = awsBakeAmi amiName: 'web-${BUILD_NUMBER}-{{timestamp}}',
 *                       sourceAmiFilter: [name: 'base-al2023-*', owners: ['self']],
 *                       userData: readFile('provision.sh'), regions: ['eu-west-1'], keep: 5
 * echo "baked ${bake.amiId} (${bake.amis['eu-west-1']} in eu-west-1)"
 * }</pre>
 */
public class AwsBakeAmiStep extends AwsStepBase {

    private static final long serialVersionUID = 1L;
    static final String FUNCTION_NAME = "awsBakeAmi";

    /** The engine expands its variables (and keeps the per-build ones for the retention prefix). */
    @Verbatim
    private final String amiName;
    private @CheckForNull String sourceAmi;
    private @CheckForNull SourceAmiFilter sourceAmiFilter;
    private String instanceType = BakeRequest.DEFAULT_INSTANCE_TYPE;
    private @CheckForNull String subnetId;
    private List<String> securityGroupIds = new ArrayList<>();
    private @CheckForNull String iamInstanceProfile;
    private int rootVolumeSize;
    private List<String> runTags = new ArrayList<>();
    @Verbatim
    private @CheckForNull String userData;
    @Verbatim
    private List<String> ssmCommands = new ArrayList<>();
    /** Off: user data and commands that contain a secret of the build are refused (they end up readable). */
    private boolean allowSecretsInScript;
    private int provisionTimeoutMinutes = BakeRequest.DEFAULT_PROVISION_TIMEOUT_MINUTES;
    private @CheckForNull String description;
    private List<String> tags = new ArrayList<>();
    private List<String> snapshotTags = new ArrayList<>();
    private boolean encrypted;
    private @CheckForNull String kmsKeyId;
    private @CheckForNull String imdsSupport;
    private int deprecateAfterDays;
    private List<String> regions = new ArrayList<>();
    private List<String> regionKmsKeyIds = new ArrayList<>();
    private List<String> shareWithAccounts = new ArrayList<>();
    private boolean skipIfUnchanged;
    private int keep;
    private int timeoutMinutes = BakeRequest.DEFAULT_TIMEOUT_MINUTES;
    private String onError = "cleanup";
    private boolean dryRun;

    @DataBoundConstructor
    public AwsBakeAmiStep(String amiName) {
        this.amiName = Util.fixNull(amiName).trim();
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** {@code true}: only report what the step would do (the source AMI, the AMI name, the bake key and whether an AMI would be reused); no change in AWS. */
    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Operation<BakeCursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
        return new BakeOperation(request(env, defaults), dryRun);
    }

    /**
     * The validated request: the build's variables expanded, the global polling settings applied.
     *
     * @throws io.jenkins.plugins.awsrollout.engine.OperationFailedException naming the field and the value
     */
    BakeRequest request(Map<String, String> env, AwsDefaults defaults) {
        return BakeRequest.builder(amiName)
                .sourceAmi(sourceAmi)
                .sourceAmiFilter(sourceAmiFilter == null ? null : sourceAmiFilter.toEngine())
                .instanceType(instanceType)
                .subnetId(subnetId)
                .securityGroupIds(securityGroupIds)
                .iamInstanceProfile(iamInstanceProfile)
                .rootVolumeSize(rootVolumeSize)
                .runTags(runTags)
                .userData(userData)
                .ssmCommands(ssmCommands)
                .provisionTimeoutMinutes(provisionTimeoutMinutes)
                .description(description)
                .tags(tags)
                .snapshotTags(snapshotTags)
                .encrypted(encrypted)
                .kmsKeyId(kmsKeyId)
                .imdsSupport(imdsSupport)
                .deprecateAfterDays(deprecateAfterDays)
                .regions(regions)
                .regionKmsKeyIds(regionKmsKeyIds)
                .shareWithAccounts(shareWithAccounts)
                .skipIfUnchanged(skipIfUnchanged)
                .keep(keep)
                .timeoutMinutes(timeoutMinutes)
                .onError(onError)
                .polling(defaults.polling())
                .build(env);
    }

    public String getAmiName() {
        return amiName;
    }

    public @CheckForNull String getSourceAmi() {
        return sourceAmi;
    }

    @DataBoundSetter
    public void setSourceAmi(@CheckForNull String sourceAmi) {
        this.sourceAmi = Util.fixEmptyAndTrim(sourceAmi);
    }

    public @CheckForNull SourceAmiFilter getSourceAmiFilter() {
        return sourceAmiFilter;
    }

    @DataBoundSetter
    public void setSourceAmiFilter(@CheckForNull SourceAmiFilter sourceAmiFilter) {
        this.sourceAmiFilter = sourceAmiFilter;
    }

    public String getInstanceType() {
        return instanceType;
    }

    @DataBoundSetter
    public void setInstanceType(@CheckForNull String instanceType) {
        String value = Util.fixEmptyAndTrim(instanceType);
        this.instanceType = value == null ? BakeRequest.DEFAULT_INSTANCE_TYPE : value;
    }

    public @CheckForNull String getSubnetId() {
        return subnetId;
    }

    @DataBoundSetter
    public void setSubnetId(@CheckForNull String subnetId) {
        this.subnetId = Util.fixEmptyAndTrim(subnetId);
    }

    public List<String> getSecurityGroupIds() {
        return securityGroupIds;
    }

    @DataBoundSetter
    public void setSecurityGroupIds(@CheckForNull List<String> securityGroupIds) {
        this.securityGroupIds = OnePerLine.split(securityGroupIds);
    }

    public @CheckForNull String getIamInstanceProfile() {
        return iamInstanceProfile;
    }

    @DataBoundSetter
    public void setIamInstanceProfile(@CheckForNull String iamInstanceProfile) {
        this.iamInstanceProfile = Util.fixEmptyAndTrim(iamInstanceProfile);
    }

    public int getRootVolumeSize() {
        return rootVolumeSize;
    }

    @DataBoundSetter
    public void setRootVolumeSize(int rootVolumeSize) {
        this.rootVolumeSize = rootVolumeSize;
    }

    public List<String> getRunTags() {
        return runTags;
    }

    @DataBoundSetter
    public void setRunTags(@CheckForNull List<String> runTags) {
        this.runTags = OnePerLine.split(runTags);
    }

    public @CheckForNull String getUserData() {
        return userData;
    }

    @DataBoundSetter
    public void setUserData(@CheckForNull String userData) {
        this.userData = Util.fixEmpty(userData);
    }

    public List<String> getSsmCommands() {
        return ssmCommands;
    }

    @DataBoundSetter
    public void setSsmCommands(@CheckForNull List<String> ssmCommands) {
        // Not split on lines: in a Jenkinsfile one entry is one command and may hold several lines (a loop, a here
        // document). The form's one-per-line text is split by the descriptor, for forms only.
        this.ssmCommands = ssmCommands == null ? new ArrayList<>() : new ArrayList<>(ssmCommands);
    }

    public boolean isAllowSecretsInScript() {
        return allowSecretsInScript;
    }

    @DataBoundSetter
    public void setAllowSecretsInScript(boolean allowSecretsInScript) {
        this.allowSecretsInScript = allowSecretsInScript;
    }

    /** User data and SSM commands are readable by others once baked: they must not carry the build's secrets. */
    @Override
    public void checkSecrets(Map<String, String> secrets) {
        if (allowSecretsInScript) {
            return;
        }
        ScriptSecrets.refuse("userData", userData, secrets);
        for (String command : ssmCommands) {
            ScriptSecrets.refuse("ssmCommands", command, secrets);
        }
    }

    public int getProvisionTimeoutMinutes() {
        return provisionTimeoutMinutes;
    }

    @DataBoundSetter
    public void setProvisionTimeoutMinutes(int provisionTimeoutMinutes) {
        this.provisionTimeoutMinutes = provisionTimeoutMinutes;
    }

    public @CheckForNull String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(@CheckForNull String description) {
        this.description = Util.fixEmptyAndTrim(description);
    }

    public List<String> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(@CheckForNull List<String> tags) {
        this.tags = OnePerLine.split(tags);
    }

    public List<String> getSnapshotTags() {
        return snapshotTags;
    }

    @DataBoundSetter
    public void setSnapshotTags(@CheckForNull List<String> snapshotTags) {
        this.snapshotTags = OnePerLine.split(snapshotTags);
    }

    public boolean isEncrypted() {
        return encrypted;
    }

    @DataBoundSetter
    public void setEncrypted(boolean encrypted) {
        this.encrypted = encrypted;
    }

    public @CheckForNull String getKmsKeyId() {
        return kmsKeyId;
    }

    @DataBoundSetter
    public void setKmsKeyId(@CheckForNull String kmsKeyId) {
        this.kmsKeyId = Util.fixEmptyAndTrim(kmsKeyId);
    }

    public @CheckForNull String getImdsSupport() {
        return imdsSupport;
    }

    @DataBoundSetter
    public void setImdsSupport(@CheckForNull String imdsSupport) {
        this.imdsSupport = Util.fixEmptyAndTrim(imdsSupport);
    }

    public int getDeprecateAfterDays() {
        return deprecateAfterDays;
    }

    @DataBoundSetter
    public void setDeprecateAfterDays(int deprecateAfterDays) {
        this.deprecateAfterDays = deprecateAfterDays;
    }

    public List<String> getRegions() {
        return regions;
    }

    @DataBoundSetter
    public void setRegions(@CheckForNull List<String> regions) {
        this.regions = OnePerLine.split(regions);
    }

    public List<String> getRegionKmsKeyIds() {
        return regionKmsKeyIds;
    }

    @DataBoundSetter
    public void setRegionKmsKeyIds(@CheckForNull List<String> regionKmsKeyIds) {
        this.regionKmsKeyIds = OnePerLine.split(regionKmsKeyIds);
    }

    public List<String> getShareWithAccounts() {
        return shareWithAccounts;
    }

    @DataBoundSetter
    public void setShareWithAccounts(@CheckForNull List<String> shareWithAccounts) {
        this.shareWithAccounts = OnePerLine.split(shareWithAccounts);
    }

    public boolean isSkipIfUnchanged() {
        return skipIfUnchanged;
    }

    @DataBoundSetter
    public void setSkipIfUnchanged(boolean skipIfUnchanged) {
        this.skipIfUnchanged = skipIfUnchanged;
    }

    public int getKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(int keep) {
        this.keep = keep;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getOnError() {
        return onError;
    }

    @DataBoundSetter
    public void setOnError(@CheckForNull String onError) {
        String value = Util.fixEmptyAndTrim(onError);
        this.onError = value == null ? "cleanup" : value;
    }

    /** Security group ids, one per line (the form's text). */
    public String getSecurityGroupIdsText() {
        return OnePerLine.join(securityGroupIds);
    }

    /** Builder tags, one per line (the form's text). */
    public String getRunTagsText() {
        return OnePerLine.join(runTags);
    }

    /** Commands, one per line (the form's text). */
    public String getSsmCommandsText() {
        return OnePerLine.join(ssmCommands);
    }

    /** AMI tags, one per line (the form's text). */
    public String getTagsText() {
        return OnePerLine.join(tags);
    }

    /** Snapshot tags, one per line (the form's text). */
    public String getSnapshotTagsText() {
        return OnePerLine.join(snapshotTags);
    }

    /** Regions, one per line (the form's text). */
    public String getRegionsText() {
        return OnePerLine.join(regions);
    }

    /** Region=key pairs, one per line (the form's text). */
    public String getRegionKmsKeyIdsText() {
        return OnePerLine.join(regionKmsKeyIds);
    }

    /** Account ids, one per line (the form's text). */
    public String getShareWithAccountsText() {
        return OnePerLine.join(shareWithAccounts);
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Bake an AMI";
        }

        /**
         * A form (the Snippet Generator, the freestyle build step) gives {@code ssmCommands} as text with one command
         * per line; the setter keeps a Jenkinsfile's entries whole, so the text is split here, where only forms pass.
         */
        @Override
        public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            if (formData.opt("ssmCommands") instanceof String text) {
                formData.element("ssmCommands", OnePerLine.split(List.of(text)));
            }
            return super.newInstance(req, formData);
        }

        @POST
        public FormValidation doCheckAmiName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayConfigure(item)) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("An AMI name is required, for example web-${BUILD_NUMBER}-{{timestamp}}.");
            }
            return problem(BakeInput.checkAmiName(value));
        }

        @POST
        public FormValidation doCheckSourceAmi(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? problem(BakeInput.checkSourceAmi(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckInstanceType(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? problem(BakeInput.checkInstanceType(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckUserData(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? problem(BakeInput.checkUserData(value)) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillOnErrorItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (mayConfigure(item)) {
                model.add("Clean up everything (cleanup)", "cleanup");
                model.add("Keep the builder running for debugging (keep)", "keep");
            }
            return model;
        }

        @POST
        public ListBoxModel doFillImdsSupportItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (mayConfigure(item)) {
                model.add("Not set", "");
                model.add("IMDSv2 required (v2.0)", "v2.0");
            }
            return model;
        }
    }
}
