package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.ScriptedOperation;
import io.jenkins.plugins.awsrollout.steps.AwsStepBase;
import io.jenkins.plugins.awsrollout.steps.AwsStepDescriptor;
import io.jenkins.plugins.awsrollout.steps.StepWorkspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A test-only long step, {@code scriptedStep}, on the real durable driver: its operation is the engine's
 * {@link ScriptedOperation} ({@code poll}, {@code done}, {@code failed}...), so runner tests see results, failures,
 * abort paths and scheduled ticks exactly as a real step produces them. Each run's operation and the environment
 * it was created with are kept under the step's {@code name} for assertions.
 */
public final class ScriptedStep extends AwsStepBase {

    private static final long serialVersionUID = 1L;
    private static final Map<String, ScriptedOperation> OPERATIONS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> ENVIRONMENTS = new ConcurrentHashMap<>();

    private final String name;
    private List<String> script = List.of("done");
    private int everySeconds = 30;
    private int timeoutMinutes = 60;
    private int abortTicks = 1;

    @DataBoundConstructor
    public ScriptedStep(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public List<String> getScript() {
        return script;
    }

    @DataBoundSetter
    public void setScript(List<String> script) {
        this.script = List.copyOf(script);
    }

    @DataBoundSetter
    public void setEverySeconds(int everySeconds) {
        this.everySeconds = everySeconds;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    @DataBoundSetter
    public void setAbortTicks(int abortTicks) {
        this.abortTicks = abortTicks;
    }

    /** The operation the run named {@code name} created (null until its first tick). */
    public static ScriptedOperation operation(String name) {
        return OPERATIONS.get(name);
    }

    /** The environment the run named {@code name} saw. */
    public static Map<String, String> environment(String name) {
        return ENVIRONMENTS.get(name);
    }

    @Override
    public String functionName() {
        return "scriptedStep";
    }

    @Override
    public Operation<ScriptedOperation.Cursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
        ScriptedOperation operation = ScriptedOperation.of(Duration.ofSeconds(everySeconds), Duration.ofMinutes(timeoutMinutes),
                abortTicks, script.toArray(String[]::new));
        OPERATIONS.put(name, operation);
        ENVIRONMENTS.put(name, Map.copyOf(env));
        return operation;
    }

    public static final class DescriptorImpl extends AwsStepDescriptor {
        @Override
        public String getFunctionName() {
            return "scriptedStep";
        }
    }
}
