package io.jenkins.plugins.awsrollout.steps;

import hudson.FilePath;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.codedeploy.Bundle;
import io.jenkins.plugins.awsrollout.engine.codedeploy.BundleSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A source in the build's workspace, packed through {@link FilePath#act} where the workspace is. */
final class WorkspaceBundle implements BundleSource {

    private static final long serialVersionUID = 1L;

    private final StepWorkspace workspace;
    private final String source;
    private final ArrayList<String> excludes;

    WorkspaceBundle(StepWorkspace workspace, String source, List<String> excludes) {
        this.workspace = workspace;
        this.source = source;
        this.excludes = new ArrayList<>(excludes);
    }

    @Override
    public String describe() {
        return "'" + source + "' from the workspace";
    }

    @Override
    public Bundle pack() throws IOException, InterruptedException {
        FilePath where = workspace.get();
        if (where == null) {
            throw new OperationFailedException("source '" + source + "' needs a workspace: run awsCodeDeploy inside node { } "
                    + "(the workspace may be gone after a restart if its agent did not come back).");
        }
        return where.act(new PackSource(source, excludes));
    }
}
