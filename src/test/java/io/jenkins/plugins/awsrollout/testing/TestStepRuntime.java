package io.jenkins.plugins.awsrollout.testing;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSessions;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.engine.aws.ProxySettings;
import io.jenkins.plugins.awsrollout.steps.CleanupLedger;
import io.jenkins.plugins.awsrollout.steps.LedgerStore;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A {@link StepRuntime} for tests, the benchmarks and the local runner: ticks go to its {@link Ticks} (virtual time
 * unless told otherwise), credentials come from an in-memory store of ids, defaults are set by the caller. One
 * instance stands for one controller "session"; a restart test builds a new one.
 */
public final class TestStepRuntime implements StepRuntime, AutoCloseable {

    /** Access key of the credentials used when a step names none. */
    public static final String DEFAULT_ACCESS_KEY = "AKIADEFAULTCHAIN0000";

    private final Clock clock;
    private final Ticks ticks;
    private final AwsSessions sessions;
    private final Map<String, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();
    private volatile RandomGenerator random = new SplittableRandom(42);
    private volatile AwsCredentialsProvider defaultCredentials =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(DEFAULT_ACCESS_KEY, "default-chain-secret"));
    private volatile AwsDefaults defaults = AwsDefaults.none();
    private final AtomicInteger awaitsBeforeInterrupt = new AtomicInteger(-1);
    private final List<Action> actions = new CopyOnWriteArrayList<>();
    private volatile LedgerStore ledgerStore = new MemoryLedgerStore();
    private volatile TestBuilds builds = new TestBuilds();
    private CleanupLedger ledger;

    public TestStepRuntime(Clock clock, Ticks ticks) {
        this.clock = clock;
        this.ticks = ticks;
        this.sessions = new AwsSessions(clock);
    }

    public TestStepRuntime withDefaults(AwsDefaults newDefaults) {
        this.defaults = newDefaults;
        return this;
    }

    /** Adds credentials {@code id} with the given keys, as a Jenkins credentials store would hold them. */
    public TestStepRuntime withCredentials(String id, String accessKey, String secretKey) {
        return withCredentials(id, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    }

    /** Adds credentials {@code id}. */
    public TestStepRuntime withCredentials(String id, AwsCredentialsProvider provider) {
        credentials.put(id, provider);
        return this;
    }

    /**
     * Adds credentials {@code id} in folder {@code folder}: builds of jobs in that folder (by {@link AwsTarget#build()},
     * {@code folder/job#n}) find these rather than a global entry with the same id, as Jenkins' folder stores do.
     */
    public TestStepRuntime withFolderCredentials(String folder, String id, String accessKey, String secretKey) {
        credentials.put(folder + "/" + id, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        return this;
    }

    /** The credentials entry {@code id} disappears (deleted, or no longer permitted to the build). */
    public TestStepRuntime withoutCredentials(String id) {
        credentials.remove(id);
        // As at the next refresh of the builds' cached credentials (at most 5 minutes later in Jenkins).
        sessions.forgetCredentials();
        return this;
    }

    /** The cleanup ledger keeps its entries in {@code store} and finds builds in {@code knownBuilds}. */
    public TestStepRuntime withLedger(LedgerStore store, TestBuilds knownBuilds) {
        this.ledgerStore = store;
        this.builds = knownBuilds;
        return this;
    }

    public TestBuilds builds() {
        return builds;
    }

    /** The credentials a step that names none gets (the SDK's default chain on a controller). */
    public TestStepRuntime withDefaultCredentials(String accessKey, String secretKey) {
        defaultCredentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        return this;
    }

    /** Jitter for polling; the default is seeded but not thread-safe, so pooled ticks need a thread-safe one. */
    public TestStepRuntime withRandom(RandomGenerator value) {
        random = value;
        return this;
    }

    /** The virtual scheduler (fails when ticks run otherwise). */
    public VirtualScheduler scheduler() {
        if (ticks instanceof VirtualScheduler virtual) {
            return virtual;
        }
        throw new IllegalStateException("this runtime's ticks are not on virtual time: " + ticks);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public Future<?> schedule(Runnable tick, Duration delay) {
        return ticks.schedule(tick, delay);
    }

    @Override
    public void await(Duration delay) throws InterruptedException {
        if (awaitsBeforeInterrupt.getAndDecrement() == 0) {
            throw new InterruptedException("the build was aborted");
        }
        ticks.await(delay);
    }

    /** The {@code n}-th next {@link #await} (0 = the next one) is interrupted, as when a user aborts the build. */
    public TestStepRuntime interruptAwait(int n) {
        awaitsBeforeInterrupt.set(n);
        return this;
    }

    @Override
    public AwsDefaults defaults() {
        return defaults;
    }

    @Override
    public AwsCredentialsProvider credentials(@CheckForNull String credentialsId, @CheckForNull Run<?, ?> build)
            throws AbortException {
        if (credentialsId == null) {
            return defaultCredentials;
        }
        AwsCredentialsProvider found = credentials.get(credentialsId);
        if (found == null) {
            throw new AbortException("No AWS credentials with id '" + credentialsId + "' are available to this build.");
        }
        return found;
    }

    @Override
    public AwsCredentialsProvider credentialsFor(AwsTarget target, @CheckForNull Run<?, ?> build) throws AbortException {
        String id = target.credentialsId();
        if (id != null) {
            // The nearest folder's entry wins.
            String job = target.build().contains("#") ? target.build().substring(0, target.build().lastIndexOf('#')) : "";
            for (String folder = parent(job); folder != null; folder = parent(folder)) {
                AwsCredentialsProvider found = credentials.get(folder + "/" + id);
                if (found != null) {
                    return found;
                }
            }
        }
        return credentials(id, build);
    }

    private static @CheckForNull String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    @Override
    public AwsSessions sessions() {
        return sessions;
    }

    @Override
    public @CheckForNull ProxySettings proxy() {
        return null;
    }

    @Override
    public synchronized CleanupLedger ledger() {
        if (ledger == null) {
            ledger = new CleanupLedger(this, ledgerStore, builds);
        }
        return ledger;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (ledger != null) {
                ledger.close();
            }
        }
        sessions.close();
    }

    /** Keeps the action (there is no build here): what the steps attached, in order. */
    @Override
    public void addAction(@CheckForNull Run<?, ?> build, Action action) {
        actions.add(action);
    }

    /** The actions steps attached to their builds through this runtime. */
    public List<Action> actions() {
        return List.copyOf(actions);
    }
}
