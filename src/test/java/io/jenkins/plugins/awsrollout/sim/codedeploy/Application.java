package io.jenkins.plugins.awsrollout.sim.codedeploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;

/** A CodeDeploy application: its deployment groups and registered revisions. */
public final class Application {
    final String id;
    final String name;
    final Instant createTime;
    final String computePlatform;
    final Map<String, DeploymentGroup> groups = new LinkedHashMap<>();
    final List<RegisteredRevision> revisions = new ArrayList<>();

    /** A revision known to the application (registered, or used by a deployment). */
    static final class RegisteredRevision {
        final RevisionLocation revision;
        String description;
        final Instant registerTime;
        Instant firstUsedTime;
        Instant lastUsedTime;
        final List<String> deploymentGroups = new ArrayList<>();

        RegisteredRevision(RevisionLocation revision, String description, Instant registerTime) {
            this.revision = revision;
            this.description = description;
            this.registerTime = registerTime;
        }
    }

    Application(String id, String name, Instant createTime, String computePlatform) {
        this.id = id;
        this.name = name;
        this.createTime = createTime;
        this.computePlatform = computePlatform;
    }

    public String name() {
        return name;
    }

    public Map<String, DeploymentGroup> groups() {
        return groups;
    }

    /** The record of a revision, or null. */
    RegisteredRevision revision(RevisionLocation revision) {
        for (RegisteredRevision known : revisions) {
            if (Revisions.same(known.revision, revision)) {
                return known;
            }
        }
        return null;
    }

    /** Records that {@code revision} was registered or used. */
    RegisteredRevision remember(RevisionLocation revision, String description, Instant now) {
        RegisteredRevision known = revision(revision);
        if (known == null) {
            known = new RegisteredRevision(revision, description, now);
            revisions.add(known);
        } else if (description != null) {
            known.description = description;
        }
        return known;
    }
}
