package io.jenkins.plugins.awsrollout.engine.ami;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * EC2's rules for AMI names (CreateImage, CopyImage): 3 to 128 characters of letters, digits, spaces and
 * {@code ( ) [ ] . / - ' @ _}, unique per account and region. EC2 only checks them when the image is created, at
 * the end of a bake; we check before anything starts.
 */
public final class AmiNames {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 128;
    private static final String SPECIALS = "()[]./-'@_ ";

    private AmiNames() {}

    /** The problem with {@code name} as a sentence fragment, or empty when EC2 accepts it. */
    public static Optional<String> check(String name) {
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            return Optional.of("it has " + name.length() + " characters; EC2 allows " + MIN_LENGTH + " to " + MAX_LENGTH);
        }
        Set<String> refused = new TreeSet<>();
        for (char c : name.toCharArray()) {
            if (!allowed(c)) {
                refused.add(Character.isWhitespace(c) ? "a tab or line break" : "'" + c + "'");
            }
        }
        if (!refused.isEmpty()) {
            return Optional.of("EC2 does not allow " + String.join(", ", refused)
                    + " in AMI names (only letters, digits, spaces and ( ) [ ] . / - ' @ _)");
        }
        if (name.startsWith(" ") || name.endsWith(" ")) {
            return Optional.of("it starts or ends with a space");
        }
        return Optional.empty();
    }

    static boolean allowed(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || SPECIALS.indexOf(c) >= 0);
    }
}
