package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;

/**
 * A launch template and a version of it, as a group or an instance names it.
 *
 * @param id the template id ({@code lt-...}), or null when only the name is known
 * @param name the template name, or null
 * @param version a version number, {@code $Latest}, {@code $Default}, or null (which AWS reads as {@code $Default})
 */
public record LaunchTemplateRef(@CheckForNull String id, @CheckForNull String name, @CheckForNull String version)
        implements Serializable {

    /** Whether the version is an alias ({@code $Latest}, {@code $Default} or none) rather than a number. */
    public boolean aliased() {
        return version == null || version.startsWith("$");
    }

    /** The same template at another version. */
    public LaunchTemplateRef at(String otherVersion) {
        return new LaunchTemplateRef(id, name, otherVersion);
    }

    /** Whether {@code other} names the same template (by id when both have one, else by name). */
    public boolean sameTemplate(@CheckForNull LaunchTemplateRef other) {
        if (other == null) {
            return false;
        }
        if (id != null && other.id != null) {
            return id.equals(other.id);
        }
        return name != null && name.equals(other.name);
    }

    /** Whether {@code other} is this template at this (numbered) version. */
    public boolean matches(@CheckForNull LaunchTemplateRef other) {
        return sameTemplate(other) && version != null && version.equals(other.version());
    }

    /** {@code web (lt-0abc) version 7}. */
    public String describe() {
        String template = name != null && id != null ? name + " (" + id + ")" : name != null ? name : id;
        return template + " version " + (version == null ? "$Default" : version);
    }

    /** {@code web-lt version 3}: the name without the id, for sentences that must stay short. */
    public String describeBriefly() {
        return (name != null ? name : id) + " version " + (version == null ? "$Default" : version);
    }
}
