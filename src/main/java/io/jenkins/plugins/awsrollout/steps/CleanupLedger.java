package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
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
 * The plugin's own list of cleanups that outlive their step: an operation whose abort path must reach its end after
 * its step's context was ended by force (Pipeline's {@code timeout} grace, a second stop) or could no longer be
 * reached. The ledger drives each entry's {@link OperationRun} down the same abort path, on the same worker pool, and
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
    private volatile boolean closed;

    public CleanupLedger(StepRuntime runtime, LedgerStore store, BuildLogs builds) {
        this.runtime = runtime;
        this.store = store;
        this.builds = builds;
    }

    /** After a controller start: loads what was saved and resumes every pending cleanup at once. */
    public synchronized void resume() throws IOException {
        for (CleanupEntry entry : store.load()) {
            entries.putIfAbsent(entry.id(), entry);
        }
        for (CleanupEntry entry : entries.values()) {
            if (entry.pending() && !scheduled.containsKey(entry.id())) {
                schedule(entry.id(), Duration.ZERO);
            }
        }
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
        OperationRun<?> run = operation.run();
        Instant now = runtime.clock().instant();
        CleanupEntry entry = new CleanupEntry(UUID.randomUUID().toString(), functionName, buildId, buildUrl,
                run.operation().name(), "cleaning up: " + run.status(), run.cursor().deadline(), null, now,
                CleanupEntry.Stage.PENDING, null, null, false, serialize(operation));
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
     * it is. Returns false when there is no such pending entry.
     */
    public boolean giveUp(String id, String by) {
        CleanupEntry entry;
        synchronized (this) {
            entry = entries.get(id);
            if (entry == null || !entry.pending()) {
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
            if (closed || entry == null || !entry.pending()) {
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
            if (closed || current == null || !current.pending()) {
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
