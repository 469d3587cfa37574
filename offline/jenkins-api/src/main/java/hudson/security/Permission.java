package hudson.security;

/** Stand-in for jenkins-core {@code hudson.security.Permission}. */
public final class Permission {

    private Permission() {}
}
