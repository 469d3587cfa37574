package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stand-in for workflow-step-api {@code StepExecution}. It keeps its context and forwards a default stop to
 * {@code onFailure}, as the real class does, because offline tests drive executions through a test context.
 */
public abstract class StepExecution implements Serializable {

    private static final long serialVersionUID = 1L;

    private StepContext context;

    @Deprecated
    protected StepExecution() {}

    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    public @NonNull StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("context was not injected");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {}

    public @CheckForNull String getStatus() {
        return null;
    }

    public boolean blocksRestart() {
        return false;
    }
}
