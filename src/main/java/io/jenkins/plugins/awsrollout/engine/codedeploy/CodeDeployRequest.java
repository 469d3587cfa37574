package io.jenkins.plugins.awsrollout.engine.codedeploy;

import static io.jenkins.plugins.awsrollout.engine.OperationFailedException.invalid;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code awsCodeDeploy} call: what to deploy where, the CreateDeployment options, and how to follow it.
 * Built by {@link Builder} from the step's raw parameters; every bad value fails there, naming the field and the
 * value, before any AWS call.
 *
 * @param application the CodeDeploy application
 * @param deploymentGroup its deployment group
 * @param deploymentConfig the deployment configuration, or null for the group's
 * @param description the deployment's description (also how a restarted step recognises its deployment)
 * @param revision what to deploy; null when {@code continueDeploymentId} is set
 * @param continueDeploymentId a deployment waiting in Ready to continue and follow, instead of creating one
 * @param fileExistsBehavior DISALLOW, OVERWRITE or RETAIN, or null for CodeDeploy's default
 * @param ignoreApplicationStopFailures go on when ApplicationStop fails
 * @param updateOutdatedInstancesOnly deploy only to instances not already running this revision
 * @param targetInstances the replacement instances of a blue/green deployment, or null
 * @param autoRollback this deployment's rollback settings, or null for the group's
 * @param alarms this deployment's alarm settings, or null for the group's
 * @param waitForCompletion follow the deployment to its end (false: return once it is created)
 * @param timeout how long the whole step may take
 * @param onAbort what happens to the deployment on abort or timeout
 * @param onReady what to do at Ready (blue/green)
 * @param polling the polling shape
 */
