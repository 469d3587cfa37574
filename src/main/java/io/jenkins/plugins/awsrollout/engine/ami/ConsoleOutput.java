package io.jenkins.plugins.awsrollout.engine.ami;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a builder's serial console says about the provisioning script (see {@link ProvisioningScript}), and its
 * last lines for the build log when provisioning fails.
 *
 * @param state how far the script got
 * @param exitCode the failing command's exit status, when {@code state} is {@link State#FAILED}
 */
public record ConsoleOutput(State state, int exitCode) {

    /** How far the provisioning script got, as far as the console shows. */
    public enum State { NOT_STARTED, RUNNING, SUCCEEDED, FAILED }

    /** Lines of console output shown when provisioning fails. */
    public static final int TAIL_LINES = 40;
    private static final int MAX_LINE = 300;

    /** Reads the markers of the bake with {@code token} from {@code console}. */
    public static ConsoleOutput read(String console, String token) {
        String marker = Pattern.quote(ProvisioningScript.MARKER);
        Matcher failed = Pattern.compile(marker + " FAILED " + Pattern.quote(token) + " with exit code (\\d+)").matcher(console);
        if (failed.find()) {
            return new ConsoleOutput(State.FAILED, Integer.parseInt(failed.group(1)));
        }
        if (console.contains(ProvisioningScript.MARKER + " SUCCEEDED " + token)) {
            return new ConsoleOutput(State.SUCCEEDED, 0);
        }
        if (console.contains(ProvisioningScript.MARKER + " STARTED " + token)) {
            return new ConsoleOutput(State.RUNNING, 0);
        }
        return new ConsoleOutput(State.NOT_STARTED, 0);
    }

    /** Longest last line quoted in a failure sentence, which must stay one short sentence. */
    static final int MAX_QUOTED = 160;
    /** What the serial console puts before a line that a program printed (kernel time, {@code cloud-init[123]: }). */
    private static final Pattern CONSOLE_PREFIX = Pattern.compile("^(\\[\\s*[0-9.]+\\]\\s*)?(cloud-init\\[\\d+\\]:\\s*)?");

    /**
     * The last line the provisioning script of the bake with {@code token} printed before it failed (with
     * {@code set -e}, the failing command's error), or null when it printed none.
     */
    public static @CheckForNull String lastLineBeforeFailure(String console, String token) {
        Matcher failed = Pattern.compile(Pattern.quote(ProvisioningScript.MARKER) + " FAILED " + Pattern.quote(token)).matcher(console);
        return lastLine(failed.find() ? console.substring(0, failed.start()) : console);
    }

    /**
     * The last non-blank line of {@code output} that is not the wrapper's own, cleaned (terminal escapes, console
     * prefixes) and cut to {@value #MAX_QUOTED} characters, to quote in a failure sentence; null when there is none.
     */
    public static @CheckForNull String lastLine(@CheckForNull String output) {
        if (output == null) {
            return null;
        }
        List<String> lines = tail(output, Integer.MAX_VALUE);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = CONSOLE_PREFIX.matcher(lines.get(i)).replaceFirst("").strip();
            if (!line.isEmpty() && !line.contains(ProvisioningScript.MARKER)) {
                return line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "..." : line;
            }
        }
        return null;
    }

    /**
     * The last {@code count} lines of {@code console}, without control characters (terminal escapes, carriage
     * returns) and with very long lines cut, ready for the build log.
     */
    public static List<String> tail(String console, int count) {
        List<String> lines = console.lines()
                .map(line -> line.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\\p{Cntrl}", ""))
                .map(line -> line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line)
                .toList();
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return List.copyOf(lines.subList(Math.max(0, end - count), end));
    }
}
