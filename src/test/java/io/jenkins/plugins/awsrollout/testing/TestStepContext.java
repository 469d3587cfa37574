package io.jenkins.plugins.awsrollout.testing;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A step context the way Pipeline provides one, without Jenkins: the build log, the environment (BUILD_NUMBER,
 * JOB_NAME, BUILD_URL), the {@link StepRuntime}, and the step's outcome.
 *
 * <p>{@link #saveState()} serializes the attached execution with Java serialization, as Jenkins persists the
 * program, and keeps the bytes: a restart test deserializes exactly what was last saved. The context itself
 * serializes as a handle that resolves back to the live context, as Pipeline's does.
 */
public final class TestStepContext extends StepContext {

    private static final long serialVersionUID = 1L;
    private static final Map<String, TestStepContext> LIVE = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final transient LogListener listener;
    private final transient EnvVars env;
    private transient volatile StepRuntime runtime;
    private transient volatile StepExecution execution;
    private transient volatile byte[] saved;
    private transient volatile int saves;
    private transient volatile boolean completed;
    private transient volatile Object result;
    private transient volatile Throwable failure;
    private transient volatile Result buildResult;
    private transient volatile FilePath workspace;
    private transient volatile Set<String> sensitiveVariables = Set.of();
    private transient volatile int lateCompletions;
    private transient volatile int failingSaves;
    private transient volatile boolean logBroken;

    public TestStepContext(StepRuntime runtime, LogListener listener, EnvVars env) {
        this.runtime = runtime;
        this.listener = listener;
        this.env = env;
        LIVE.put(id, this);
        if (runtime instanceof TestStepRuntime test && env.containsKey("JOB_NAME") && env.containsKey("BUILD_NUMBER")) {
            test.builds().started(buildId(), listener);
        }
    }

    /** A context for build {@code number} of job {@code job}, logging to memory. */
    public static TestStepContext forBuild(StepRuntime runtime, String job, int number) {
        EnvVars env = new EnvVars(
                "JOB_NAME", job,
                "BUILD_NUMBER", Integer.toString(number),
                "BUILD_URL", "https://jenkins.example.com/job/" + job + "/" + number + "/",
                "JENKINS_URL", "https://jenkins.example.com/");
        return new TestStepContext(runtime, new LogListener(), env);
    }

    /** Starts {@code execution} in this context. */
    public <E extends StepExecution> E start(E execution) throws Exception {
        this.execution = execution;
        if (execution.start()) {
            completed = true;
        }
        return execution;
    }

    /**
     * A controller restart: the pending ticks of the old runtime are gone, the execution comes back from the bytes
     * last saved, bound to {@code newRuntime}, and is resumed.
     */
    public StepExecution restart(StepRuntime newRuntime) {
        byte[] bytes = Objects.requireNonNull(saved, "nothing was saved before the restart");
        this.runtime = newRuntime;
        StepExecution revived = deserialize(bytes);
        this.execution = revived;
        revived.onResume();
        return revived;
    }

    /**
     * A restart from {@code bytes} (an earlier save) instead of the last one: the controller died after a tick
     * changed AWS but before its state was saved, so the tick is replayed.
     */
    public StepExecution restartFrom(StepRuntime newRuntime, byte[] bytes) {
        this.saved = bytes.clone();
        return restart(newRuntime);
    }

    /**
     * A restart from {@code revived}, an execution the caller read back itself (through River, as Pipeline does),
     * bound to {@code newRuntime} and resumed.
     */
    public StepExecution restartWith(StepRuntime newRuntime, StepExecution revived) {
        this.runtime = newRuntime;
        this.execution = revived;
        revived.onResume();
        return revived;
    }

    /** The step runs inside {@code node}: {@code get(FilePath.class)} is this workspace. */
    public TestStepContext withWorkspace(FilePath value) {
        this.workspace = value;
        return this;
    }

    /**
     * Binds {@code name} to {@code value} as a secret, as {@code withCredentials} does: in the environment, and named
     * by the context's {@link EnvironmentExpander#getSensitiveVariables()}.
     */
    public TestStepContext withSecret(String name, String value) {
        env.put(name, value);
        Set<String> names = new TreeSet<>(sensitiveVariables);
        names.add(name);
        sensitiveVariables = Set.copyOf(names);
        return this;
    }

    public StepExecution execution() {
        return execution;
    }

    public LogListener listener() {
        return listener;
    }

    public String log() {
        return listener.text();
    }

    /** The build's externalizable id, {@code job#number}, as the step records it. */
    public String buildId() {
        return env.get("JOB_NAME") + "#" + env.get("BUILD_NUMBER");
    }

    public EnvVars env() {
        return env;
    }

    public boolean isCompleted() {
        return completed;
    }

    public @CheckForNull Object result() {
        return result;
    }

    public @CheckForNull Throwable failure() {
        return failure;
    }

    public @CheckForNull byte[] savedBytes() {
        return saved;
    }

    public int saves() {
        return saves;
    }

    /**
     * Ends the step from outside, as Pipeline's {@code timeout} does once its grace period is over: the context
     * completes with {@code cause}, and from then on {@link #get} fails as a completed Pipeline step's does (its
     * program thread has moved on). The execution is not told; it finds out on its next {@code get}.
     */
    public void forceEnd(Throwable cause) {
        complete(null, cause);
    }

    /** The next {@code n} {@link #saveState()} calls fail, as when the disk is full. */
    public TestStepContext failSaves(int n) {
        failingSaves = n;
        return this;
    }

    /** While {@code broken}, the build log cannot be opened ({@code get(TaskListener.class)} fails). */
    public TestStepContext breakLog(boolean broken) {
        logBroken = broken;
        return this;
    }

    /**
     * How many times the step completed its context again after it was already complete. Pipeline ignores those
     * (it only logs them at FINE); a test asserts there were none where the execution should know better.
     */
    public int lateCompletions() {
        return lateCompletions;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Class<T> key) throws IOException {
        if (completed) {
            // As CpsStepContext once the step's thread has moved on.
            throw new IOException("cannot find current thread in " + this);
        }
        if (key == TaskListener.class && logBroken) {
            throw new IOException("the build log cannot be opened: No space left on device");
        }
        if (key == TaskListener.class) {
            return (T) listener;
        }
        if (key == EnvVars.class) {
            return (T) new EnvVars(env);
        }
        if (key == StepRuntime.class) {
            return (T) runtime;
        }
        if (key == FilePath.class) {
            return (T) workspace;
        }
        if (key == EnvironmentExpander.class) {
            return (T) new SecretsExpander(sensitiveVariables);
        }
        return null;
    }

    @Override
    public void onSuccess(@Nullable Object value) {
        complete(value, null);
    }

    @Override
    public void onFailure(Throwable t) {
        complete(null, t);
    }

    private synchronized void complete(Object value, Throwable t) {
        if (completed) {
            // Pipeline keeps the first outcome and ignores the later one.
            lateCompletions++;
            return;
        }
        completed = true;
        result = value;
        failure = t;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public ListenableFuture<Void> saveState() {
        if (failingSaves > 0) {
            failingSaves--;
            return Futures.immediateFailedFuture(new IOException("could not write program.dat: No space left on device"));
        }
        StepExecution current = execution;
        if (current != null) {
            saved = serialize(current);
            saves++;
        }
        return Futures.immediateFuture(null);
    }

    @Override
    public void setResult(Result r) {
        buildResult = r;
    }

    public @CheckForNull Result buildResult() {
        return buildResult;
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        throw new IllegalStateException("aws-rollout steps take no body");
    }

    @Override
    public String toString() {
        return "TestStepContext[" + id + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestStepContext other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** What {@code withCredentials} contributes to the context: the names of its variables. */
    private static final class SecretsExpander extends EnvironmentExpander {
        private static final long serialVersionUID = 1L;
        private final Set<String> names;

        SecretsExpander(Set<String> names) {
            this.names = names;
        }

        @Override
        public void expand(EnvVars env) {
            // The values are already in the context's environment.
        }

        @Override
        public Set<String> getSensitiveVariables() {
            return names;
        }
    }

    private Object writeReplace() {
        return new Handle(id);
    }

    private record Handle(String id) implements Serializable {
        private Object readResolve() {
            return Objects.requireNonNull(LIVE.get(id), "no live context " + id);
        }
    }

    public static byte[] serialize(Object object) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("not serializable: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <T> T deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("could not deserialize: " + e, e);
        }
    }
}
