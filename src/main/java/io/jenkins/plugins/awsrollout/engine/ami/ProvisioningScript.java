package io.jenkins.plugins.awsrollout.engine.ami;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user data a builder boots with: the user's shell script, inlined into a small bash wrapper that reports
 * success or failure on the serial console and powers the machine off once the script succeeded.
 *
 * <pre>
 * #!/bin/bash
 * set -Eeo pipefail
 * trap 'echo "aws-rollout-bake: FAILED TOKEN with exit code $?"' ERR
 * echo "aws-rollout-bake: STARTED TOKEN"
 * ...the user's script...
 * echo "aws-rollout-bake: SUCCEEDED TOKEN"
 * shutdown -h now
 * </pre>
 *
 * The first failing command fires the ERR trap, which prints the failure line with the command's exit status, and
 * {@code -e} ends the script there: the machine stays up, and the bake reads the failure from the console output.
 * Success is the machine stopping itself (the builder is launched with {@code InstanceInitiatedShutdownBehavior=stop}).
 * {@code -u} is left out on purpose: cloud-init runs user data without {@code HOME} and friends, and scripts that
 * test optional variables would fail for no reason. The token (one per bake) keeps a line the script itself prints
 * from passing for the wrapper's.
 */
public final class ProvisioningScript {

    static final String MARKER = "aws-rollout-bake:";
    /** EC2 refuses user data over 16 KB (before base64). */
    static final int MAX_USER_DATA_BYTES = 16 * 1024;
    private static final Pattern SHEBANG = Pattern.compile("^#!\\s*(\\S+)(?:\\s+(\\S+))?.*$");
    private static final List<String> SHELLS = List.of("bash", "sh");

    private ProvisioningScript() {}

    /** Why {@code script} cannot be wrapped (not a shell script, too long), as a sentence fragment; empty when it can. */
    static Optional<String> check(String script) {
        String first = script.strip().lines().findFirst().orElse("");
        if (first.toLowerCase(Locale.ROOT).startsWith("#cloud-config")) {
            return Optional.of("it is cloud-config; awsBakeAmi runs shell scripts (put the commands in a script)");
        }
        Matcher shebang = SHEBANG.matcher(first);
        if (shebang.matches() && !isShell(shebang.group(1), shebang.group(2))) {
            return Optional.of("it starts with '" + first + "'; awsBakeAmi runs it with bash, so it must be a shell script");
        }
        int size = wrap(script, "0".repeat(BakeCursor.TOKEN_LENGTH)).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_USER_DATA_BYTES) {
            return Optional.of("with the wrapper it is " + size + " bytes; EC2 accepts at most " + MAX_USER_DATA_BYTES
                    + " bytes of user data (use ssmCommands, or download a bigger script from the user data)");
        }
        return Optional.empty();
    }

    /** The whole user data for a bake with {@code token}. */
    public static String wrap(String script, String token) {
        StringBuilder out = new StringBuilder()
                .append("#!/bin/bash\n")
                .append("# Written by aws-rollout (awsBakeAmi): runs the provisioning script below, then powers this\n")
                .append("# machine off so that the AMI can be taken. A failure is reported on the console and leaves the\n")
                .append("# machine running until the bake terminates it.\n")
                .append("set -Eeo pipefail\n")
                .append("trap 'echo \"").append(MARKER).append(" FAILED ").append(token).append(" with exit code $?\"' ERR\n")
                .append("echo \"").append(MARKER).append(" STARTED ").append(token).append("\"\n")
                .append("# ---- provisioning script ----\n");
        for (String line : withoutShebang(script).lines().toList()) {
            out.append(line).append('\n');
        }
        return out.append("# ---- end of provisioning script ----\n")
                .append("echo \"").append(MARKER).append(" SUCCEEDED ").append(token).append("\"\n")
                .append("shutdown -h now\n")
                .toString();
    }

    private static String withoutShebang(String script) {
        String stripped = script.stripLeading();
        if (!stripped.startsWith("#!")) {
            return script;
        }
        int newline = stripped.indexOf('\n');
        return newline < 0 ? "" : stripped.substring(newline + 1);
    }

    private static boolean isShell(String interpreter, String argument) {
        String program = interpreter.substring(interpreter.lastIndexOf('/') + 1);
        if (program.equals("env") && argument != null) {
            program = argument;
        }
        return SHELLS.contains(program);
    }
}
