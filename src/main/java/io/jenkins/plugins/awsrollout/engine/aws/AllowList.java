package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an administrator allows jobs to ask for beyond the global defaults: the roles jobs may assume (patterns, where
 * {@code *} stands for any characters) and the endpoints jobs may use (exact URLs). An empty list allows nothing
 * beyond the global role or endpoint.
 */
public final class AllowList {

    private static final Pattern ROLE_PATTERN = Pattern.compile("arn:(aws|\\*)[a-z-]*:iam::[0-9*]+:role/\\S+");

    private AllowList() {}

    /** Whether {@code roleArn} matches one of {@code patterns}. */
    public static boolean allowsRole(List<String> patterns, String roleArn) {
        return patterns.stream().map(String::trim).filter(p -> !p.isEmpty()).anyMatch(p -> glob(p).matcher(roleArn).matches());
    }

    /**
     * Whether {@code endpointUrl} is one of {@code endpoints}, compared without case in scheme and host and without a
     * trailing slash; an entry {@code *} allows any endpoint.
     */
    public static boolean allowsEndpoint(List<String> endpoints, String endpointUrl) {
        String wanted = normalise(endpointUrl);
        return endpoints.stream().map(String::trim).filter(e -> !e.isEmpty())
                .anyMatch(e -> e.equals("*") || normalise(e).equals(wanted));
    }

    /** Whether two endpoint URLs are the same endpoint. */
    public static boolean sameEndpoint(@CheckForNull String a, @CheckForNull String b) {
        return a != null && b != null && normalise(a).equals(normalise(b));
    }

    /** A problem with a "Roles jobs may assume" entry: it must read as a role ARN, with {@code *} where any text may stand. */
    public static Optional<String> checkRolePattern(String pattern) {
        String trimmed = pattern.trim();
        if (trimmed.equals("*") || ROLE_PATTERN.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + trimmed + "' is not a role ARN pattern (arn:aws:iam::<12-digit account>:role/<name>, "
                + "with * for any characters)");
    }

    /**
     * Signed requests carry the session token: over plain http anyone on the path reads it. Plain http is only for
     * endpoints on this machine (the simulator, LocalStack).
     */
    public static Optional<String> checkTransport(@CheckForNull String endpointUrl) {
        if (endpointUrl == null || endpointUrl.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(endpointUrl.trim());
            if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
                return Optional.of("'" + endpointUrl.trim() + "' would send signed requests and session tokens unencrypted: "
                        + "use https (plain http is accepted only for loopback addresses such as 127.0.0.1)");
            }
        } catch (URISyntaxException e) {
            // AwsInput.checkEndpointUrl reports malformed URLs.
        }
        return Optional.empty();
    }

    static boolean isLoopback(@CheckForNull String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        // Literal addresses and the one name every resolver pins to loopback; no DNS lookup, which an attacker could steer.
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static String normalise(String url) {
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() != null && uri.getHost() != null) {
                String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
                return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
            }
        } catch (URISyntaxException e) {
            // Compared as written.
        }
        return trimmed.replaceAll("/+$", "");
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
