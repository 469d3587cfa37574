package io.jenkins.plugins.awsrollout.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs scheduled ticks on virtual time: each task runs on the calling thread once the clock has been moved to its
 * due time, so a rollout of hours takes milliseconds and every run repeats exactly.
 */
public final class VirtualScheduler implements Ticks {

    private final Clock clock;
    private final Consumer<Instant> advanceTo;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long sequence;
    private int executed;

    /**
     * @param clock the virtual clock that the engine and the simulator read
     * @param advanceTo moves that clock forward to the given instant
     */
    public VirtualScheduler(Clock clock, Consumer<Instant> advanceTo) {
        this.clock = clock;
        this.advanceTo = advanceTo;
    }

    @Override
    public synchronized Future<?> schedule(Runnable runnable, Duration delay) {
        Task task = new Task(clock.instant().plus(delay), sequence++, runnable);
        queue.add(task);
        return task;
    }

    /** Runs due tasks in time order until {@code done} holds or nothing is left; returns how many ran. */
    public int runUntil(BooleanSupplier done, int maxTasks) {
        return runUntil(done, Instant.MAX, maxTasks);
    }

    /**
     * Runs tasks in time order until {@code done} holds, nothing is left, or the next task is due after
     * {@code until} (it stays queued, and the clock stays at the last task run); returns how many ran. The local
     * pipeline runner uses it for {@code timeout} blocks: it stops the step when the block's deadline comes first.
     */
    public int runUntil(BooleanSupplier done, Instant until, int maxTasks) {
        int ran = 0;
        while (!done.getAsBoolean() && ran < maxTasks) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next != null && next.due.isAfter(until)) {
                    break;
                }
                queue.poll();
            }
            if (next == null) {
                break;
            }
            if (next.isCancelled()) {
                continue;
            }
            if (next.due.isAfter(clock.instant())) {
                advanceTo.accept(next.due);
            }
            next.run();
            ran++;
            executed++;
        }
        return ran;
    }

    /** Runs everything that is scheduled (including what the tasks schedule) up to {@code maxTasks}. */
    public int runAll(int maxTasks) {
        return runUntil(() -> false, maxTasks);
    }

    /** A freestyle build "waits" by moving virtual time forward, running whatever falls due meanwhile. */
    @Override
    public void await(Duration delay) {
        advance(delay);
    }

    /** Runs every task due within {@code duration}, in time order, then moves the clock to the end of it. */
    public void advance(Duration duration) {
        Instant end = clock.instant().plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(end)) {
                    break;
                }
                queue.poll();
            }
            if (next.isCancelled()) {
                continue;
            }
            if (next.due.isAfter(clock.instant())) {
                advanceTo.accept(next.due);
            }
            next.run();
            executed++;
        }
        if (end.isAfter(clock.instant())) {
            advanceTo.accept(end);
        }
    }

    /** Drops every pending task, as a controller restart does. */
    public synchronized void clear() {
        queue.clear();
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    public int executed() {
        return executed;
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
            try {
                runnable.run();
            } finally {
                done = true;
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
