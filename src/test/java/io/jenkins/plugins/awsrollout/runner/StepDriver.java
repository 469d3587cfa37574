package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.steps.OperationExecution;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Duration;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs one of our steps as Pipeline would: binds the call's arguments to the real {@link Step}, starts its
 * execution in a {@link TestStepContext} (the build log, the environment in effect, the runtime on the simulator),
 * lets time pass until it completes, and hands its result map back to the script, or throws what it failed with.
 * When an enclosing {@code timeout} expires first, it behaves as workflow-basic-steps' {@code TimeoutStepExecution}:
 * the execution is stopped with a {@link BuildInterruption} (its abort path runs in AWS); if it has not completed
 * after the {@link #GRACE_PERIOD} (on the run's time), its context is ended by force: it completes with the
 * interruption, and later {@code get()}s on it fail, as in Pipeline. An enclosing {@code timeout} that fires during
 * the grace period cancels the body again: the execution gets a second stop. The script then goes on; the
 * execution's pending ticks stay scheduled and run whenever time passes.
 */
final class StepDriver {

    /** {@code TimeoutStepExecution.GRACE_PERIOD}: how long a stopped body may take before it is ended by force. */
    static final Duration GRACE_PERIOD = Duration.ofSeconds(60);

    private final PipelineRun run;
    private final StepBinder binder;

    StepDriver(PipelineRun run, StepBinder binder) {
        this.run = run;
        this.binder = binder;
    }

    Object call(String function, Object[] args) throws Throwable {
        run.log().step(function);
        Step step = binder.bind(function, args);
        TestStepContext context = new TestStepContext(run.timeline().runtime(), run.log().listener(), run.env().snapshot());
        if (run.env().snapshot().containsKey("WORKSPACE")) {
            // Inside node {}: the step sees the workspace, as Pipeline's FilePath context.
            context.withWorkspace(new hudson.FilePath(run.workspace().toFile()));
        }
        StepExecution execution = context.start(step.start(context));
        Timeouts timeouts = run.timeouts();
        if (!run.timeline().await(context::isCompleted, timeouts.deadline())) {
            BuildInterruption interruption = timeouts.expire(run.timeline().now());
            run.log().println("Cancelling nested steps due to timeout");
            execution.stop(interruption);
            Instant graceEnd = run.timeline().now().plus(GRACE_PERIOD);
            while (!context.isCompleted()) {
                Instant outer = timeouts.deadline();
                if (outer.isBefore(graceEnd)) {
                    // An enclosing timeout fires during the grace period: it cancels its body again, a second stop.
                    if (run.timeline().await(context::isCompleted, outer)) {
                        break;
                    }
                    timeouts.expire(run.timeline().now());
                    run.log().println("Cancelling nested steps due to timeout");
                    execution.stop(interruption);
                    continue;
                }
                if (!run.timeline().await(context::isCompleted, graceEnd)) {
                    run.log().println("Body did not finish within grace period; terminating with extreme prejudice");
                    context.forceEnd(interruption);
                    run.forcedEnd();
                }
                break;
            }
        }
        if (execution instanceof OperationExecution<?> operation && operation.timeline() != null) {
            run.timelines().add(new StepTimeline(function, operation.timeline()));
        }
        if (context.failure() != null) {
            throw context.failure();
        }
        return context.result();
    }
}
