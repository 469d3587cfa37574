package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.codedeploy.Bundle;
import io.jenkins.plugins.awsrollout.engine.codedeploy.BundleSource;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A source in the build's workspace, packed through {@link FilePath#act} where the workspace is. A Pipeline step
 * keeps its {@link StepContext} and asks it for the workspace of the enclosing {@code node} when packing (also after
 * a restart); a freestyle build hands its workspace in directly and never saves it.
 */
public final class WorkspaceBundle implements BundleSource {

    private static final long serialVersionUID = 1L;

    private final @CheckForNull StepContext context;
    private final transient @CheckForNull FilePath workspace;
    private final String source;
    private final List<String> excludes;

    private WorkspaceBundle(@CheckForNull StepContext context, @CheckForNull FilePath workspace, String source,
            List<String> excludes) {
        this.context = context;
        this.workspace = workspace;
        this.source = source;
        this.excludes = List.copyOf(excludes);
    }

    public static WorkspaceBundle inPipeline(StepContext context, String source, List<String> excludes) {
        return new WorkspaceBundle(context, null, source, excludes);
    }

    public static WorkspaceBundle inWorkspace(FilePath workspace, String source, List<String> excludes) {
        return new WorkspaceBundle(null, workspace, source, excludes);
    }

    @Override
    public String describe() {
        return "'" + source + "' from the workspace";
    }

    @Override
    public Bundle pack() throws IOException, InterruptedException {
        FilePath where = workspace != null ? workspace : context == null ? null : context.get(FilePath.class);
        if (where == null) {
            throw new OperationFailedException("source '" + source + "' needs a workspace: run awsCodeDeploy inside node { } "
                    + "(the workspace may be gone after a restart if its agent did not come back).");
        }
        return where.act(new PackSource(source, excludes));
    }
}
