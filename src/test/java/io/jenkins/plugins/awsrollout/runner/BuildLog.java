package io.jenkins.plugins.awsrollout.runner;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import java.io.PrintStream;

/**
 * The build log the way Jenkins writes a scripted Pipeline's: {@code [Pipeline] stage}, {@code [Pipeline] { (Bake)},
 * the steps' own lines, {@code [Pipeline] }}, {@code [Pipeline] // stage}, and {@code ERROR: ...} for failures.
 */
final class BuildLog {

    private final LogListener listener;
    private volatile @CheckForNull String lastError;

    BuildLog(LogListener listener) {
        this.listener = listener;
    }

    LogListener listener() {
        return listener;
    }

    PrintStream out() {
        return listener.getLogger();
    }

    /** {@code [Pipeline] echo}: a step (or block) starts. */
    void step(String function) {
        println("[Pipeline] " + function);
    }

    /** {@code [Pipeline] {} or {@code [Pipeline] { (label)}: a block's body starts. */
    void open(@CheckForNull String label) {
        println(label == null ? "[Pipeline] {" : "[Pipeline] { (" + label + ")");
    }

    /** {@code [Pipeline] }}: a block's body ends. */
    void close() {
        println("[Pipeline] }");
    }

    /** {@code [Pipeline] // stage}: a block step ends. */
    void end(String function) {
        println("[Pipeline] // " + function);
    }

    /** {@code ERROR: message}, as {@code TaskListener.error} writes it. */
    void error(String message) {
        lastError = message;
        println("ERROR: " + message);
    }

    void println(String line) {
        listener.getLogger().println(line);
    }

    /** The last {@code ERROR:} line's message, or null. */
    @CheckForNull
    String lastError() {
        return lastError;
    }

    String text() {
        return listener.text();
    }
}
