package io.jenkins.plugins.awsrollout.engine.ami;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of single {@code awsBakeAmi} fields, for the configuration form (where the build's variables are not known
 * yet) and for {@link BakeRequest}. Each returns the problem as a sentence fragment, or empty when the value is fine;
 * blank values are fine (they are optional or reported as missing elsewhere).
 */
public final class BakeInput {

    static final Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");
    static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private BakeInput() {}

    /** Checks an {@code amiName} template with every build variable standing in as a short number. */
    public static Optional<String> checkAmiName(@CheckForNull String value) {
        if (isBlank(value)) {
            return Optional.empty();
        }
        Matcher variable = VARIABLE.matcher(value.trim());
        StringBuilder sample = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(sample, "42");
        }
        variable.appendTail(sample);
        try {
            AmiNameTemplate.of(sample.toString(), java.util.Map.of());
            return Optional.empty();
        } catch (OperationFailedException e) {
            return Optional.of(e.getMessage().replaceFirst("^Invalid amiName '[^']*': ", "").replaceFirst("\\.$", ""));
        }
    }

    public static Optional<String> checkSourceAmi(@CheckForNull String value) {
        return isBlank(value) || AMI_ID.matcher(value.trim()).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not an AMI id such as ami-0123456789abcdef0");
    }

    public static Optional<String> checkInstanceType(@CheckForNull String value) {
        return isBlank(value) || INSTANCE_TYPE.matcher(value.trim()).matches() ? Optional.empty()
                : Optional.of("'" + value + "' is not an EC2 instance type such as t3.micro");
    }

    public static Optional<String> checkUserData(@CheckForNull String value) {
        return isBlank(value) ? Optional.empty() : ProvisioningScript.check(value.trim());
    }

    private static boolean isBlank(@CheckForNull String value) {
        return value == null || value.isBlank();
    }
}
