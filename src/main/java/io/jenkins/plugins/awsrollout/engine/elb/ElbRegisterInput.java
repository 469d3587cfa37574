package io.jenkins.plugins.awsrollout.engine.elb;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks of single {@code awsElbRegister} values, shared by the request and the form validation. Each returns the
 * problem as a hint (what a good value looks like), or empty when the value is fine; blank values are fine here
 * (whether a field is needed is the request's business).
 */
public final class ElbRegisterInput {

    /** Target group and classic load balancer names: 1 to 32 letters, digits and hyphens, no hyphen at either end. */
    private static final Pattern ELB_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final Pattern TARGET_GROUP_ARN = Pattern.compile(
            "arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,16}");

    private ElbRegisterInput() {}

    public static Optional<String> checkTargetGroupArn(@CheckForNull String value) {
        return blank(value) || TARGET_GROUP_ARN.matcher(value.trim()).matches()
                ? Optional.empty()
                : Optional.of("a target group ARN looks like arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>");
    }

    public static Optional<String> checkTargetGroup(@CheckForNull String value) {
        return blank(value) || TARGET_GROUP_ARN.matcher(value.trim()).matches() || ELB_NAME.matcher(value.trim()).matches()
                ? Optional.empty()
                : Optional.of("give a target group name (1 to 32 letters, digits and hyphens) or ARN");
    }

    public static Optional<String> checkLoadBalancer(@CheckForNull String value) {
        return blank(value) || ELB_NAME.matcher(value.trim()).matches()
                ? Optional.empty()
                : Optional.of("a classic load balancer name is 1 to 32 letters, digits and hyphens");
    }

    private static boolean blank(@CheckForNull String value) {
        return value == null || value.isBlank();
    }
}
