package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Set;

/** Stand-in for workflow-step-api {@code EnvironmentExpander}: the members the plugin (and its tests) use. */
public abstract class EnvironmentExpander implements Serializable {

    public abstract void expand(@NonNull EnvVars env) throws IOException, InterruptedException;

    public @NonNull Set<String> getSensitiveVariables() {
        return Collections.emptySet();
    }
}
