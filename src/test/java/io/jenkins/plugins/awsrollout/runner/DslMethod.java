package io.jenkins.plugins.awsrollout.runner;

import groovy.lang.Closure;

/**
 * A Pipeline function as JenkinsPipelineUnit calls it: a closure taking whatever the script passed (named
 * arguments packed as a map first, a trailing closure as the body), so that each function parses its own
 * arguments the way Pipeline's DSL does.
 */
final class DslMethod extends Closure<Object> {

    private static final long serialVersionUID = 1L;

    /** The function's implementation; may throw anything a step throws (AbortException, interruptions). */
    interface Body {
        Object call(Object[] args) throws Throwable;
    }

    private final transient Body body;

    DslMethod(Body body) {
        super(null);
        this.body = body;
    }

    /** Groovy calls this with the script's arguments (a lone null argument may arrive as a null array). */
    public Object doCall(Object... args) {
        try {
            return body.call(args == null ? new Object[] {null} : args);
        } catch (Throwable t) {
            throw DslMethod.<RuntimeException>sneaky(t);
        }
    }

    /** Rethrows a checked exception unchanged, as Groovy code may: scripts catch it by its own type. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
