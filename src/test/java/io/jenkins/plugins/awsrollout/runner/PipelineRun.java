package io.jenkins.plugins.awsrollout.runner;

import com.lesfurets.jenkins.unit.MethodSignature;
import com.lesfurets.jenkins.unit.PipelineTestHelper;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.Script;
import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.awsrollout.steps.CleanupLedger;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.runtime.InvokerInvocationException;

/**
 * One build of one Jenkinsfile: the script's variables, the build log, the open {@code timeout} blocks, and every
 * Pipeline function the script can call, registered with JenkinsPipelineUnit's helper, which compiles the script
 * and routes its calls (the script runs plainly, not CPS-transformed).
 */
final class PipelineRun {

    /** Arities registered for every function: JenkinsPipelineUnit matches calls by argument count. */
    private static final int MAX_ARGUMENTS = 4;

    /** The global variables a script sees, as Jenkins lists them after the steps and symbols. */
    private static final Set<String> GLOBALS = new TreeSet<>(Set.of("currentBuild", "env", "params"));

    private final Timeline timeline;
    private final StepBinder binder;
    private final Path workspace;
    private final BuildLog log;
    private final PipelineEnv env;
    private final CurrentBuild currentBuild;
    private final Timeouts timeouts = new Timeouts();
    private final List<StepTimeline> timelines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, DslMethod.Body> functions = new LinkedHashMap<>();
    private final Set<String> basicSteps;
    private final String buildId;
    private int forcedEnds;

    PipelineRun(Timeline timeline, StepBinder binder, Path workspace, String jobName, int number, LogListener listener) {
        this.timeline = timeline;
        this.binder = binder;
        this.workspace = workspace;
        this.log = new BuildLog(listener);
        this.buildId = jobName + "#" + number;
        String jobUrl = "https://jenkins.example.com/job/" + jobName + "/";
        this.env = new PipelineEnv(Map.of(
                "JOB_NAME", jobName,
                "JOB_BASE_NAME", jobName,
                "JOB_URL", jobUrl,
                "BUILD_NUMBER", Integer.toString(number),
                "BUILD_ID", Integer.toString(number),
                "BUILD_DISPLAY_NAME", "#" + number,
                "BUILD_TAG", "jenkins-" + jobName + "-" + number,
                "BUILD_URL", jobUrl + number + "/",
                "JENKINS_URL", "https://jenkins.example.com/"));
        this.currentBuild = new CurrentBuild(jobName, number, jobUrl + number + "/");
        StepDriver driver = new StepDriver(this, binder);
        for (String function : binder.catalog().steps().keySet()) {
            functions.put(function, args -> driver.call(function, args));
        }
        for (String symbol : binder.catalog().symbols().keySet()) {
            functions.putIfAbsent(symbol, args -> symbolCall(symbol, args));
        }
        Map<String, DslMethod.Body> basic = new BasicSteps(this).functions();
        basicSteps = Set.copyOf(basic.keySet());
        functions.putAll(basic);
    }

    Timeline timeline() {
        return timeline;
    }

    /** The timelines of the step calls so far, in the order they ended (issue #20). */
    List<StepTimeline> timelines() {
        return timelines;
    }

    BuildLog log() {
        return log;
    }

    PipelineEnv env() {
        return env;
    }

    CurrentBuild currentBuild() {
        return currentBuild;
    }

    Timeouts timeouts() {
        return timeouts;
    }

    Path workspace() {
        return workspace;
    }

    /** Runs {@code jenkinsfile} to its end and says how it ended; the log ends with {@code Finished: RESULT}. */
    BuildOutcome run(Path jenkinsfile) {
        // On the scaled clock, compiling the script takes simulated time too: the build starts after it.
        Instant start = timeline.now();
        Throwable failure = null;
        log.step("Start of Pipeline");
        try {
            Helper helper = helper(jenkinsfile.getParent());
            PipelineBinding binding = new PipelineBinding(env);
            binding.setVariable("env", env);
            binding.setVariable("currentBuild", currentBuild);
            binding.setVariable("params", Map.of());
            Script script = helper.loadScript(jenkinsfile.getFileName().toString(), binding);
            start = timeline.now();
            helper.runScript(script);
        } catch (Throwable t) {
            failure = unwrap(t);
        }
        log.step("End of Pipeline");
        settleCleanups();
        String reason = finish(failure);
        Result result = currentBuild.result();
        log.println("Finished: " + result);
        return new BuildOutcome(result, result == Result.SUCCESS ? null : reason, log.text(),
                Duration.between(start, timeline.now()));
    }

    /** A step of this build was ended by force (a {@code timeout}'s grace period passed): its cleanup goes on. */
    void forcedEnd() {
        forcedEnds++;
    }

