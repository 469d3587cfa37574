package io.jenkins.plugins.awsrollout.engine.aws;

/**
 * STS role session names that say which build assumed the role, within STS's rules: 2 to 64 characters of
 * {@code [\w+=,.@-]}. CloudTrail shows the name, so an auditor can go from an API call to the Jenkins build.
 */
public final class RoleSessionName {

    static final int MAX_LENGTH = 64;

    private RoleSessionName() {}

    /** {@code jenkins-<job>-<build>}, with the job name shortened from the left when too long. */
    public static String of(String jobName, String buildNumber) {
        String suffix = "-" + sanitise(buildNumber.isBlank() ? "0" : buildNumber);
        String job = sanitise(jobName.isBlank() ? "job" : jobName);
        String prefix = "jenkins-";
        int room = MAX_LENGTH - prefix.length() - suffix.length();
        if (job.length() > room) {
            // The end of a folder path is the most specific part.
            job = job.substring(job.length() - room);
        }
        return prefix + job + suffix;
    }

    static String sanitise(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || "_+=,.@-".indexOf(c) >= 0);
            out.append(allowed ? c : '-');
        }
        return out.toString();
    }
}
