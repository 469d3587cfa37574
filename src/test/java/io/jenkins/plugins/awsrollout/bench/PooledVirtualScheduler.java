package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.sim.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final AtomicLong ticks = new AtomicLong();
    private long sequence;

    PooledVirtualScheduler(ManualClock clock, ExecutorService pool) {
        this.clock = clock;
        this.pool = pool;
    }

    synchronized Future<?> schedule(Runnable runnable, Duration delay) {
        Task task = new Task(clock.instant().plus(delay), sequence++, runnable);
        queue.add(task);
        return task;
    }

    long ticks() {
        return ticks.get();
    }

    /** Runs waves until {@code done} holds, nothing is left, or the next wave is due after {@code until}. */
    void runUntil(BooleanSupplier done, Instant until) throws InterruptedException, ExecutionException {
        while (!done.getAsBoolean()) {
            List<Task> wave = new ArrayList<>();
            synchronized (this) {
                Task first = queue.peek();
                if (first == null || first.due.isAfter(until)) {
                    return;
                }
                while (!queue.isEmpty() && queue.peek().due.equals(first.due)) {
                    Task task = queue.poll();
                    if (!task.isCancelled()) {
                        wave.add(task);
                    }
                }
                if (first.due.isAfter(clock.instant())) {
                    clock.advanceTo(first.due);
                }
            }
            List<Future<?>> running = new ArrayList<>();
            for (Task task : wave) {
                running.add(pool.submit(task::run));
            }
            for (Future<?> future : running) {
                future.get();
            }
            ticks.addAndGet(wave.size());
        }
    }

    private static final class Task implements Future<Object>, Comparable<Task> {
        private final Instant due;
        private final long sequence;
        private final Runnable runnable;
        private volatile boolean cancelled;
        private volatile boolean done;

        Task(Instant due, long sequence, Runnable runnable) {
            this.due = due;
            this.sequence = sequence;
            this.runnable = runnable;
        }

        void run() {
            if (!cancelled) {
                try {
                    runnable.run();
                } finally {
                    done = true;
                }
            }
        }

        @Override
        public int compareTo(Task other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            if (cancelled) {
                throw new CancellationException();
            }
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return get();
        }
    }
}