    /**
     * Keeps the controller's time going until every cleanup a step of this build handed over to the ledger is over,
     * so that the build log shows how each ended. (In Jenkins the build finishes first, and the ledger reports the
     * rest to the system log and the cleanups page.)
     */
    private void settleCleanups() {
        CleanupLedger ledger = timeline.runtime().ledger();
        if (forcedEnds == 0 && ledger.entries().stream().noneMatch(e -> buildId.equals(e.buildId()))) {
            return;
        }
        timeline.await(() -> ledger.entries().stream().filter(e -> buildId.equals(e.buildId())).count() >= forcedEnds
                && ledger.entries().stream().noneMatch(e -> buildId.equals(e.buildId()) && e.pending()), Instant.MAX);
    }

    /** Logs the build's failure as Jenkins does at its end, folds it into the result, and returns its reason. */
    private @CheckForNull String finish(@CheckForNull Throwable failure) {
        if (failure == null) {
            Result result = currentBuild.result();
            if (result == Result.SUCCESS) {
                return null;
            }
            return log.lastError() != null ? log.lastError() : "currentBuild.result was set to " + result;
        }
        if (failure instanceof BuildInterruption interruption) {
            log.println(interruption.getMessage());
            currentBuild.worsen(interruption.result());
            return interruption.getMessage();
        }
        currentBuild.worsen(Result.FAILURE);
        if (failure instanceof AbortException) {
            log.error(failure.getMessage());
            return failure.getMessage();
        }
        if (failure instanceof MissingMethodException missing && missing.getType() != null
                && (Script.class.isAssignableFrom(missing.getType()) || Closure.class.isAssignableFrom(missing.getType()))
                && !functions.containsKey(missing.getMethod())) {
            String message = "No such DSL method '" + missing.getMethod() + "' found among steps " + steps()
                    + " or symbols " + binder.catalog().pluginSymbols() + " or globals " + GLOBALS;
            log.println("java.lang.NoSuchMethodError: " + message);
            return message;
        }
        log.println(failure.toString());
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    /** The steps Jenkins would list: the Pipeline steps the runner provides and the plugin's, not the runner's test steps. */
    private Set<String> steps() {
        Set<String> steps = new TreeSet<>(basicSteps);
        steps.addAll(binder.catalog().pluginSteps());
        return steps;
    }

    private Helper helper(Path directory) {
        Helper helper = new Helper();
        helper.setScriptRoots(new String[] {directory.toString()});
        helper.setBaseScriptRoot(directory.toString());
        helper.setScriptExtension("groovy");
        helper.setBaseClassloader(PipelineRun.class.getClassLoader());
        Map<String, String> imports = new LinkedHashMap<>(helper.getImports());
        imports.put("NonCPS", NonCPS.class.getName());
        helper.setImports(imports);
        helper.init();
        helper.customize(new WorkflowScriptName());
        helper.customize(new ScriptCalls(functions.keySet()));
        for (Map.Entry<String, DslMethod.Body> function : functions.entrySet()) {
            DslMethod method = new DslMethod(function.getValue());
            for (int arity = 0; arity <= MAX_ARGUMENTS; arity++) {
                Class<?>[] types = new Class<?>[arity];
                Arrays.fill(types, Object.class);
                helper.registerAllowedMethod(MethodSignature.method(function.getKey(), types), method);
            }
            // Replaces the helper's own interceptor (parallel) for the exact signature it registered.
            helper.registerAllowedMethod(MethodSignature.method(function.getKey(), Map.class), method);
        }
        return helper;
    }

    /** {@code rolling(batchSize: 2)} as an argument: resolved later against the parameter's type. */
    private static Object symbolCall(String symbol, Object[] args) {
        Map<String, Object> named = new LinkedHashMap<>();
        if (args.length == 1 && args[0] instanceof Map<?, ?> map) {
            map.forEach((k, v) -> named.put(String.valueOf(k), v));
        } else if (args.length == 1) {
            named.put(Uninstantiated.UNNAMED, args[0]);
        } else if (args.length > 1) {
            throw new IllegalArgumentException(symbol + ": Expected named arguments but got " + Arrays.toString(args));
        }
        return new Uninstantiated(symbol, named);
    }

    /** JenkinsPipelineUnit's helper, with access to its script engine's compiler configuration. */
    private static final class Helper extends PipelineTestHelper {
        void customize(CompilationCustomizer customizer) {
            gse.getConfig().addCompilationCustomizers(customizer);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        Set<Throwable> seen = new HashSet<>();
        while (current instanceof InvokerInvocationException && current.getCause() != null && seen.add(current)) {
            current = current.getCause();
        }
        return current;
    }
}
