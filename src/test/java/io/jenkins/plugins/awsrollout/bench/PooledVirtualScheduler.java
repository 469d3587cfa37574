package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.testing.DueTick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Virtual time with real concurrency, the way a controller runs ticks: Jenkins' Timer hands due ticks to a fixed
 * worker pool. Here the driver thread moves the clock to the next due instant, releases every tick due then to the
 * pool, and waits for them before moving on; a tick that schedules its successor with no delay runs in the next
 * wave at the same instant.
 */
final class PooledVirtualScheduler {

    private final ManualClock clock;
    private final ExecutorService pool;
    private final PriorityQueue<DueTick> queue = new PriorityQueue<>();
    private final AtomicLong ticks = new AtomicLong();
    private long sequence;

    PooledVirtualScheduler(ManualClock clock, ExecutorService pool) {
        this.clock = clock;
        this.pool = pool;
    }

    synchronized Future<?> schedule(Runnable runnable, Duration delay) {
        DueTick task = new DueTick(clock.instant().plus(delay), sequence++, runnable);
        queue.add(task);
        return task;
    }

    long ticks() {
        return ticks.get();
    }

    /** Runs waves until {@code done} holds, nothing is left, or the next wave is due after {@code until}. */
    void runUntil(BooleanSupplier done, Instant until) throws InterruptedException, ExecutionException {
        while (!done.getAsBoolean()) {
            List<DueTick> wave = new ArrayList<>();
            synchronized (this) {
                DueTick first = queue.peek();
                if (first == null || first.due().isAfter(until)) {
                    return;
                }
                while (!queue.isEmpty() && queue.peek().due().equals(first.due())) {
                    DueTick task = queue.poll();
                    if (!task.isCancelled()) {
                        wave.add(task);
                    }
                }
                if (first.due().isAfter(clock.instant())) {
                    clock.advanceTo(first.due());
                }
            }
            List<Future<?>> running = new ArrayList<>();
            for (DueTick task : wave) {
                running.add(pool.submit(task::run));
            }
            for (Future<?> future : running) {
                future.get();
            }
            ticks.addAndGet(wave.size());
        }
    }
}
