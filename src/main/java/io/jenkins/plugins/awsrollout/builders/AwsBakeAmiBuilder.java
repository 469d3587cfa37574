package io.jenkins.plugins.awsrollout.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.ami.BakeInput;
import io.jenkins.plugins.awsrollout.engine.ami.BakeOperation;
import io.jenkins.plugins.awsrollout.engine.ami.BakeRequest;
import io.jenkins.plugins.awsrollout.steps.AwsBakeAmiStep;
import io.jenkins.plugins.awsrollout.steps.SourceAmiFilter;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@code awsBakeAmi}: the same fields, list fields as text with one value per line (tags as
 * {@code Key=Value} lines; {@code ssmCommands} one command per line). The result map is printed by the driver; the
 * AMI id is in the log and on the AMI's tags.
 */
public class AwsBakeAmiBuilder extends AwsBuilder {

    private final String amiName;
    private @CheckForNull String sourceAmi;
    private @CheckForNull SourceAmiFilter sourceAmiFilter;
    private String instanceType = BakeRequest.DEFAULT_INSTANCE_TYPE;
    private @CheckForNull String subnetId;
    private @CheckForNull String securityGroupIds;
    private @CheckForNull String iamInstanceProfile;
    private int rootVolumeSize;
    private @CheckForNull String runTags;
    private @CheckForNull String userData;
    private @CheckForNull String ssmCommands;
    private int provisionTimeoutMinutes = BakeRequest.DEFAULT_PROVISION_TIMEOUT_MINUTES;
    private @CheckForNull String description;
    private @CheckForNull String tags;
    private @CheckForNull String snapshotTags;
    private boolean encrypted;
    private @CheckForNull String kmsKeyId;
    private @CheckForNull String imdsSupport;
    private int deprecateAfterDays;
    private @CheckForNull String regions;
    private @CheckForNull String regionKmsKeyIds;
    private @CheckForNull String shareWithAccounts;
    private boolean skipIfUnchanged;
    private int keep;
    private int timeoutMinutes = BakeRequest.DEFAULT_TIMEOUT_MINUTES;
    private String onError = "cleanup";

    @DataBoundConstructor
    public AwsBakeAmiBuilder(String amiName) {
        this.amiName = Util.fixNull(amiName).trim();
    }

    @Override
    protected String functionName() {
        return "awsBakeAmi";
    }

    @Override
    protected Operation<? extends Cursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
        return new BakeOperation(toStep().request(env, defaults));
    }

    /** The Pipeline step with the same fields: one translation of the parameters for both. */
    AwsBakeAmiStep toStep() {
        AwsBakeAmiStep step = new AwsBakeAmiStep(amiName);
        step.setSourceAmi(sourceAmi);
        step.setSourceAmiFilter(sourceAmiFilter);
        step.setInstanceType(instanceType);
        step.setSubnetId(subnetId);
        step.setSecurityGroupIds(lines(securityGroupIds));
        step.setIamInstanceProfile(iamInstanceProfile);
        step.setRootVolumeSize(rootVolumeSize);
        step.setRunTags(lines(runTags));
        step.setUserData(userData);
        step.setSsmCommands(lines(ssmCommands));
        step.setProvisionTimeoutMinutes(provisionTimeoutMinutes);
        step.setDescription(description);
        step.setTags(lines(tags));
        step.setSnapshotTags(lines(snapshotTags));
        step.setEncrypted(encrypted);
        step.setKmsKeyId(kmsKeyId);
        step.setImdsSupport(imdsSupport);
        step.setDeprecateAfterDays(deprecateAfterDays);
        step.setRegions(lines(regions));
        step.setRegionKmsKeyIds(lines(regionKmsKeyIds));
        step.setShareWithAccounts(lines(shareWithAccounts));
        step.setSkipIfUnchanged(skipIfUnchanged);
        step.setKeep(keep);
        step.setTimeoutMinutes(timeoutMinutes);
        step.setOnError(onError);
        return step;
    }

    private static List<String> lines(@CheckForNull String text) {
        return text == null ? List.of() : text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
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

    public @CheckForNull String getSecurityGroupIds() {
        return securityGroupIds;
    }

    @DataBoundSetter
    public void setSecurityGroupIds(@CheckForNull String securityGroupIds) {
        this.securityGroupIds = Util.fixEmptyAndTrim(securityGroupIds);
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

    public @CheckForNull String getRunTags() {
        return runTags;
    }

    @DataBoundSetter
    public void setRunTags(@CheckForNull String runTags) {
        this.runTags = Util.fixEmptyAndTrim(runTags);
    }

    public @CheckForNull String getUserData() {
        return userData;
    }

    @DataBoundSetter
    public void setUserData(@CheckForNull String userData) {
        this.userData = Util.fixEmpty(userData);
    }

    public @CheckForNull String getSsmCommands() {
        return ssmCommands;
    }

    @DataBoundSetter
    public void setSsmCommands(@CheckForNull String ssmCommands) {
        this.ssmCommands = Util.fixEmptyAndTrim(ssmCommands);
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

    public @CheckForNull String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(@CheckForNull String tags) {
        this.tags = Util.fixEmptyAndTrim(tags);
    }

    public @CheckForNull String getSnapshotTags() {
        return snapshotTags;
    }

    @DataBoundSetter
    public void setSnapshotTags(@CheckForNull String snapshotTags) {
        this.snapshotTags = Util.fixEmptyAndTrim(snapshotTags);
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

    public @CheckForNull String getRegions() {
        return regions;
    }

    @DataBoundSetter
    public void setRegions(@CheckForNull String regions) {
        this.regions = Util.fixEmptyAndTrim(regions);
    }

    public @CheckForNull String getRegionKmsKeyIds() {
        return regionKmsKeyIds;
    }

    @DataBoundSetter
    public void setRegionKmsKeyIds(@CheckForNull String regionKmsKeyIds) {
        this.regionKmsKeyIds = Util.fixEmptyAndTrim(regionKmsKeyIds);
    }

    public @CheckForNull String getShareWithAccounts() {
        return shareWithAccounts;
    }

    @DataBoundSetter
    public void setShareWithAccounts(@CheckForNull String shareWithAccounts) {
        this.shareWithAccounts = Util.fixEmptyAndTrim(shareWithAccounts);
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

    @Extension
    @Symbol("awsBakeAmiBuilder")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        public DescriptorImpl() {
            super(AwsBakeAmiStep.class);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Bake an AMI (aws-rollout)";
        }

        @POST
        public FormValidation doCheckAmiName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayConfigure(item)) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("An AMI name is required, for example web-${BUILD_NUMBER}-{{timestamp}}.");
            }
            return AwsBakeAmiStep.DescriptorImpl.validation(BakeInput.checkAmiName(value));
        }

        @POST
        public FormValidation doCheckSourceAmi(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AwsBakeAmiStep.DescriptorImpl.validation(BakeInput.checkSourceAmi(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckInstanceType(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AwsBakeAmiStep.DescriptorImpl.validation(BakeInput.checkInstanceType(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckUserData(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AwsBakeAmiStep.DescriptorImpl.validation(BakeInput.checkUserData(value)) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillOnErrorItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? AwsBakeAmiStep.DescriptorImpl.onErrorItems() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillImdsSupportItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? AwsBakeAmiStep.DescriptorImpl.imdsSupportItems() : new ListBoxModel();
        }
    }
}
