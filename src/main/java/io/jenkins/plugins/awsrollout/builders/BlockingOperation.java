package io.jenkins.plugins.awsrollout.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.steps.DurableOperation;
import io.jenkins.plugins.awsrollout.steps.LogProgress;
import io.jenkins.plugins.awsrollout.steps.StepOutcome;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import java.io.PrintStream;
import java.util.Map;

/**
 * The freestyle form of the durable driver: ticks in a loop on the build's executor, waiting between ticks through
 * {@link StepRuntime#await}. An interrupt (the build is aborted) switches to the abort path, which is still run to
 * its end; a second interrupt during the abort gives up at once.
 *
 * @param <C> the cursor type
 */
final class BlockingOperation<C extends Cursor> {

    private final String functionName;
    private final Operation<C> operation;
    private final AwsConnection connection;
    private final boolean failOnError;

    BlockingOperation(String functionName, Operation<C> operation, AwsConnection connection) {
        this(functionName, operation, connection, true);
    }

    /** {@code failOnError} false: a failure in AWS returns the map with its reason instead of failing the build step. */
    BlockingOperation(String functionName, Operation<C> operation, AwsConnection connection, boolean failOnError) {
        this.functionName = functionName;
        this.operation = operation;
        this.connection = connection;
        this.failOnError = failOnError;
    }

    Map<String, Object> run(StepRuntime runtime, @CheckForNull Run<?, ?> build, Map<String, String> env, TaskListener listener)
            throws InterruptedException, AbortException {
        PrintStream log = listener.getLogger();
        Progress progress = new LogProgress(functionName, log);
        DurableOperation<C> durable;
        try {
            durable = new DurableOperation<>(connection.resolve(runtime.defaults(), env, build),
                    OperationRun.begin(operation, runtime.clock().instant()));
        } catch (OperationFailedException e) {
            throw new AbortException(e.getMessage());
        }
        InterruptedException interrupted = null;
        while (true) {
            OperationRun.Next<C> next;
            try {
                next = durable.tick(runtime, build, progress);
            } catch (AbortException e) {
                throw e;
            } catch (java.io.IOException e) {
                throw new AbortException(e.getMessage());
            }
            if (next instanceof OperationRun.Next.Succeeded<C> succeeded) {
                Map<String, Object> result = StepOutcome.succeeded(succeeded.result());
                StepOutcome.record(runtime, build, functionName, result);
                return result;
            }
            if (next instanceof OperationRun.Next.Ended<C> ended) {
                log.println("[" + functionName + "] " + ended.message());
                Map<String, Object> failed = StepOutcome.failed(ended.result(), ended.message(), ended.abortReason());
                StepOutcome.record(runtime, build, functionName, failed);
                if (interrupted != null) {
                    throw interrupted;
                }
                if (!failOnError && !StepOutcome.alwaysFails(ended.abortReason(), ended.cause())) {
                    log.println("[" + functionName + "] failOnError: false, so the build goes on; status " + failed.get("status") + ".");
                    return failed;
                }
                throw new AbortException(ended.message());
            }
            try {
                runtime.await(((OperationRun.Next.Again<C>) next).delay());
            } catch (InterruptedException e) {
                if (interrupted != null) {
                    log.println("[" + functionName + "] Interrupted again: giving up the cleanup of " + operation.name() + ".");
                    throw e;
                }
                interrupted = e;
                durable.requestAbort(AbortReason.STOPPED, operation.name() + " was stopped.");
            }
        }
    }
}
