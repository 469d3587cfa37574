package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code amiName} of a bake: the build's variables ({@code ${BUILD_NUMBER}}, {@code ${JOB_BASE_NAME}}, ...)
 * expanded when the step starts, and the time tokens {@code {{timestamp}}} (Unix seconds, as Packer's) and
 * {@code {{isotime}}} ({@code 20261101T093000Z}) expanded when the bake begins, so the name stays the same across a
 * controller restart.
 *
 * <p>The <em>retention prefix</em> is what the names of successive bakes of the same image have in common: the
 * expanded name up to the first part that changes with every build (a time token, {@code ${BUILD_NUMBER}},
 * {@code ${BUILD_ID}}, {@code ${BUILD_TAG}}...). A name given without tokens (a Groovy string interpolated by
 * Pipeline, {@code "web-${env.BUILD_NUMBER}"}) loses its trailing version numbers instead: {@code web-42} and
 * {@code base-al2023-2026.11.01} have the prefixes {@code web-} and {@code base-al2023-}.
 *
 * @param template the name with the build's variables expanded and the time tokens left in
 * @param retentionPrefix the prefix shared by the names of this image's bakes
 */
public record AmiNameTemplate(String template, String retentionPrefix) implements Serializable {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");
    private static final Pattern ANY = Pattern.compile(VARIABLE.pattern() + "|" + TOKEN.pattern());
    private static final Pattern TRAILING_VERSION = Pattern.compile("(?<=[-_./ ])[0-9]+([._-][0-9]+)*$");
    private static final DateTimeFormatter ISO_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** The variables Jenkins sets that differ from one build of a job to the next. */
    static final Set<String> PER_BUILD = Set.of(
            "BUILD_NUMBER", "BUILD_ID", "BUILD_TAG", "BUILD_DISPLAY_NAME", "BUILD_URL", "GIT_COMMIT", "EXECUTOR_NUMBER");

    /**
     * Expands the build's variables in {@code raw} and checks that the result makes a valid AMI name at any time.
     *
     * @throws OperationFailedException naming {@code amiName} and the expanded value when EC2 would refuse it
     */
    public static AmiNameTemplate of(String raw, Map<String, String> env) {
        String template = expandVariables(raw, env);
        Matcher unknownVariable = VARIABLE.matcher(template);
        if (unknownVariable.find()) {
            throw invalid(template, unknownVariable.group() + " is not set in this build");
        }
        Matcher token = TOKEN.matcher(template);
        while (token.find()) {
            if (!token.group(1).equals("timestamp") && !token.group(1).equals("isotime")) {
                throw invalid(template, token.group() + " is not a known token (use {{timestamp}} or {{isotime}})");
            }
        }
        AmiNameTemplate result = new AmiNameTemplate(template, retentionPrefix(raw, env));
        // The time tokens always expand to the same number of digits, so any instant tells whether EC2 accepts it.
        String sample = result.expand(Instant.parse("2026-01-01T00:00:00Z"));
        AmiNames.check(sample).ifPresent(problem -> {
            throw invalid(sample, problem);
        });
        return result;
    }

    /** The AMI name at {@code at}. */
    public String expand(Instant at) {
        Matcher token = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (token.find()) {
            String value = token.group(1).equals("timestamp") ? Long.toString(at.getEpochSecond()) : ISO_TIME.format(at);
            token.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        token.appendTail(out);
        return out.toString();
    }

    /** {@code ${VAR}} replaced by the build's value; unknown variables stay as written. */
    static String expandVariables(String text, Map<String, String> env) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String value = env.get(variable.group(1));
            variable.appendReplacement(out, Matcher.quoteReplacement(value == null ? variable.group() : value));
        }
        variable.appendTail(out);
        return out.toString();
    }

    private static String retentionPrefix(String raw, Map<String, String> env) {
        Matcher any = ANY.matcher(raw);
        while (any.find()) {
            boolean perBuild = any.group(1) != null ? PER_BUILD.contains(any.group(1)) : true;
            if (perBuild) {
                return expandVariables(raw.substring(0, any.start()), env);
            }
        }
        return TRAILING_VERSION.matcher(expandVariables(raw, env)).replaceFirst("");
    }

    private static OperationFailedException invalid(String value, String problem) {
        return new OperationFailedException("Invalid amiName '" + value + "': " + problem + ".");
    }
}
