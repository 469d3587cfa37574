package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The plugin's own list of abort paths, so that none is dropped whatever happens to its step. When an operation
 * enters its abort path, its step writes an entry here at once and holds it under a lease ({@link #hold}), renewed
 * whenever its cursor changes or half the lease is spent, so the entry always has the latest cursor; when the abort
 * path ends the step removes it ({@link #release}). The ledger drives an entry when the step hands it over ({@link
 * #handOver}: its context ended by force, a second stop) or when the step's lease expires (the controller was killed
 * and the build never resumed, the JVM died between the forced end and the hand-over): it then takes the entry over.
 * Exactly one of them drives an entry: every change of holder is a compare-and-set on holder and generation under
 * the ledger's lock, and a step that comes back after a take-over must not act in AWS again ({@link #holds}).
 *
 * <p>The ledger drives each entry's {@link OperationRun} down the same abort path, on the same worker pool, and
 * persists every entry after each tick (its own file, written atomically), so a controller restart resumes it.
 *
 * <p>While the build runs, the cleanup logs to the build's log; otherwise to the system log, and the administrators'
 * page shows it. Credentials are looked up for the build as during the step; if the build or its credentials are gone,
 * the ledger uses the global connection and says so.
 */
public final class CleanupLedger {

    private static final Logger LOGGER = Logger.getLogger(CleanupLedger.class.getName());

    /** Backoff while something outside AWS's answers fails (credentials store, the ledger's file, the network). */
    static final Backoff TROUBLE = new Backoff(Duration.ofSeconds(2), 2, Duration.ofMinutes(5), 0.25);
    /** How many finished cleanups the page keeps showing. */
    static final int RECENT = 50;
    /**
     * How long a step's lease lasts without renewal. The step renews it once half is spent and never sleeps longer
     * than a quarter of it while it holds one, so only a step that is gone lets it expire.
     */
    public static final Duration LEASE = Duration.ofMinutes(10);
    /** Where administrators watch cleanups the ledger drives. */
    static final String WATCH = "Manage Jenkins » AWS Rollout cleanups";

    private final StepRuntime runtime;
    private final LedgerStore store;
    private final BuildLogs builds;
    private final Map<String, CleanupEntry> entries = new LinkedHashMap<>();
    /** The live operation of each pending entry, so that a tick does not deserialize it again. */
    private final Map<String, DurableOperation<?>> live = new HashMap<>();
    private final Map<String, Future<?>> scheduled = new HashMap<>();
    private final Map<String, Integer> troubles = new HashMap<>();
    /** The step's own log of each entry, handed over with it; lost at a restart. */
    private final Map<String, TaskListener> listeners = new HashMap<>();
    private boolean unsaved;
    /**
     * Whether the store's entries have been read into {@link #entries}. A step may hold an entry before the controller's
     * start has resumed the ledger; writing then, without what the file already holds, would drop those cleanups.
     */
    private boolean loaded;
    private volatile boolean closed;

    public CleanupLedger(StepRuntime runtime, LedgerStore store, BuildLogs builds) {
        this.runtime = runtime;
        this.store = store;
        this.builds = builds;
    }

    /**
     * After a controller start: loads what was saved and resumes every cleanup the ledger drives at once. An entry a
     * step held is taken over at once when its build is gone or no longer runs; otherwise its Pipeline build may still
     * resume it, so its lease runs for one more full term from now before the ledger takes it over.
     */
    public void resume() throws IOException {
        List<String> orphans = new ArrayList<>();
        synchronized (this) {
            for (CleanupEntry entry : store.load()) {
                entries.putIfAbsent(entry.id(), entry);
            }
            loaded = true;
            Instant now = runtime.clock().instant();
            boolean extended = false;
            for (CleanupEntry entry : List.copyOf(entries.values())) {
                if (!entry.pending() || scheduled.containsKey(entry.id())) {
                    continue;
                }
                if (!entry.held()) {
                    schedule(entry.id(), Duration.ZERO);
                } else if (!buildRuns(entry)) {
                    orphans.add(entry.id());
                } else {
                    Instant grace = now.plus(LEASE);
                    if (entry.leaseUntil() == null || entry.leaseUntil().isBefore(grace)) {
                        entries.put(entry.id(), entry.renewed(entry.status(), entry.deadline(), entry.state(), grace));
                        extended = true;
                    }
                    scheduleLeaseCheck(entry.id(), LEASE);
                }
            }
            if (extended) {
                save();
            }
        }
        for (String id : orphans) {
            takeOver(id, "its build did not resume after the controller restarted");
        }
    }

    // ---- leases: the step drives its own abort path, the ledger watches ----

    /**
     * The step of entry {@code id} is on its abort path and holds it: writes the entry at once (the first time, {@code
     * generation} 0) or renews it with the latest cursor and a fresh lease. Returns the generation the step holds, or
     * 0 when the ledger took the entry over (or it ended): the step must then not act in AWS any more.
     */
    public long hold(String id, long generation, String functionName, @CheckForNull String buildId,
            @CheckForNull String buildUrl, DurableOperation<?> operation) {
        OperationRun<?> run = operation.run();
        byte[] state = serialize(operation);
        synchronized (this) {
            Instant now = runtime.clock().instant();
            CleanupEntry entry = entries.get(id);
            if (entry == null) {
                if (generation != 0) {
                    // The step held it before and it is gone: the ledger finished it and forgot it.
                    return 0;
                }
                entry = new CleanupEntry(id, functionName, buildId, buildUrl, run.operation().name(), run.status(),
                        run.cursor().deadline(), null, now, CleanupEntry.Stage.PENDING, null, null, false, state,
                        CleanupEntry.Holder.STEP, 1, now.plus(LEASE), connection(operation));
                entries.put(id, entry);
                save();
                scheduleLeaseCheck(id, LEASE);
                return entry.generation();
            }
            if (!entry.held() || (generation != 0 && generation != entry.generation())) {
                return 0;
            }
            entries.put(id, entry.renewed(run.status(), run.cursor().deadline(), state, now.plus(LEASE)));
            save();
            if (!scheduled.containsKey(id)) {
                scheduleLeaseCheck(id, LEASE);
            }
            return entry.generation();
        }
    }

    /** Whether the step still holds entry {@code id} at {@code generation}: read in memory, nothing is written. */
    public synchronized boolean holds(String id, long generation) {
        CleanupEntry entry = entries.get(id);
        return entry != null && entry.held() && entry.generation() == generation;
    }

    /** Whether the ledger has an entry {@code id}, driven by anyone or ended. */
    public synchronized boolean knows(String id) {
        return entries.containsKey(id);
    }

    /**
     * The step's abort path ended and it reported the outcome itself: the entry goes. Returns false when the step no
     * longer held it (the ledger took it over meanwhile).
     */
    public synchronized boolean release(String id, long generation) {
        if (!holds(id, generation)) {
            return false;
        }
        entries.remove(id);
        Future<?> check = scheduled.remove(id);
        if (check != null) {
            check.cancel(false);
        }
        save();
        return true;
    }

    /**
     * The step hands its abort path over (its context was ended by force, a second stop, troubles that last): the
     * entry it holds becomes the ledger's, with the step's latest cursor, and no second entry is made. Without an
     * entry (the step never held one) it is made now. When the ledger drives the entry already, nothing changes.
     */
    public CleanupEntry handOver(String id, long generation, String functionName, @CheckForNull String buildId,
            @CheckForNull String buildUrl, DurableOperation<?> operation, @CheckForNull TaskListener listener,
            @CheckForNull String sentence) {
        OperationRun<?> run = operation.run();
        byte[] state = serialize(operation);
        CleanupEntry entry;
        synchronized (this) {
            CleanupEntry current = entries.get(id);
            if (current == null) {
                return adopt(id, functionName, buildId, buildUrl, operation, listener, sentence);
            }
            if (!current.held() || (generation != 0 && generation != current.generation())) {
                return current;
            }
            entry = current.toLedger(runtime.clock().instant(), "cleaning up: " + run.status(), run.cursor().deadline(),
                    state);
            entries.put(id, entry);
            live.put(id, operation);
            if (listener != null) {
                listeners.put(id, listener);
            }
            save();
            Future<?> check = scheduled.remove(id);
            if (check != null) {
                check.cancel(false);
            }
            schedule(id, Duration.ZERO);
        }
        if (sentence != null) {
            log(entry).println("[" + functionName + "] " + sentence);
        }
        return entry;
    }

    private void scheduleLeaseCheck(String id, Duration delay) {
        if (!closed) {
            scheduled.put(id, runtime.schedule(() -> checkLease(id), delay));
        }
    }

    /** A lease's term is up: renewed meanwhile, it is watched again; else the ledger takes the entry over. */
    private void checkLease(String id) {
        synchronized (this) {
            scheduled.remove(id);
            CleanupEntry entry = entries.get(id);
            if (closed || entry == null || !entry.held()) {
                return;
            }
            Instant now = runtime.clock().instant();
            if (!entry.leaseExpired(now)) {
                scheduleLeaseCheck(id, Duration.between(now, entry.leaseUntil()));
                return;
            }
        }
        takeOver(id, "its step stopped renewing its lease");
    }

    /**
     * The ledger takes over an entry its step held and drives it from now on: a compare-and-set under the lock, so a
     * step that comes back afterwards finds it gone and does not act in AWS.
     */
    private void takeOver(String id, String why) {
        CleanupEntry entry;
        synchronized (this) {
            CleanupEntry held = entries.get(id);
            if (closed || held == null || !held.held()) {
                return;
            }
            DurableOperation<?> operation = deserialize(held.state());
            OperationRun<?> run = operation.run();
            if (run.aborting() == null) {
                // Winding down on its own (a failed batch rolling back): go on, as the abort path.
                operation.requestAbort(AbortReason.FAILED,
                        run.operation().name() + " could not go on: its build stopped driving it.");
            }
            entry = held.toLedger(runtime.clock().instant(), "cleaning up: " + operation.run().status(),
                    operation.run().cursor().deadline(), serialize(operation));
            entries.put(id, entry);
            live.put(id, operation);
            save();
            schedule(id, Duration.ZERO);
        }
        String sentence = entry.what() + " was still being cleaned up (" + entry.status().replaceFirst("^cleaning up: ", "")
                + ") when " + why + "; the AWS Rollout cleanup ledger took it over and finishes it, watch it under "
                + WATCH + ".";
        log(entry).println("[" + entry.functionName() + "] " + sentence);
    }

    private boolean buildRuns(CleanupEntry entry) {
        try {
            return entry.buildId() != null && builds.running(entry.buildId());
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "cannot tell whether " + entry.buildId() + " runs", e);
            return true;
        }
    }

    /** Where an entry's calls go, for people: region, credentials id, role. */
    private static String connection(DurableOperation<?> operation) {
        AwsTarget target = operation.target();
        return "region " + target.region()
                + (target.credentialsId() == null ? ", the default credentials chain" : ", credentials " + target.credentialsId())
                + (target.roleArn() == null ? "" : ", role " + target.roleArn());
    }

    /**
     * Takes over {@code operation}, whose abort path is already requested, from a step that is gone or going.
     * {@code sentence} goes to the build's log when the step could not write it there itself.
     */
    public CleanupEntry adopt(
            String functionName,
            @CheckForNull String buildId,
            @CheckForNull String buildUrl,
            DurableOperation<?> operation,
            @CheckForNull TaskListener listener,
            @CheckForNull String sentence) {
        return adopt(UUID.randomUUID().toString(), functionName, buildId, buildUrl, operation, listener, sentence);
    }

    private CleanupEntry adopt(
            String id,
            String functionName,
            @CheckForNull String buildId,
            @CheckForNull String buildUrl,
            DurableOperation<?> operation,
            @CheckForNull TaskListener listener,
            @CheckForNull String sentence) {
        OperationRun<?> run = operation.run();
        Instant now = runtime.clock().instant();
        CleanupEntry entry = new CleanupEntry(id, functionName, buildId, buildUrl,
                run.operation().name(), "cleaning up: " + run.status(), run.cursor().deadline(), null, now,
                CleanupEntry.Stage.PENDING, null, null, false, serialize(operation), CleanupEntry.Holder.LEDGER, 1, null,
                connection(operation));
        synchronized (this) {
            entries.put(entry.id(), entry);
            live.put(entry.id(), operation);
            if (listener != null) {
                listeners.put(entry.id(), listener);
            }
            save();
            schedule(entry.id(), Duration.ZERO);
        }
        if (sentence != null) {
            log(entry).println("[" + functionName + "] " + sentence);
        }
        return entry;
    }

    /** Every entry, pending ones and the recently finished ones, oldest first. */
    public synchronized List<CleanupEntry> entries() {
        return List.copyOf(entries.values());
    }

    public synchronized @CheckForNull CleanupEntry entry(String id) {
        return entries.get(id);
    }

    /** True when no cleanup is pending. */
    public synchronized boolean isEmpty() {
        return entries.values().stream().noneMatch(CleanupEntry::pending);
    }

    /** The entries an administrator should look at: failed, or pending past their deadline. */
    public synchronized List<CleanupEntry> needingAttention() {
        Instant now = runtime.clock().instant();
        return entries.values().stream().filter(e -> e.needsAttention(now)).toList();
    }

    /**
     * An administrator gives a pending cleanup up: the ledger stops driving it and whatever is left in AWS stays as
     * it is. Only a cleanup the ledger drives, or whose step's lease expired, can be given up (a step that comes back
     * then does nothing). Returns false when there is no such entry.
     */
    public boolean giveUp(String id, String by) {
        CleanupEntry entry;
        synchronized (this) {
            entry = entries.get(id);
            if (entry == null || !entry.canGiveUp(runtime.clock().instant())) {
                return false;
            }
            Future<?> next = scheduled.remove(id);
            if (next != null) {
                next.cancel(false);
            }
            String sentence = "Cleanup of " + entry.what() + " given up by " + by + "; still left: " + entry.status() + ".";
            entries.put(id, entry.ended(CleanupEntry.Stage.GIVEN_UP, sentence, runtime.clock().instant(), entry.state()));
            live.remove(id);
            listeners.remove(id);
            save();
        }
        log(entry).println("[" + entry.functionName() + "] " + entries.get(id).outcome());
        return true;
    }

    /** The controller shuts down: nothing more is scheduled; what is saved resumes at the next start. */
    public synchronized void close() {
        closed = true;
        scheduled.values().forEach(f -> f.cancel(false));
        scheduled.clear();
    }

    private void schedule(String id, Duration delay) {
        if (!closed) {
            scheduled.put(id, runtime.schedule(() -> tick(id), delay));
        }
    }

    private void tick(String id) {
        CleanupEntry entry;
        DurableOperation<?> operation;
        synchronized (this) {
            scheduled.remove(id);
            entry = entries.get(id);
            if (closed || entry == null || !entry.pending() || entry.held()) {
                // Ended, given up, or its step drives it: only the one holder acts in AWS.
                return;
            }
            operation = live.computeIfAbsent(id, k -> deserialize(entry.state()));
        }
        PrintStream log = log(entry);
        String[] status = {entry.status()};
        LogProgress progress = new LogProgress(entry.functionName(), log, line -> status[0] = line);
        boolean global = entry.globalConnection();
        OperationRun.Next<?> next = null;
        String error = null;
        Duration delay;
        try {
            AwsCredentialsProvider credentials = null;
            if (!global) {
                try {
                    credentials = buildCredentials(entry, operation);
                } catch (AbortException gone) {
                    global = true;
                    progress.warn("CLEANUP", withoutStop(gone.getMessage()) + "; cleaning up with the global connection"
                            + " (Manage Jenkins » System » AWS Rollout) instead.");
                }
            }
            if (credentials == null) {
                credentials = runtime.credentials(runtime.defaults().credentialsId(), null);
            }
            AwsCredentialsProvider resolved = credentials;
            next = operation.tick(runtime, null, () -> resolved, progress);
            delay = null;
        } catch (Exception | LinkageError e) {
            AwsFailure failure = AwsFailure.of(e);
            error = failure.kind() == AwsFailure.Kind.OTHER ? String.valueOf(e.getMessage()) : failure.sentence();
            int attempt;
            synchronized (this) {
                attempt = troubles.merge(id, 1, Integer::sum);
            }
            delay = TROUBLE.delay(attempt - 1, runtime.random());
            progress.warn("CLEANUP", withoutStop(error) + "; trying again in " + HumanDuration.of(delay) + ".");
            if (failure.kind() == AwsFailure.Kind.OTHER) {
                LOGGER.log(Level.FINE, "cleanup tick failed", e);
            }
        }
        String ending = null;
        synchronized (this) {
            CleanupEntry current = entries.get(id);
            if (closed || current == null || !current.pending() || current.held()) {
                return;
            }
            byte[] state = serialize(operation);
            OperationRun<?> run = operation.run();
            if (next == null || next instanceof OperationRun.Next.Again<?>) {
                if (next instanceof OperationRun.Next.Again<?> again) {
                    troubles.remove(id);
                    delay = again.delay();
                }
                entries.put(id, current.progressed(status[0], run.cursor().deadline(), error, global, state));
                save();
                schedule(id, unsaved ? min(delay, TROUBLE.delay(0, runtime.random())) : delay);
            } else {
                String message = next instanceof OperationRun.Next.Ended<?> ended
                        ? ended.message()
                        : run.operation().name() + " finished instead of being cleaned up.";
                // An abort path reports what it undid with its sentence; only a late or failed one needs a person.
                boolean clean = next instanceof OperationRun.Next.Ended<?> e && e.cause() == null
                        && !message.contains(OperationRun.CLEANUP_LATE) && !message.contains(OperationRun.CLEANUP_FAILED);
                ending = (clean ? "Cleanup finished: " : "Cleanup ended: ") + message;
                entries.put(id, current.progressed(status[0], run.cursor().deadline(), error, global, state)
                        .ended(clean ? CleanupEntry.Stage.FINISHED : CleanupEntry.Stage.FAILED, message,
                                runtime.clock().instant(), state));
                live.remove(id);
                listeners.remove(id);
                troubles.remove(id);
                forgetOldEntries();
                save();
                if (unsaved) {
                    // The entry is over in memory; keep trying to write that down.
                    schedule(id, TROUBLE.delay(0, runtime.random()));
                }
            }
        }
        if (ending != null) {
            log.println("[" + entry.functionName() + "] " + ending);
            if (!log.equals(systemLog(entry))) {
                LOGGER.log(Level.INFO, "{0}", entry.buildName() + ": " + ending);
            }
        }
    }

    private @CheckForNull AwsCredentialsProvider buildCredentials(CleanupEntry entry, DurableOperation<?> operation)
            throws IOException {
        if (entry.buildId() == null || !builds.exists(entry.buildId())) {
            throw new AbortException("The build " + entry.buildName() + " no longer exists");
        }
        Run<?, ?> build = builds.build(entry.buildId());
        return runtime.credentials(operation.target().credentialsId(), build);
    }

    /** Writes the ledger; a failure is logged and retried at the next tick, the entries stay in memory. */
    private void save() {
        try {
            if (!loaded) {
                // Before the first write, what the file holds joins the entries (resume() schedules them later).
                for (CleanupEntry entry : store.load()) {
                    entries.putIfAbsent(entry.id(), entry);
                }
                loaded = true;
            }
            store.save(List.copyOf(entries.values()));
            unsaved = false;
        } catch (IOException | RuntimeException e) {
            unsaved = true;
            LOGGER.log(Level.WARNING, "Could not save the AWS Rollout cleanup ledger; trying again at its next tick", e);
        }
    }

    private void forgetOldEntries() {
        List<String> ended = new ArrayList<>();
        entries.values().stream().filter(e -> !e.pending()).forEach(e -> ended.add(e.id()));
        for (int i = 0; i < ended.size() - RECENT; i++) {
            entries.remove(ended.get(i));
        }
    }

    /** The build's log while it runs; else the system log, each line naming the build. */
    private PrintStream log(CleanupEntry entry) {
        if (entry.buildId() != null) {
            try {
                if (builds.running(entry.buildId())) {
                    TaskListener listener;
                    synchronized (this) {
                        listener = listeners.get(entry.id());
                    }
                    if (listener == null) {
                        listener = builds.listener(entry.buildId());
                    }
                    if (listener != null) {
                        return listener.getLogger();
                    }
                }
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "cannot open the log of " + entry.buildId(), e);
            }
        }
        return systemLog(entry);
    }

    private final Map<String, PrintStream> systemLogs = new java.util.concurrent.ConcurrentHashMap<>();

    private PrintStream systemLog(CleanupEntry entry) {
        return systemLogs.computeIfAbsent(entry.id(),
                k -> new PrintStream(new SystemLog(entry.buildName()), true, StandardCharsets.UTF_8));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String withoutStop(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    static byte[] serialize(Object object) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("A cleanup's state is not serializable: " + e.getMessage(), e);
        }
    }

    static DurableOperation<?> deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                // Plugin classes come from the plugin's class loader, not the one that loaded ObjectInputStream.
                try {
                    return Class.forName(desc.getName(), false, CleanupLedger.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            return (DurableOperation<?>) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read a saved cleanup: " + e, e);
        }
    }

    /** Lines to the system log, each prefixed with the build. */
    private static final class SystemLog extends OutputStream {
        private final String build;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        SystemLog(String build) {
            this.build = build;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                LOGGER.log(Level.INFO, "{0}", build + ": " + line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
