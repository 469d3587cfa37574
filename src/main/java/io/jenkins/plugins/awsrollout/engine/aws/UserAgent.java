package io.jenkins.plugins.awsrollout.engine.aws;

/** The user agent suffix that lets AWS (and CloudTrail readers) tell our calls apart. */
final class UserAgent {

    private UserAgent() {}

    static String suffix() {
        String version = UserAgent.class.getPackage().getImplementationVersion();
        return "aws-rollout/" + (version == null ? "dev" : version);
    }
}
