package io.jenkins.plugins.awsrollout.engine.codepipeline;

import java.io.Serializable;

/** A source revision override: the revision {@code actionName} uses instead of the latest one. */
public record SourceRevision(String actionName, String revisionType, String revisionValue) implements Serializable {

    private static final long serialVersionUID = 1L;
}
