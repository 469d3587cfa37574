package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;

/** Stand-in for jenkins-core {@code hudson.model.EnvironmentContributingAction} (the deprecated buildEnvVars left out). */
public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {}
}