public record CodeDeployRequest(
        String application,
        String deploymentGroup,
        @CheckForNull String deploymentConfig,
        String description,
        @CheckForNull Revision revision,
        @CheckForNull String continueDeploymentId,
        @CheckForNull String fileExistsBehavior,
        boolean ignoreApplicationStopFailures,
        boolean updateOutdatedInstancesOnly,
        @CheckForNull TargetInstances targetInstances,
        @CheckForNull AutoRollback autoRollback,
        @CheckForNull AlarmOverride alarms,
        boolean waitForCompletion,
        Duration timeout,
        AbortAction onAbort,
        ReadyAction onReady,
        Backoff polling)
        implements Serializable {

    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    static final int MAX_ALARMS = 10;
    private static final Set<String> FILE_EXISTS = Set.of("DISALLOW", "OVERWRITE", "RETAIN");
    private static final Set<String> ROLLBACK_EVENTS =
            Set.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST");
    private static final Pattern NAME = Pattern.compile("[\\w.+@=,/-]{1,100}");
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("d-[A-Z0-9]{9}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern GITHUB_REPOSITORY = Pattern.compile("[\\w.-]+/[\\w.-]+");

    /** The deployment group as people write it: {@code web-app/web-dg}. */
    public String groupPath() {
        return application + "/" + deploymentGroup;
    }

    /** The step's raw parameters, validated by {@link #build()}. Blank strings count as not set. */
    public static final class Builder {
        private String application;
        private String deploymentGroup;
        private String deploymentConfig;
        private String description;
        private String s3Bucket;
        private String s3Key;
        private String s3BundleType;
        private String s3Version;
        private String s3ETag;
        private boolean s3Set;
        private String gitHubRepository;
        private String gitHubCommitId;
        private boolean gitHubSet;
        private String appSpecContent;
        private String source;
        private BundleSource bundleSource;
        private String uploadBucket;
        private String uploadPrefix;
        private String sseAlgorithm;
        private String sseKmsKeyId;
        private String continueDeployment;
        private String fileExistsBehavior;
        private boolean ignoreApplicationStopFailures;
        private boolean updateOutdatedInstancesOnly;
        private List<String> targetAutoScalingGroups;
        private List<String> targetTagFilters;
        private boolean targetsSet;
        private Boolean rollbackEnabled;
        private List<String> rollbackEvents;
        private Boolean alarmsEnabled;
        private List<String> alarmNames;
        private boolean ignorePollAlarmFailure;
        private boolean waitForCompletion = true;
        private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        private String onAbort;
        private String onReady;
        private int pollIntervalSeconds;
        private Backoff polling = Backoff.polling(Duration.ofSeconds(5), Duration.ofSeconds(60));
        private Map<String, String> env = Map.of();

        public Builder application(String value) {
            application = blankToNull(value);
            return this;
        }

        public Builder deploymentGroup(String value) {
            deploymentGroup = blankToNull(value);
            return this;
        }

        public Builder deploymentConfig(String value) {
            deploymentConfig = blankToNull(value);
            return this;
        }

        public Builder description(String value) {
            description = blankToNull(value);
            return this;
        }

        public Builder s3(String bucket, String key, String bundleType, String version, String eTag) {
            s3Set = true;
            s3Bucket = blankToNull(bucket);
            s3Key = blankToNull(key);
            s3BundleType = blankToNull(bundleType);
            s3Version = blankToNull(version);
            s3ETag = blankToNull(eTag);
            return this;
        }

        public Builder gitHub(String repository, String commitId) {
            gitHubSet = true;
            gitHubRepository = blankToNull(repository);
            gitHubCommitId = blankToNull(commitId);
            return this;
        }

        public Builder appSpecContent(String value) {
            appSpecContent = blankToNull(value);
            return this;
        }

        /** A path in the workspace, and the Jenkins side's way to pack it. */
        public Builder source(String path, BundleSource packer) {
            source = blankToNull(path);
            bundleSource = packer;
            return this;
        }

        public Builder upload(String bucket, String prefix, String algorithm, String kmsKeyId) {
            uploadBucket = blankToNull(bucket);
            uploadPrefix = blankToNull(prefix);
            sseAlgorithm = blankToNull(algorithm);
            sseKmsKeyId = blankToNull(kmsKeyId);
            return this;
        }

        public Builder continueDeployment(String deploymentId) {
            continueDeployment = blankToNull(deploymentId);
            return this;
        }

        public Builder fileExistsBehavior(String value) {
            fileExistsBehavior = blankToNull(value);
            return this;
        }

        public Builder ignoreApplicationStopFailures(boolean value) {
            ignoreApplicationStopFailures = value;
            return this;
        }

        public Builder updateOutdatedInstancesOnly(boolean value) {
            updateOutdatedInstancesOnly = value;
            return this;
        }

        public Builder targetInstances(List<String> autoScalingGroups, List<String> tagFilters) {
            targetsSet = true;
            targetAutoScalingGroups = nonBlank(autoScalingGroups);
            targetTagFilters = nonBlank(tagFilters);
            return this;
        }

        public Builder autoRollback(boolean enabled, List<String> events) {
            rollbackEnabled = enabled;
            rollbackEvents = nonBlank(events);
            return this;
        }

        public Builder alarms(boolean enabled, List<String> names, boolean ignorePollFailure) {
            alarmsEnabled = enabled;
            alarmNames = nonBlank(names);
            ignorePollAlarmFailure = ignorePollFailure;
            return this;
        }

        public Builder waitForCompletion(boolean value) {
            waitForCompletion = value;
            return this;
        }

        public Builder timeoutMinutes(int value) {
            timeoutMinutes = value;
            return this;
        }

        public Builder onAbort(String value) {
            onAbort = blankToNull(value);
            return this;
        }

        public Builder onReady(String value) {
            onReady = blankToNull(value);
            return this;
        }

        /** 0 keeps the global default. */
        public Builder pollIntervalSeconds(int value) {
            pollIntervalSeconds = value;
            return this;
        }

        /** The global polling shape. */
        public Builder polling(Backoff value) {
            polling = value;
            return this;
        }

        /** The build's environment: JOB_NAME, BUILD_NUMBER and BUILD_URL name the deployment and the bundle. */
        public Builder environment(Map<String, String> value) {
            env = value;
            return this;
        }

        public CodeDeployRequest build() {
            String app = name("application", application);
            String group = name("deploymentGroup", deploymentGroup);
            String config = deploymentConfig == null ? null : name("deploymentConfig", deploymentConfig);
            String continuing = continueDeployment();
            Revision revision = revision(continuing, app);
            return new CodeDeployRequest(
                    app,
                    group,
                    config,
                    description == null ? defaultDescription() : description,
                    revision,
                    continuing,
                    fileExistsBehavior(),
                    ignoreApplicationStopFailures,
                    updateOutdatedInstancesOnly,
                    targetInstances(),
                    autoRollback(),
                    alarmOverride(),
                    waitForCompletion,
                    timeout(),
                    choice("onAbort", onAbort, AbortAction.class, AbortAction.STOP),
                    choice("onReady", onReady, ReadyAction.class, ReadyAction.WAIT),
                    pollIntervalSeconds == 0 ? polling : Backoff.polling(Duration.ofSeconds(pollIntervalSeconds),
                            polling.max().compareTo(Duration.ofSeconds(pollIntervalSeconds)) < 0
                                    ? Duration.ofSeconds(pollIntervalSeconds) : polling.max()));
        }

        private String continueDeployment() {
            if (continueDeployment != null && !DEPLOYMENT_ID.matcher(continueDeployment).matches()) {
                throw invalid("continueDeployment", continueDeployment, "is not a CodeDeploy deployment id (d- and 9 letters or digits)");
            }
            return continueDeployment;
        }

        private Revision revision(String continuing, String app) {
            List<String> given = new ArrayList<>();
            if (s3Set) {
                given.add("s3");
            }
            if (gitHubSet) {
                given.add("gitHub");
            }
            if (appSpecContent != null) {
                given.add("appSpecContent");
            }
            if (source != null) {
                given.add("source");
            }
            if (source == null && (uploadBucket != null || uploadPrefix != null || sseAlgorithm != null || sseKmsKeyId != null)) {
                throw new OperationFailedException("s3Bucket, s3Prefix, sseAlgorithm and sseKmsKeyId are only used with source.");
            }
            if (continuing != null) {
                if (!given.isEmpty()) {
                    throw new OperationFailedException("continueDeployment continues an existing deployment; it cannot be "
                            + "combined with " + String.join(" or ", given) + ".");
                }
                return null;
            }
            if (given.size() != 1) {
                throw new OperationFailedException(given.isEmpty()
                        ? "Nothing to deploy: set one of s3, gitHub, appSpecContent or source."
                        : "Set only one revision: " + String.join(", ", given) + " were all given.");
            }
            return switch (given.get(0)) {
                case "s3" -> s3Bundle();
                case "gitHub" -> gitHubCommit();
                case "appSpecContent" -> new AppSpecText(appSpecContent);
                default -> sourceUpload(app);
            };
        }

        private S3Bundle s3Bundle() {
            if (s3Bucket == null || s3Key == null) {
                throw new OperationFailedException("s3 needs both bucket and key.");
            }
            bucket("s3.bucket", s3Bucket);
            String type = s3BundleType == null ? bundleTypeOf(s3Key) : bundleType(s3BundleType);
            if (type == null) {
                throw invalid("s3.key", s3Key, "does not tell the bundle type; set s3.bundleType to zip, tar, tgz, YAML or JSON");
            }
            return new S3Bundle(s3Bucket, s3Key, type, s3Version, s3ETag == null ? null : unquoted(s3ETag));
        }

        private GitHubCommit gitHubCommit() {
            if (gitHubRepository == null || gitHubCommitId == null) {
                throw new OperationFailedException("gitHub needs both repository and commitId.");
            }
            if (!GITHUB_REPOSITORY.matcher(gitHubRepository).matches()) {
                throw invalid("gitHub.repository", gitHubRepository, "is not owner/repository");
            }
            return new GitHubCommit(gitHubRepository, gitHubCommitId);
        }

        private SourceUpload sourceUpload(String app) {
            if (source.startsWith("/") || source.matches("^[A-Za-z]:[\\\\/].*") || source.replace('\\', '/').startsWith("../")
                    || source.equals("..")) {
                throw invalid("source", source, "must be a path inside the workspace, relative to it");
            }
            if (uploadBucket == null) {
                throw new OperationFailedException("source needs s3Bucket: the bucket the bundle is uploaded to.");
            }
            bucket("s3Bucket", uploadBucket);
            String algorithm = null;
            if (sseAlgorithm != null) {
                algorithm = switch (sseAlgorithm.toLowerCase(Locale.ROOT)) {
                    case "aes256" -> "AES256";
                    case "aws:kms" -> "aws:kms";
                    default -> throw invalid("sseAlgorithm", sseAlgorithm, "must be AES256 or aws:kms");
                };
            }
            if (sseKmsKeyId != null && !"aws:kms".equals(algorithm)) {
                throw new OperationFailedException("sseKmsKeyId needs sseAlgorithm: 'aws:kms'.");
            }
            String prefix = uploadPrefix == null ? "" : uploadPrefix.replaceAll("^/+", "");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix += "/";
            }
            return new SourceUpload(bundleSource, uploadBucket, prefix, keyName(app), algorithm, sseKmsKeyId);
        }

        private String fileExistsBehavior() {
            if (fileExistsBehavior == null) {
                return null;
            }
            String upper = fileExistsBehavior.toUpperCase(Locale.ROOT);
            if (!FILE_EXISTS.contains(upper)) {
                throw invalid("fileExistsBehavior", fileExistsBehavior, "must be DISALLOW, OVERWRITE or RETAIN");
            }
            return upper;
        }

        private TargetInstances targetInstances() {
            if (!targetsSet) {
                return null;
            }
            if (targetAutoScalingGroups.isEmpty() && targetTagFilters.isEmpty()) {
                throw new OperationFailedException("targetInstances needs autoScalingGroups or tagFilters.");
            }
            for (String name : targetAutoScalingGroups) {
                if (name.length() > 255) {
                    throw invalid("targetInstances.autoScalingGroups", name, "is longer than 255 characters");
                }
            }
            List<TargetInstances.TagFilter> filters = new ArrayList<>();
            for (String text : targetTagFilters) {
                TargetInstances.TagFilter filter = TargetInstances.TagFilter.parse(text);
                if (filter == null) {
                    throw invalid("targetInstances.tagFilters", text, "is neither Key=Value, Key nor =Value");
                }
                filters.add(filter);
            }
            return new TargetInstances(targetAutoScalingGroups, filters);
        }

        private AutoRollback autoRollback() {
            if (rollbackEnabled == null) {
                return null;
            }
            List<String> events = new ArrayList<>();
            for (String event : rollbackEvents) {
                String upper = event.toUpperCase(Locale.ROOT);
                if (!ROLLBACK_EVENTS.contains(upper)) {
                    throw invalid("autoRollback.events", event,
                            "must be DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM or DEPLOYMENT_STOP_ON_REQUEST");
                }
                events.add(upper);
            }
            if (rollbackEnabled && events.isEmpty()) {
                events.add("DEPLOYMENT_FAILURE");
            }
            return new AutoRollback(rollbackEnabled, events);
        }

        private AlarmOverride alarmOverride() {
            if (alarmsEnabled == null) {
                return null;
            }
            if (alarmsEnabled && alarmNames.isEmpty()) {
                throw new OperationFailedException("alarms needs names (or enabled: false to turn the group's alarms off).");
            }
            if (alarmNames.size() > MAX_ALARMS) {
                throw invalid("alarms.names", String.join(", ", alarmNames), "names more than " + MAX_ALARMS + " alarms");
            }
            return new AlarmOverride(alarmsEnabled, alarmNames, ignorePollAlarmFailure);
        }

        private Duration timeout() {
            if (timeoutMinutes < 1 || timeoutMinutes > 7 * 24 * 60) {
                throw invalid("timeoutMinutes", Integer.toString(timeoutMinutes), "must be between 1 and 10080 (a week)");
            }
            if (pollIntervalSeconds < 0 || pollIntervalSeconds > 3600) {
                throw invalid("pollIntervalSeconds", Integer.toString(pollIntervalSeconds), "must be between 1 and 3600 (0: the global default)");
            }
            return Duration.ofMinutes(timeoutMinutes);
        }

        private String defaultDescription() {
            String job = env.get("JOB_NAME");
            String url = env.get("BUILD_URL");
            if (job == null) {
                return "Deployed by Jenkins";
            }
            return "Jenkins " + job + " #" + env.getOrDefault("BUILD_NUMBER", "?") + (url == null ? "" : " " + url);
        }

        private String keyName(String app) {
            String job = env.getOrDefault("JOB_NAME", app).replaceAll("[^A-Za-z0-9._-]+", "-");
            String build = env.get("BUILD_NUMBER");
            return build == null ? job : job + "-" + build;
        }

        private static String name(String field, String value) {
            if (value == null) {
                throw new OperationFailedException(field + " is required.");
            }
            if (!NAME.matcher(value).matches()) {
                throw invalid(field, value, "is not a CodeDeploy name (1 to 100 letters, digits and ._-+=,@/)");
            }
            return value;
        }

        private static void bucket(String field, String value) {
            if (!BUCKET.matcher(value).matches()) {
                throw invalid(field, value, "is not an S3 bucket name");
            }
        }

        private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, E fallback) {
            if (value == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (E constant : type.getEnumConstants()) {
                    names.add("'" + constant.name().toLowerCase(Locale.ROOT) + "'");
                }
                throw invalid(field, value, "must be " + String.join(" or ", names));
            }
        }


        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        private static List<String> nonBlank(List<String> values) {
            return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
        }

        private static String unquoted(String eTag) {
            return eTag.startsWith("\"") && eTag.endsWith("\"") && eTag.length() > 1 ? eTag.substring(1, eTag.length() - 1) : eTag;
        }
    }

    /** The bundle type a key's extension names, or null. */
    static String bundleTypeOf(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            return "YAML";
        }
        if (lower.endsWith(".json")) {
            return "JSON";
        }
        return BundleArchive.archiveType(lower);
    }

    private static String bundleType(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "zip" -> "zip";
            case "tar" -> "tar";
            case "tgz", "tar.gz" -> "tgz";
            case "yaml", "yml" -> "YAML";
            case "json" -> "JSON";
            default -> throw invalid("s3.bundleType", value, "must be zip, tar, tgz, YAML or JSON");
        };
    }
}
