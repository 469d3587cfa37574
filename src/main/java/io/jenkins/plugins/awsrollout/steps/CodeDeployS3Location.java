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

    /** The {@code eTag} parameter by bean rules (forms, data binding): {@code eTag} decapitalises to itself. */
    public @CheckForNull String geteTag() {
        return eTag;
    }

    /**
     * The same for structs (the Snippet Generator, {@code DescribableModel}), which reads a parameter through
     * {@code "get"} + its name with the first letter upper-cased; without it the snippet of a step with {@code s3}
     * is {@code <object of type …>}. (A setter {@code setETag} would bind {@code ETag}.)
     */
    public @CheckForNull String getETag() {
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
