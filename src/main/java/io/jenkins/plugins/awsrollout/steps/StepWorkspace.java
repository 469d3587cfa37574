package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The build's workspace as a step sees it, for the steps that read files from it. A Pipeline step keeps its
 * {@link StepContext} and asks it for the workspace of the enclosing {@code node} each time (also after a restart);
 * a freestyle build hands its own workspace in, which is never saved.
 */
public final class StepWorkspace implements Serializable {

    private static final long serialVersionUID = 1L;

    private final @CheckForNull StepContext context;
    private final transient @CheckForNull FilePath workspace;

    private StepWorkspace(@CheckForNull StepContext context, @CheckForNull FilePath workspace) {
        this.context = context;
        this.workspace = workspace;
    }

    /** The workspace of the {@code node} a Pipeline step runs in, if any. */
    static StepWorkspace inPipeline(StepContext context) {
        return new StepWorkspace(context, null);
    }

    /** A freestyle build's workspace (null when the build has none). */
    public static StepWorkspace inBuild(@CheckForNull FilePath workspace) {
        return new StepWorkspace(null, workspace);
    }

    /** The workspace now, or null: outside {@code node}, or after a restart whose agent did not come back. */
    public @CheckForNull FilePath get() throws IOException, InterruptedException {
        return workspace != null ? workspace : context == null ? null : context.get(FilePath.class);
    }

    /** Whether there is a workspace now; checked before anything changes in AWS. */
    public boolean isPresent() {
        try {
            return get() != null;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Interrupted while looking for the workspace.", e);
        }
    }
}
