package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code awsCodeDeploy(s3: [bucket: ..., key: ...])}: a bundle already in S3. */
public final class CodeDeployS3Location implements Describable<CodeDeployS3Location>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String bucket;
    private final String key;
    private @CheckForNull String bundleType;
    private @CheckForNull String version;
    private @CheckForNull String eTag;

    @DataBoundConstructor
    public CodeDeployS3Location(String bucket, String key) {
        this.bucket = Util.fixEmptyAndTrim(bucket);
        this.key = Util.fixEmptyAndTrim(key);
    }

    public String getBucket() {
        return bucket;
    }

    public String getKey() {
        return key;
    }

    public @CheckForNull String getBundleType() {
        return bundleType;
    }

    @DataBoundSetter
    public void setBundleType(@CheckForNull String bundleType) {
        this.bundleType = Util.fixEmptyAndTrim(bundleType);
    }

    public @CheckForNull String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(@CheckForNull String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    /** Named for the {@code eTag} parameter (a setter {@code setETag} would bind {@code ETag}). */
    public @CheckForNull String geteTag() {
        return eTag;
    }

    @DataBoundSetter
    public void seteTag(@CheckForNull String eTag) {
        this.eTag = Util.fixEmptyAndTrim(eTag);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CodeDeployS3Location> {
        @Override
        public String getDisplayName() {
            return "Bundle in S3";
        }
    }
}
