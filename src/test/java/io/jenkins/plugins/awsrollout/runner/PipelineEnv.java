package io.jenkins.plugins.awsrollout.runner;

import groovy.lang.GroovyObjectSupport;
import hudson.EnvVars;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The script's {@code env}: the build's variables (BUILD_NUMBER, JOB_NAME, BUILD_URL...), what the script sets
 * ({@code env.VERSION = '1.2'}), and, innermost last, the overrides of the enclosing {@code withEnv} and
 * {@code node} blocks. Our steps get a snapshot as their {@link EnvVars}.
 */
public final class PipelineEnv extends GroovyObjectSupport {

    private final Map<String, String> build;
    private final Map<String, String> global = new LinkedHashMap<>();
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();

    PipelineEnv(Map<String, String> build) {
        this.build = Map.copyOf(build);
    }

    /** Every variable in effect now, innermost block last. */
    public EnvVars snapshot() {
        EnvVars vars = new EnvVars(build);
        vars.putAll(global);
        scopes.descendingIterator().forEachRemaining(vars::putAll);
        return vars;
    }

    /** A variable, or null: as in Jenkins, an unset variable reads as null. */
    public String get(String name) {
        return snapshot().get(name);
    }

    /** Runs {@code body} with {@code overrides} in effect. */
    <T> T with(Map<String, String> overrides, Callable<T> body) throws Exception {
        scopes.push(Map.copyOf(overrides));
        try {
            return body.call();
        } finally {
            scopes.pop();
        }
    }

    @Override
    public Object getProperty(String name) {
        if ("environment".equals(name)) {
            return snapshot();
        }
        return get(name);
    }

    @Override
    public void setProperty(String name, Object value) {
        if (value == null) {
            global.remove(name);
        } else {
            global.put(name, value.toString());
        }
    }

    /** {@code env.getEnvironment()}, as Jenkins' {@code EnvActionImpl} offers. */
    public EnvVars getEnvironment() {
        return snapshot();
    }

    @Override
    public String toString() {
        return "env" + snapshot();
    }
}
