package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
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
public class AwsBakeAmiStep extends AwsStep {

    private static final long serialVersionUID = 1L;

    private final String amiName;
    private @CheckForNull String sourceAmi;
    private @CheckForNull SourceAmiFilter sourceAmiFilter;
    private String instanceType = BakeRequest.DEFAULT_INSTANCE_TYPE;
    private @CheckForNull String subnetId;
    private List<String> securityGroupIds = new ArrayList<>();
    private @CheckForNull String iamInstanceProfile;
    private int rootVolumeSize;
    private List<String> runTags = new ArrayList<>();
    private @CheckForNull String userData;
    private List<String> ssmCommands = new ArrayList<>();
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

    @DataBoundConstructor
    public AwsBakeAmiStep(String amiName) {
        this.amiName = Util.fixNull(amiName).trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * The validated request: the build's variables expanded, the global polling settings applied.
     *
     * @throws io.jenkins.plugins.awsrollout.engine.OperationFailedException naming the field and the value
     */
    public BakeRequest request(Map<String, String> env, AwsDefaults defaults) {
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
        this.securityGroupIds = copy(securityGroupIds);
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
        this.runTags = copy(runTags);
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
        this.ssmCommands = copy(ssmCommands);
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
        this.tags = copy(tags);
    }

    public List<String> getSnapshotTags() {
        return snapshotTags;
    }

    @DataBoundSetter
    public void setSnapshotTags(@CheckForNull List<String> snapshotTags) {
        this.snapshotTags = copy(snapshotTags);
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
        this.regions = copy(regions);
    }

    public List<String> getRegionKmsKeyIds() {
        return regionKmsKeyIds;
    }

    @DataBoundSetter
    public void setRegionKmsKeyIds(@CheckForNull List<String> regionKmsKeyIds) {
        this.regionKmsKeyIds = copy(regionKmsKeyIds);
    }

    public List<String> getShareWithAccounts() {
        return shareWithAccounts;
    }

    @DataBoundSetter
    public void setShareWithAccounts(@CheckForNull List<String> shareWithAccounts) {
        this.shareWithAccounts = copy(shareWithAccounts);
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

    private static List<String> copy(@CheckForNull List<String> values) {
        return values == null ? new ArrayList<>() : new ArrayList<>(values);
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "awsBakeAmi";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Bake an AMI";
        }

        @POST
        public FormValidation doCheckAmiName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayConfigure(item)) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("An AMI name is required, for example web-${BUILD_NUMBER}-{{timestamp}}.");
            }
            return validation(BakeInput.checkAmiName(value));
        }

        @POST
        public FormValidation doCheckSourceAmi(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? validation(BakeInput.checkSourceAmi(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckInstanceType(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? validation(BakeInput.checkInstanceType(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckUserData(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? validation(BakeInput.checkUserData(value)) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillOnErrorItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? onErrorItems() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillImdsSupportItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? imdsSupportItems() : new ListBoxModel();
        }

        public static ListBoxModel onErrorItems() {
            ListBoxModel model = new ListBoxModel();
            model.add("Clean up everything (cleanup)", "cleanup");
            model.add("Keep the builder running for debugging (keep)", "keep");
            return model;
        }

        public static ListBoxModel imdsSupportItems() {
            ListBoxModel model = new ListBoxModel();
            model.add("Not set", "");
            model.add("IMDSv2 required (v2.0)", "v2.0");
            return model;
        }

        public static FormValidation validation(Optional<String> problem) {
            return problem.map(p -> FormValidation.error(capitalize(p) + ".")).orElse(FormValidation.ok());
        }

        private static String capitalize(String text) {
            return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }

    /** The durable execution: the bake's state machine, ticked by the shared driver. */
    static final class Execution extends OperationExecution<BakeCursor> {

        private static final long serialVersionUID = 1L;

        private final AwsBakeAmiStep step;

        Execution(StepContext context, AwsBakeAmiStep step) {
            super(context, "awsBakeAmi", step.connection());
            this.step = step;
        }

        @Override
        protected Operation<BakeCursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
            return new BakeOperation(step.request(env, defaults));
        }
    }
}
