package io.jenkins.plugins.awsrollout.runner;

import hudson.model.Result;

/**
 * What Jenkins' {@code FlowInterruptedException} is to a Pipeline: the build (or a block of it) was interrupted,
 * here by a {@code timeout} whose time passed. It is the cause handed to a running step's
 * {@code StepExecution.stop}, so the step's abort path runs; it ends the build as {@link #result()} unless caught.
 */
public final class BuildInterruption extends InterruptedException {

    private static final long serialVersionUID = 1L;

    private final transient Result result;
    private final transient Object origin;
    private boolean actualInterruption = true;

    /**
     * @param result the build result it leads to
     * @param cause the cause's short description, e.g. "Timeout has been exceeded"
     * @param origin what interrupted (a timeout block), so that block knows the interruption is its own
     */
    BuildInterruption(Result result, String cause, Object origin) {
        super(cause);
        this.result = result;
        this.origin = origin;
    }

    public Result result() {
        return result;
    }

    Object origin() {
        return origin;
    }

    /**
     * False once the interruption has left the timeout block that raised it: then, as in Jenkins, an enclosing
     * {@code retry} tries the body again and {@code catchError(catchInterruptions: false)} still catches it.
     */
    public boolean isActualInterruption() {
        return actualInterruption;
    }

    void setActualInterruption(boolean actual) {
        this.actualInterruption = actual;
    }
}
