package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import io.jenkins.plugins.awsrollout.sim.s3.Bucket;
import io.jenkins.plugins.awsrollout.sim.s3.S3Object;
import io.jenkins.plugins.awsrollout.sim.s3.S3Store;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.S3Location;

/**
 * Application revisions: validation, what a revision asks the simulator to do, and whether an S3
 * bundle can be downloaded.
 *
 * <p><b>Markers.</b> A revision whose S3 key, S3 object bytes, GitHub repository or commit id,
 * String or AppSpecContent content contains {@code sim-fail:<LifecycleEvent>} (e.g.
 * {@code sim-fail:ValidateService}) fails that event on every instance with a ScriptFailed
 * diagnostic; {@code sim-takes:<LifecycleEvent>=<seconds>} makes that event take that long. In an
 * S3 bundle the marker must appear in the stored bytes as is (plain text, or a stored, uncompressed
 * zip entry).
 */
final class Revisions {
    private static final Pattern FAIL = Pattern.compile("sim-fail:([A-Za-z]+)");
    private static final Pattern TAKES = Pattern.compile("sim-takes:([A-Za-z]+)=([0-9]+)");
    static final Set<String> BUNDLE_TYPES = Set.of("tar", "tgz", "zip", "YAML", "JSON");

    private Revisions() {}

    /** Checks a revision's shape, failing with {@code InvalidRevisionException} as CodeDeploy does. */
    static void validate(RevisionLocation revision) {
        if (revision == null) {
            throw SimError.client("RevisionRequiredException", "Revision is required.");
        }
        String type = revision.revisionTypeAsString();
        if (type == null) {
            throw SimError.client("InvalidRevisionException", "Revision type is required.");
        }
        switch (type) {
            case "S3" -> {
                S3Location s3 = revision.s3Location();
                if (s3 == null || blank(s3.bucket()) || blank(s3.key())) {
                    throw SimError.client("InvalidRevisionException", "The S3 location must have a bucket and a key.");
                }
                if (s3.bundleTypeAsString() != null && !BUNDLE_TYPES.contains(s3.bundleTypeAsString())) {
                    throw SimError.client("InvalidRevisionException", "Bundle type " + s3.bundleTypeAsString()
                            + " is not valid: use tar, tgz, zip, YAML or JSON.");
                }
            }
            case "GitHub" -> {
                if (revision.gitHubLocation() == null || blank(revision.gitHubLocation().repository())
                        || blank(revision.gitHubLocation().commitId())) {
                    throw SimError.client("InvalidRevisionException", "The GitHub location must have a repository and a commit ID.");
                }
            }
            case "String" -> {
                if (revision.string() == null || blank(revision.string().content())) {
                    throw SimError.client("InvalidRevisionException", "The String revision must have content.");
                }
            }
            case "AppSpecContent" -> {
                if (revision.appSpecContent() == null || blank(revision.appSpecContent().content())) {
                    throw SimError.client("InvalidRevisionException", "The AppSpecContent revision must have content.");
                }
            }
            default -> throw SimError.client("InvalidRevisionException", "Revision type " + type + " is not valid.");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** Same revision: same type and location (eTag and version count only when both name one). */
    static boolean same(RevisionLocation a, RevisionLocation b) {
        if (a == null || b == null || !Objects.equals(a.revisionTypeAsString(), b.revisionTypeAsString())) {
            return false;
        }
        return switch (a.revisionTypeAsString()) {
            case "S3" -> a.s3Location().bucket().equals(b.s3Location().bucket()) && a.s3Location().key().equals(b.s3Location().key())
                    && optionalEqual(a.s3Location().version(), b.s3Location().version())
                    && optionalEqual(a.s3Location().eTag(), b.s3Location().eTag());
            case "GitHub" -> a.gitHubLocation().equals(b.gitHubLocation());
            case "String" -> a.string().content().equals(b.string().content());
            default -> a.appSpecContent().content().equals(b.appSpecContent().content());
        };
    }

    private static boolean optionalEqual(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    /** One line naming the revision, for messages: {@code s3://bucket/key}, {@code github:repo@commit}, ... */
    static String describe(RevisionLocation revision) {
        return switch (revision.revisionTypeAsString()) {
            case "S3" -> "s3://" + revision.s3Location().bucket() + "/" + revision.s3Location().key();
            case "GitHub" -> "github:" + revision.gitHubLocation().repository() + "@" + revision.gitHubLocation().commitId();
            default -> revision.revisionTypeAsString() + " revision";
        };
    }

    /** Everything in a revision the markers may hide in (including the S3 bundle's bytes, if stored). */
    static String text(Cloud cloud, RevisionLocation revision) {
        StringBuilder text = new StringBuilder();
        switch (revision.revisionTypeAsString()) {
            case "S3" -> {
                text.append(revision.s3Location().key()).append('\n');
                Bucket bucket = S3Store.of(cloud).find(revision.s3Location().bucket());
                S3Object object = bucket == null ? null : bucket.latest(revision.s3Location().key());
                if (object != null) {
                    text.append(object.text());
                }
            }
            case "GitHub" -> text.append(revision.gitHubLocation().repository()).append('\n')
                    .append(revision.gitHubLocation().commitId());
            case "String" -> text.append(revision.string().content());
            default -> text.append(revision.appSpecContent().content());
        }
        return text.toString();
    }

    /** The lifecycle events the revision's markers fail. */
    static Set<String> failingEvents(String text) {
        Set<String> events = new LinkedHashSet<>();
        Matcher m = FAIL.matcher(text);
        while (m.find()) {
            events.add(m.group(1));
        }
        return events;
    }

    /** The event durations the revision's markers set. */
    static Map<String, Duration> eventDurations(String text) {
        Map<String, Duration> durations = new LinkedHashMap<>();
        Matcher m = TAKES.matcher(text);
        while (m.find()) {
            durations.put(m.group(1), Duration.ofSeconds(Long.parseLong(m.group(2))));
        }
        return durations;
    }

    /**
     * The script an appspec names for a hook ({@code hooks: / ValidateService: / - location: X}), or
     * {@code scripts/<event_in_snake_case>.sh} when it names none.
     */
    static String scriptName(String text, String event) {
        Matcher m = Pattern.compile("(?m)^\\s*" + event + ":\\s*\\n\\s*-\\s*location:\\s*(\\S+)").matcher(text);
        if (m.find()) {
            return m.group(1);
        }
        return "scripts/" + event.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT) + ".sh";
    }

    /**
     * Why the agent cannot download an S3 bundle (the S3 error message), or null when it can: the
     * bucket and key must exist, and the version and eTag must match when the revision names them.
     */
    static String downloadProblem(Cloud cloud, RevisionLocation revision) {
        if (!"S3".equals(revision.revisionTypeAsString())) {
            return null;
        }
        S3Location s3 = revision.s3Location();
        Bucket bucket = S3Store.of(cloud).find(s3.bucket());
        if (bucket == null) {
            return "The specified bucket does not exist";
        }
        S3Object object = s3.version() == null ? bucket.latest(s3.key()) : bucket.version(s3.key(), s3.version());
        if (object == null) {
            return s3.version() != null && bucket.latest(s3.key()) != null ? "The specified version does not exist."
                    : "The specified key does not exist.";
        }
        if (s3.eTag() != null && !s3.eTag().replace("\"", "").equals(object.bareETag())) {
            return "At least one of the pre-conditions you specified did not hold";
        }
        return null;
    }
}
