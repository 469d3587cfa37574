package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks of the connection settings every step and the global configuration accept. Each check returns the problem
 * as a sentence naming the value, or empty when the value is fine; blank values are fine (they fall back).
 */
public final class AwsInput {

    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    private AwsInput() {}

    public static Optional<String> checkRegion(@CheckForNull String region) {
        if (isBlank(region) || REGION.matcher(region.trim()).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + region + "' is not an AWS region name (for example us-east-1 or eu-west-2)");
    }

    public static Optional<String> checkRoleArn(@CheckForNull String roleArn) {
        if (isBlank(roleArn) || ROLE_ARN.matcher(roleArn.trim()).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + roleArn + "' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)");
    }

    public static Optional<String> checkExternalId(@CheckForNull String externalId) {
        if (isBlank(externalId) || EXTERNAL_ID.matcher(externalId.trim()).matches()) {
            return Optional.empty();
        }
        return Optional.of("the external id must be 2 to 1224 characters of letters, digits and +=,.@:/-_");
    }

    public static Optional<String> checkEndpointUrl(@CheckForNull String endpointUrl) {
        if (isBlank(endpointUrl)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(endpointUrl.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        return Optional.of("'" + endpointUrl + "' is not an http(s) URL such as http://127.0.0.1:4566");
    }

    private static boolean isBlank(@CheckForNull String value) {
        return value == null || value.isBlank();
    }
}
