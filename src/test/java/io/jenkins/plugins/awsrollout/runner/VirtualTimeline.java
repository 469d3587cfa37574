package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.VirtualScheduler;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Virtual time on {@link SimulatedAws}: ticks run on the calling thread, the manual clock jumps to each. */
final class VirtualTimeline implements Timeline {

    /** More ticks than any step should ever need: a step still ticking then is looping. */
    static final int MAX_TICKS = 1_000_000;

    private final SimulatedAws aws;

    VirtualTimeline(SimulatedAws aws) {
        this.aws = aws;
    }

    @Override
    public StepRuntime runtime() {
        return aws.runtime();
    }

    @Override
    public Instant now() {
        return aws.clock().instant();
    }

    @Override
    public boolean await(BooleanSupplier done, Instant until) {
        VirtualScheduler scheduler = aws.scheduler();
        int ran = scheduler.runUntil(done, until, MAX_TICKS);
        if (done.getAsBoolean()) {
            return true;
        }
        if (ran >= MAX_TICKS) {
            throw new IllegalStateException("gave up after " + MAX_TICKS + " ticks");
        }
        if (until.equals(Instant.MAX)) {
            throw new IllegalStateException("the step neither completed nor scheduled anything more");
        }
        ManualClock clock = aws.clock();
        clock.advanceTo(until);
        return false;
    }

    @Override
    public String describe() {
        return "virtual time";
    }

    @Override
    public void close() {
        aws.close();
    }
}
