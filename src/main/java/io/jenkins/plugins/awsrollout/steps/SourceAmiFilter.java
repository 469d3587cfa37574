package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.awsrollout.engine.ami.AmiFilter;
import io.jenkins.plugins.awsrollout.engine.ami.KeyValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code sourceAmiFilter} of {@code awsBakeAmi}: the newest available AMI whose name matches {@code name},
 * owned by one of {@code owners} (default {@code self}) and carrying all of {@code tags}. In a Jenkinsfile:
 * {@code sourceAmiFilter: [name: 'base-al2023-*', owners: ['self'], tags: ['role=base']]}.
 */
public final class SourceAmiFilter implements Describable<SourceAmiFilter>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private List<String> owners = new ArrayList<>();
    private List<String> tags = new ArrayList<>();
    private boolean includeDeprecated;

    @DataBoundConstructor
    public SourceAmiFilter(String name) {
        this.name = Util.fixNull(name).trim();
    }

    public String getName() {
        return name;
    }

    public List<String> getOwners() {
        return owners;
    }

    @DataBoundSetter
    public void setOwners(@CheckForNull List<String> owners) {
        this.owners = OnePerLine.split(owners);
    }

    /** Owners, one per line (the form's text). */
    public String getOwnersText() {
        return OnePerLine.join(owners);
    }

    public List<String> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(@CheckForNull List<String> tags) {
        this.tags = OnePerLine.split(tags);
    }

    /** Key=Value tags, one per line (the form's text). */
    public String getTagsText() {
        return OnePerLine.join(tags);
    }

    public boolean isIncludeDeprecated() {
        return includeDeprecated;
    }

    @DataBoundSetter
    public void setIncludeDeprecated(boolean includeDeprecated) {
        this.includeDeprecated = includeDeprecated;
    }

    /** The filter for the engine; a bad owner or tag fails naming it. */
    AmiFilter toEngine() {
        return new AmiFilter(name, owners, KeyValues.tags("sourceAmiFilter tags", KeyValues.entries(tags)), includeDeprecated);
    }

    @Extension
    @Symbol("amiFilter")
    public static final class DescriptorImpl extends Descriptor<SourceAmiFilter> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Newest AMI matching a filter";
        }
    }
}
