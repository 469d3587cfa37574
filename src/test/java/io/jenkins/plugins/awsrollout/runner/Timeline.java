package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Where a run's time comes from and how its steps' ticks get run: virtual time (every tick at once, the clock jumped
 * to it: a rollout of an hour takes a second) or the simulator's scaled real clock.
 */
interface Timeline extends AutoCloseable {

    /** The runtime our steps get through their context: clock, scheduler, defaults pointing at the simulator. */
    StepRuntime runtime();

    Instant now();

    /**
     * Lets time pass, running whatever falls due, until {@code done} holds (true) or {@code until} comes first
     * (false, with the clock at {@code until}). With {@code until} = {@link Instant#MAX} it fails if nothing is left
     * that could make {@code done} hold.
     */
    boolean await(BooleanSupplier done, Instant until);

    /** "virtual time" or "real time at Nx". */
    String describe();

    @Override
    void close();
}
