package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.steps.OperationExecution;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs one of our steps as Pipeline would: binds the call's arguments to the real {@link Step}, starts its
 * execution in a {@link TestStepContext} (the build log, the environment in effect, the runtime on the simulator),
 * lets time pass until it completes, and hands its result map back to the script, or throws what it failed with.
 * When an enclosing {@code timeout} expires first, the execution is stopped with a {@link BuildInterruption} (its
 * abort path runs in AWS) and the step fails with it.
 */
final class StepDriver {

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
            run.timeline().await(context::isCompleted, Instant.MAX);
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
