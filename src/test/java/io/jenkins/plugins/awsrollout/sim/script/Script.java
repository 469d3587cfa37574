package io.jenkins.plugins.awsrollout.sim.script;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny shell-like interpreter for user data (and later SSM commands). Lines run in order with
 * {@code set -e} semantics: the first failing line ends the script.
 *
 * <ul>
 *   <li>{@code echo TEXT}: TEXT (quotes removed) goes to the console; {@code echo TEXT >&2} goes to
 *       standard error (the console for user data, StandardErrorContent for SSM commands).</li>
 *   <li>{@code sleep N}: takes N simulated seconds ({@code s}, {@code m}, {@code h} suffixes allowed).</li>
 *   <li>{@code true}: nothing. {@code false}: fails with exit code 1. {@code exit N}: N ≠ 0 fails with
 *       N; {@code exit} or {@code exit 0} ends successfully.</li>
 *   <li>{@code # sim: fail MESSAGE}: MESSAGE goes to standard error, then the script fails (code 1).</li>
 *   <li>{@code # sim: takes N}: takes N simulated seconds.</li>
 *   <li>{@code # sim: unhealthy}: the machine fails health checks from now on (and so do instances of
 *       an image made from it).</li>
 *   <li>{@code shutdown -h now}, {@code poweroff}, {@code halt}: the machine stops; the script ends.</li>
 *   <li>{@code trap 'echo ...' ERR}: on failure, that echo runs with {@code $?} replaced by the exit code.</li>
 *   <li>Anything else (a shebang, {@code set -e}, {@code yum install ...}) is ignored and takes no time.</li>
 * </ul>
 */
public final class Script {
    private static final Pattern TRAP = Pattern.compile("^trap\\s+(['\"])(.*)\\1\\s+ERR\\s*$");
    private static final Pattern TO_STDERR = Pattern.compile("^(.*?)\\s*1?>&2\\s*$");
    private static final Pattern SIM = Pattern.compile("^#\\s*sim:\\s*(\\w+)\\s*(.*)$");

    private final List<String> lines;

    private Script(List<String> lines) {
        this.lines = lines;
    }

    public static Script parse(String text) {
        return new Script(text == null ? List.of() : text.lines().map(String::trim).toList());
    }

    /** Starts running on {@code host}; returns at once, the rest runs on the host's schedule. */
    public void run(ScriptHost host) {
        new Execution(host).step(0);
    }

    private final class Execution {
        private final ScriptHost host;
        private String errTrap;

        Execution(ScriptHost host) {
            this.host = host;
        }

        void step(int from) {
            for (int i = from; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher sim = SIM.matcher(line);
                if (sim.matches()) {
                    String verb = sim.group(1);
                    String arg = sim.group(2).trim();
                    if (verb.equals("fail")) {
                        if (!arg.isEmpty()) {
                            host.errorOutput(arg);
                        }
                        fail(1);
                        return;
                    }
                    if (verb.equals("takes")) {
                        pause(seconds(arg), i);
                        return;
                    }
                    if (verb.equals("unhealthy")) {
                        host.markUnhealthy();
                    }
                    continue;
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+", 2);
                String command = words[0];
                String rest = words.length > 1 ? words[1] : "";
                switch (command) {
                    case "echo" -> echo(rest);
                    case "sleep" -> {
                        pause(seconds(rest), i);
                        return;
                    }
                    case "true", ":" -> { }
                    case "false" -> {
                        fail(1);
                        return;
                    }
                    case "exit" -> {
                        int code = rest.isBlank() ? 0 : parseCode(rest.trim());
                        if (code == 0) {
                            host.finished(0);
                        } else {
                            fail(code);
                        }
                        return;
                    }
                    case "poweroff", "halt" -> {
                        host.finished(0);
                        host.powerOff();
                        return;
                    }
                    case "shutdown" -> {
                        if (!rest.contains("-r")) {
                            host.finished(0);
                            host.powerOff();
                            return;
                        }
                    }
                    case "trap" -> {
                        Matcher trap = TRAP.matcher(line);
                        if (trap.matches()) {
                            errTrap = trap.group(2).trim();
                        }
                    }
                    default -> { }
                }
            }
            host.finished(0);
        }

        private void echo(String text) {
            Matcher toStderr = TO_STDERR.matcher(text);
            if (toStderr.matches()) {
                host.errorOutput(unquote(toStderr.group(1)));
            } else {
                host.output(unquote(text));
            }
        }

        private void pause(Duration duration, int line) {
            host.after(duration, () -> step(line + 1));
        }

        private void fail(int code) {
            if (errTrap != null) {
                for (String part : errTrap.split(";")) {
                    String command = part.trim();
                    if (command.startsWith("echo")) {
                        host.output(unquote(command.substring(4).trim()).replace("$?", Integer.toString(code)));
                    }
                }
            }
            host.finished(code);
        }
    }

    private static int parseCode(String text) {
        try {
            return Integer.parseInt(text.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private static String unquote(String text) {
        return text.replace("\"", "").replace("'", "");
    }

    /** Reads {@code 30}, {@code 2.5}, {@code 30s}, {@code 5m}, {@code 1h}. */
    static Duration seconds(String text) {
        String t = text.trim().split("\\s+")[0];
        if (t.isEmpty()) {
            return Duration.ZERO;
        }
        double factor = 1;
        char unit = t.charAt(t.length() - 1);
        if (unit == 's' || unit == 'm' || unit == 'h') {
            factor = unit == 's' ? 1 : unit == 'm' ? 60 : 3600;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(t) * factor * 1000));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
