package io.jenkins.plugins.awsrollout.testing;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * How a {@link TestStepRuntime} runs ticks and waits: on virtual time ({@link VirtualScheduler}), on a worker pool
 * that virtual time releases (the benchmarks), or on the simulator's scaled real clock (the local runner).
 */
@FunctionalInterface
public interface Ticks {

    /** Runs {@code tick} once after {@code delay} of simulated time. */
    Future<?> schedule(Runnable tick, Duration delay);

    /** Blocks a freestyle build's thread for {@code delay} of simulated time. */
    default void await(Duration delay) throws InterruptedException {
        throw new UnsupportedOperationException("only freestyle builds wait on their own thread");
    }
}
