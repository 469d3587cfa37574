package io.jenkins.plugins.awsrollout.runner;

import groovy.lang.Closure;
import hudson.AbortException;
import hudson.model.Result;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Pipeline steps a deploy pipeline uses around ours, with Jenkins' semantics and log lines: {@code node},
 * {@code stage}, {@code echo}, {@code error}, {@code withEnv}, {@code timeout} (on the run's time), {@code retry},
 * {@code parallel} (branches one after the other), {@code input} (approved at once), {@code catchError},
 * {@code readFile}/{@code writeFile}/{@code fileExists} (in the workspace, inside {@code node}), {@code sleep}.
 */
final class BasicSteps {

    /** Who approves {@code input} steps. */
    static final String APPROVER = "local-runner";

    private final PipelineRun run;
    private int nodeDepth;

    BasicSteps(PipelineRun run) {
        this.run = run;
    }

    /** Function name to implementation. */
    Map<String, DslMethod.Body> functions() {
        Map<String, DslMethod.Body> functions = new LinkedHashMap<>();
        functions.put("node", this::node);
        functions.put("stage", this::stage);
        functions.put("echo", this::echo);
        functions.put("error", this::error);
        functions.put("withEnv", this::withEnv);
        functions.put("timeout", this::timeout);
        functions.put("retry", this::retry);
        functions.put("parallel", this::parallel);
        functions.put("input", this::input);
        functions.put("catchError", this::catchError);
        functions.put("readFile", this::readFile);
        functions.put("writeFile", this::writeFile);
        functions.put("fileExists", this::fileExists);
        functions.put("sleep", this::sleep);
        functions.put("println", args -> print(args, true));
        functions.put("print", args -> print(args, false));
        return functions;
    }

    private Object node(Object[] raw) throws Exception {
        Args args = Args.parse("node", raw, "label", "label");
        Closure<?> body = args.body();
        BuildLog log = run.log();
        log.step("node");
        log.println("Running on Jenkins in " + run.workspace());
        Map<String, String> vars = Map.of("WORKSPACE", run.workspace().toString(), "NODE_NAME", "built-in");
        try {
            return run.env().with(vars, () -> {
                nodeDepth++;
                try {
                    return block(null, body);
                } finally {
                    nodeDepth--;
                }
            });
        } finally {
            log.end("node");
        }
    }

    private Object stage(Object[] raw) throws Exception {
        Args args = Args.parse("stage", raw, "name", "name");
        Closure<?> body = args.body();
        run.log().step("stage");
        try {
            return run.env().with(Map.of("STAGE_NAME", args.string("name")), () -> block(args.string("name"), body));
        } finally {
            run.log().end("stage");
        }
    }

    private Object echo(Object[] raw) {
        Args args = Args.parse("echo", raw, "message", "message");
        args.noBody();
        run.log().step("echo");
        run.log().println(args.string("message", ""));
        return null;
    }

    private Object error(Object[] raw) throws AbortException {
        Args args = Args.parse("error", raw, "message", "message");
        args.noBody();
        run.log().step("error");
        throw new AbortException(args.string("message"));
    }

    private Object print(Object[] raw, boolean newline) {
        String text = raw.length == 0 ? "" : String.valueOf(raw[0]);
        if (newline) {
            run.log().println(text);
        } else {
            run.log().out().print(text);
        }
        return null;
    }

    private Object withEnv(Object[] raw) throws Exception {
        Args args = Args.parse("withEnv", raw, "overrides", "overrides");
        Closure<?> body = args.body();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Object item : list(args.get("overrides"))) {
            String pair = String.valueOf(item);
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("withEnv: '" + pair + "' is not of the form NAME=value");
            }
            overrides.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        run.log().step("withEnv");
        try {
            return run.env().with(overrides, () -> block(null, body));
        } finally {
            run.log().end("withEnv");
        }
    }

    private Object timeout(Object[] raw) throws Exception {
        Args args = Args.parse("timeout", raw, "time", "time", "unit", "activity");
        Closure<?> body = args.body();
        Duration time = Duration.ofNanos(unit(args, "MINUTES").toNanos(args.number("time")));
        BuildLog log = run.log();
        log.step("timeout");
        log.println("Timeout set to expire in " + TimeSpan.of(time));
        Timeouts.Timeout timeout = run.timeouts().enter(run.timeline().now().plus(time));
        try {
            return block(null, body);
        } catch (BuildInterruption e) {
            if (e.origin() == timeout) {
                e.setActualInterruption(false);
            }
            throw e;
        } finally {
            run.timeouts().leave(timeout);
            log.end("timeout");
        }
    }

    private Object retry(Object[] raw) throws Throwable {
        Args args = Args.parse("retry", raw, "count", "count");
        Closure<?> body = args.body();
        int left = (int) args.number("count");
        BuildLog log = run.log();
        log.step("retry");
        try {
            while (true) {
                try {
                    return block(null, body);
                } catch (Throwable t) {
                    left--;
                    if (left <= 0 || (t instanceof BuildInterruption i && i.isActualInterruption())) {
                        throw t;
                    }
                    report(t, "Execution failed");
                    log.println("Retrying");
                }
            }
        } finally {
            log.end("retry");
        }
    }

    private Object catchError(Object[] raw) throws Throwable {
        Args args = Args.parse("catchError", raw, null, "buildResult", "stageResult", "message", "catchInterruptions");
        Closure<?> body = args.body();
        Result buildResult = CurrentBuild.parse(args.string("buildResult", "FAILURE"));
        CurrentBuild.parse(args.string("stageResult", "SUCCESS"));
        BuildLog log = run.log();
        log.step("catchError");
        try {
            block(null, body);
        } catch (Throwable t) {
            if (!args.bool("catchInterruptions", true) && t instanceof BuildInterruption i && i.isActualInterruption()) {
                throw t;
            }
            if (args.has("message")) {
                log.error(args.string("message"));
            }
            if (t instanceof BuildInterruption i) {
                buildResult = i.result();
            }
            report(t, null);
            CurrentBuild build = run.currentBuild();
            if (buildResult.isWorseThan(Result.SUCCESS)) {
                if (build.getResult() == null || buildResult.isWorseThan(build.result())) {
                    log.println("Setting overall build result to " + buildResult);
                }
                build.worsen(buildResult);
            }
        } finally {
            log.end("catchError");
        }
        return null;
    }

    private Object parallel(Object[] raw) throws Throwable {
        Map<String, Closure<?>> branches = new LinkedHashMap<>();
        boolean failFast = false;
        if (raw.length != 1 || !(raw[0] instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("parallel: Expected a map of branch names to closures");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if ("failFast".equals(name)) {
                failFast = Boolean.TRUE.equals(e.getValue());
            } else if (e.getValue() instanceof Closure<?> c) {
                branches.put(name, c);
            } else {
                throw new IllegalArgumentException("Expected a closure or failFast but found " + name + "=" + e.getValue());
            }
        }
        BuildLog log = run.log();
        log.step("parallel");
        Map<String, Object> results = new LinkedHashMap<>();
        List<Throwable> failures = new ArrayList<>();
        try {
            for (Map.Entry<String, Closure<?>> branch : branches.entrySet()) {
                if (failFast && !failures.isEmpty()) {
                    break;
                }
                try {
                    results.put(branch.getKey(), block("Branch: " + branch.getKey(), branch.getValue()));
                } catch (Throwable t) {
                    log.println("Failed in branch " + branch.getKey());
                    failures.add(t);
                }
            }
        } finally {
            log.end("parallel");
        }
        if (failures.isEmpty()) {
            return results;
        }
        // As ParallelStep: the most severe failure first (unexpected, then AbortException, then interruptions).
        List<Throwable> sorted = new ArrayList<>(failures);
        sorted.sort(Comparator.comparingInt(BasicSteps::severityRank));
        Throwable head = sorted.get(0);
        for (Throwable other : sorted.subList(1, sorted.size())) {
            head.addSuppressed(other);
        }
        throw head;
    }

    private static int severityRank(Throwable t) {
        if (t instanceof BuildInterruption) {
            return 2;
        }
        return t instanceof AbortException ? 1 : 0;
    }

    private Object input(Object[] raw) {
        Args args = Args.parse("input", raw, "message", "message", "id", "ok", "submitter", "submitterParameter", "parameters");
        args.noBody();
        if (args.has("parameters")) {
            throw new UnsupportedOperationException("input: parameters are not supported by the local runner");
        }
        BuildLog log = run.log();
        log.step("input");
        log.println(args.string("message"));
        log.println(args.string("ok", "Proceed") + " or Abort");
        log.println("Approved by " + APPROVER);
        return args.has("submitterParameter") ? APPROVER : null;
    }

    private Object readFile(Object[] raw) throws IOException {
        Args args = Args.parse("readFile", raw, "file", "file", "encoding");
        args.noBody();
        run.log().step("readFile");
        Path file = workspaceFile("readFile", args.string("file"));
        return Files.readString(file, charset(args));
    }

    private Object writeFile(Object[] raw) throws IOException {
        Args args = Args.parse("writeFile", raw, null, "file", "text", "encoding");
        args.noBody();
        run.log().step("writeFile");
        Path file = workspaceFile("writeFile", args.string("file"));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, args.string("text"), charset(args));
        return null;
    }

    private Object fileExists(Object[] raw) {
        Args args = Args.parse("fileExists", raw, "file", "file");
        args.noBody();
        run.log().step("fileExists");
        return Files.exists(workspaceFile("fileExists", args.string("file")));
    }

    private Object sleep(Object[] raw) throws BuildInterruption {
        Args args = Args.parse("sleep", raw, "time", "time", "unit");
        args.noBody();
        Duration time = Duration.ofNanos(unit(args, "SECONDS").toNanos(args.number("time")));
        run.log().step("sleep");
        run.log().println("Sleeping for " + TimeSpan.of(time));
        Timeline timeline = run.timeline();
        Instant end = timeline.now().plus(time);
        Instant deadline = run.timeouts().deadline();
        timeline.await(() -> false, end.isBefore(deadline) ? end : deadline);
        if (deadline.isBefore(end)) {
            BuildInterruption interruption = run.timeouts().expire(timeline.now());
            run.log().println("Cancelling nested steps due to timeout");
            throw interruption;
        }
        return null;
    }

    /** A block's body between {@code [Pipeline] {} and {@code [Pipeline] }}. */
    private Object block(String label, Closure<?> body) throws Exception {
        run.log().open(label);
        try {
            return body.call();
        } finally {
            run.log().close();
        }
    }

    /** How retry and catchError show a failure they handle. */
    private void report(Throwable t, String unexpectedHeading) {
        BuildLog log = run.log();
        if (t instanceof AbortException) {
            log.error(t.getMessage());
        } else if (t instanceof BuildInterruption) {
            log.println(t.getMessage());
        } else {
            if (unexpectedHeading != null) {
                log.error(unexpectedHeading);
            }
            log.println(t.toString());
        }
    }

    private Path workspaceFile(String function, String name) {
        if (nodeDepth == 0) {
            throw new IllegalStateException("Required context class hudson.FilePath is missing\nPerhaps you forgot to "
                    + "surround the " + function + " step with a step that provides this, such as: node");
        }
        return run.workspace().resolve(name).normalize();
    }

    private static Charset charset(Args args) {
        return args.has("encoding") ? Charset.forName(args.string("encoding")) : StandardCharsets.UTF_8;
    }

    private static TimeUnit unit(Args args, String fallback) {
        String name = args.string("unit", fallback).toUpperCase(Locale.ROOT);
        try {
            return TimeUnit.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unit expects one of " + List.of(TimeUnit.values()) + " but received '" + name + "'");
        }
    }

    private static List<?> list(Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        return value == null ? List.of() : List.of(value);
    }
}
