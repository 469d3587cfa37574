package io.jenkins.plugins.awsrollout.testing;

import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A tick scheduled on virtual time: due at an instant, ordered by that instant and then by when it was scheduled,
 * cancellable until it runs. Schedulers on virtual time queue these and run them when the clock reaches them.
 */
public final class DueTick implements Future<Object>, Comparable<DueTick> {

    private final Instant due;
    private final long sequence;
    private final Runnable runnable;
    private volatile boolean cancelled;
    private volatile boolean done;

    public DueTick(Instant due, long sequence, Runnable runnable) {
        this.due = due;
        this.sequence = sequence;
        this.runnable = runnable;
    }

    public Instant due() {
        return due;
    }

    /** Runs the tick unless it was cancelled. */
    public void run() {
        if (cancelled) {
            return;
        }
        try {
            runnable.run();
        } finally {
            done = true;
        }
    }

    @Override
    public int compareTo(DueTick other) {
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
