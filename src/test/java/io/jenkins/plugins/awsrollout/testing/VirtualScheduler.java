package io.jenkins.plugins.awsrollout.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs scheduled ticks on virtual time: each task runs on the calling thread once the clock has been moved to its
 * due time, so a rollout of hours takes milliseconds and every run repeats exactly.
 */
public final class VirtualScheduler implements Ticks {

    private final Clock clock;
    private final Consumer<Instant> advanceTo;
    private final PriorityQueue<DueTick> queue = new PriorityQueue<>();
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
        DueTick task = new DueTick(clock.instant().plus(delay), sequence++, runnable);
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
            DueTick next;
            synchronized (this) {
                next = queue.peek();
                if (next != null && next.due().isAfter(until)) {
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
            if (next.due().isAfter(clock.instant())) {
                advanceTo.accept(next.due());
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
            DueTick next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due().isAfter(end)) {
                    break;
                }
                queue.poll();
            }
            if (next.isCancelled()) {
                continue;
            }
            if (next.due().isAfter(clock.instant())) {
                advanceTo.accept(next.due());
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
}
