package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Stand-in for credentials-plugin {@code CredentialsMatchers}: signatures only. */
public class CredentialsMatchers {

    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static CredentialsMatcher withId(@NonNull String id) {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public static <C extends Credentials> C firstOrNull(@NonNull Iterable<C> credentials, @NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stand-in");
    }
}
