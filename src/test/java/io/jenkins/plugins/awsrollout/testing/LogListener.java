package io.jenkins.plugins.awsrollout.testing;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A build log in memory, optionally echoed to another stream as it is written. */
public final class LogListener implements TaskListener {

    private static final long serialVersionUID = 1L;

    private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final transient PrintStream logger;

    public LogListener() {
        this(null);
    }

    public LogListener(PrintStream echo) {
        java.io.OutputStream target = echo == null ? bytes : new TeeStream(bytes, echo);
        this.logger = new PrintStream(target, true, StandardCharsets.UTF_8);
    }

    @NonNull
    @Override
    public PrintStream getLogger() {
        return logger;
    }

    public String text() {
        logger.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
