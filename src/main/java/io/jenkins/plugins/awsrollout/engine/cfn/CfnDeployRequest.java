package io.jenkins.plugins.awsrollout.engine.cfn;

import static io.jenkins.plugins.awsrollout.engine.OperationFailedException.invalid;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code awsCfnDeploy} call. Built by {@link Builder} from the step's raw parameters; every bad value
 * fails there, naming the field and the value, before any AWS call.
 *
 * @param stackName the stack to create or update
 * @param template the template (text or S3 URL)
 * @param parameters parameter values; a null value keeps the stack's previous value
 * @param tags stack tags
 * @param capabilities what the deployer acknowledges (CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND)
 * @param stackRoleArn the service role CloudFormation acts with, or null
 * @param notificationArns SNS topics for stack events
 * @param terminationProtection turn termination protection on (false leaves it as it is)
 * @param s3Bucket where a template over 51,200 bytes is uploaded, or null
 * @param s3Prefix the key prefix there ("" or ending with /)
 * @param changeSetName the change set's name, derived from the build (a restarted step finds its own)
 * @param description the change set's description
 * @param timeout how long the whole step may take
 * @param onAbort what happens to an operation in flight when the build is stopped or times out
 * @param dryRun show the changes, change nothing
 * @param protectResources logical ids that must not be replaced or removed
 * @param failOnError whether a failed deployment fails the step (false: it returns the result)
 * @param polling the polling shape
 */
public record CfnDeployRequest(
        String stackName,
        StackTemplate template,
        Map<String, String> parameters,
        Map<String, String> tags,
        List<String> capabilities,
        @CheckForNull String stackRoleArn,
        List<String> notificationArns,
        boolean terminationProtection,
        @CheckForNull String s3Bucket,
        String s3Prefix,
        String changeSetName,
        String description,
        Duration timeout,
        OnAbort onAbort,
        boolean dryRun,
        List<String> protectResources,
        boolean failOnError,
        Backoff polling)
        implements Serializable {

    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    static final Set<String> CAPABILITIES = Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]{1,255}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
    private static final Pattern SNS_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:.+");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /** The step's raw parameters, validated by {@link #build()}. Blank strings count as not set. */
    public static final class Builder {
        private String stackName;
        private String templateFile;
        private String templateFileText;
        private String templateBody;
        private String templateUrl;
        private List<String> parameterEntries = List.of();
        private String parametersFile;
        private String parametersFileText;
        private List<String> tags = List.of();
        private List<String> capabilities = List.of();
        private String stackRoleArn;
        private List<String> notificationArns = List.of();
        private boolean terminationProtection;
        private String s3Bucket;
        private String s3Prefix;
        private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        private String onAbort;
        private boolean dryRun;
        private List<String> protectResources = List.of();
        private boolean failOnError = true;
        private Backoff polling = Backoff.polling(Duration.ofSeconds(5), Duration.ofSeconds(30));
        private Map<String, String> env = Map.of();

        public Builder stackName(String value) {
            stackName = blankToNull(value);
            return this;
        }

        /** A template from the workspace: its path (for messages) and its text, read by the step. */
        public Builder templateFile(String path, @CheckForNull String text) {
            templateFile = blankToNull(path);
            templateFileText = text;
            return this;
        }

        public Builder templateBody(String value) {
            templateBody = value == null || value.isBlank() ? null : value;
            return this;
        }

        public Builder templateUrl(String value) {
            templateUrl = blankToNull(value);
            return this;
        }

        /** {@code Key=Value} entries. */
        public Builder parameters(List<String> entries) {
            parameterEntries = nonBlank(entries);
            return this;
        }

        /** A parameters file from the workspace: its path and its text, read by the step. */
        public Builder parametersFile(String path, @CheckForNull String text) {
            parametersFile = blankToNull(path);
            parametersFileText = text;
            return this;
        }

        public Builder tags(List<String> value) {
            tags = nonBlank(value);
            return this;
        }

        public Builder capabilities(List<String> value) {
            capabilities = nonBlank(value);
            return this;
        }

        public Builder stackRoleArn(String value) {
            stackRoleArn = blankToNull(value);
            return this;
        }

        public Builder notificationArns(List<String> value) {
            notificationArns = nonBlank(value);
            return this;
        }

        public Builder terminationProtection(boolean value) {
            terminationProtection = value;
            return this;
        }

        public Builder upload(String bucket, String prefix) {
            s3Bucket = blankToNull(bucket);
            s3Prefix = blankToNull(prefix);
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

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder protectResources(List<String> value) {
            protectResources = nonBlank(value);
            return this;
        }

        public Builder failOnError(boolean value) {
            failOnError = value;
            return this;
        }

        public Builder polling(Backoff value) {
            polling = value;
            return this;
        }

        /** The build's environment: JOB_NAME and BUILD_NUMBER name the change set, BUILD_URL describes it. */
        public Builder environment(Map<String, String> value) {
            env = value;
            return this;
        }

        public CfnDeployRequest build() {
            if (stackName == null) {
                throw new OperationFailedException("stackName is required.");
            }
            if (!STACK_NAME.matcher(stackName).matches()) {
                throw invalid("stackName", stackName, "is not a stack name (a letter, then letters, digits and hyphens, at most 128)");
            }
            StackTemplate template = template();
            Map<String, String> parameters = new LinkedHashMap<>();
            if (parametersFile != null) {
                if (parametersFileText == null) {
                    throw invalid("parametersFile", parametersFile, "is not in the workspace");
                }
                parameters.putAll(ParameterValues.ofJson(parametersFileText, parametersFile));
            }
            parameters.putAll(ParameterValues.ofEntries(parameterEntries));
            Map<String, String> tagMap = new LinkedHashMap<>();
            for (String tag : tags) {
                int eq = tag.indexOf('=');
                if (eq <= 0) {
                    throw invalid("tags", tag, "is not Key=Value");
                }
                tagMap.put(tag.substring(0, eq).trim(), tag.substring(eq + 1).trim());
            }
            List<String> caps = new ArrayList<>();
            for (String capability : capabilities) {
                String upper = capability.toUpperCase(Locale.ROOT);
                if (!CAPABILITIES.contains(upper)) {
                    throw invalid("capabilities", capability, "is not CAPABILITY_IAM, CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND");
                }
                caps.add(upper);
            }
            if (stackRoleArn != null && !ROLE_ARN.matcher(stackRoleArn).matches()) {
                throw invalid("stackRoleArn", stackRoleArn, "is not an IAM role ARN (arn:aws:iam::123456789012:role/name)");
            }
            for (String arn : notificationArns) {
                if (!SNS_ARN.matcher(arn).matches()) {
                    throw invalid("notificationArns", arn, "is not an SNS topic ARN");
                }
            }
            for (String id : protectResources) {
                if (!LOGICAL_ID.matcher(id).matches()) {
                    throw invalid("protectResources", id, "is not a logical id (letters and digits)");
                }
            }
            if (s3Bucket != null && !BUCKET.matcher(s3Bucket).matches()) {
                throw invalid("s3Bucket", s3Bucket, "is not an S3 bucket name");
            }
            if (template.needsUpload() && s3Bucket == null) {
                throw new OperationFailedException("The template " + template.origin() + " is " + template.bytes() + " bytes, over "
                        + "CloudFormation's " + StackTemplate.MAX_BODY_BYTES + "-byte limit for a template body: set s3Bucket "
                        + "(and s3Prefix) to have it uploaded to S3, or give templateUrl.");
            }
            String prefix = s3Prefix == null ? "" : s3Prefix.replaceAll("^/+", "");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix += "/";
            }
            if (timeoutMinutes < 1 || timeoutMinutes > 7 * 24 * 60) {
                throw invalid("timeoutMinutes", Integer.toString(timeoutMinutes), "must be between 1 and 10080 (a week)");
            }
            OnAbort abort = onAbort == null ? OnAbort.ROLLBACK : OnAbort.of(onAbort)
                    .orElseThrow(() -> invalid("onAbort", onAbort, "must be 'rollback' or 'leave'"));
            return new CfnDeployRequest(stackName, template, parameters, tagMap, caps, stackRoleArn, List.copyOf(notificationArns),
                    terminationProtection, s3Bucket, prefix, changeSetName(), description(), Duration.ofMinutes(timeoutMinutes), abort,
                    dryRun, List.copyOf(protectResources), failOnError, polling);
        }

        private StackTemplate template() {
            List<String> given = new ArrayList<>();
            if (templateFile != null) {
                given.add("template");
            }
            if (templateBody != null) {
                given.add("templateBody");
            }
            if (templateUrl != null) {
                given.add("templateUrl");
            }
            if (given.size() != 1) {
                throw new OperationFailedException(given.isEmpty()
                        ? "No template: set template (a file in the workspace), templateBody or templateUrl."
                        : "Set only one of template, templateBody and templateUrl: " + String.join(", ", given) + " were all given.");
            }
            if (templateFile != null) {
                if (templateFileText == null) {
                    throw invalid("template", templateFile, "is not in the workspace");
                }
                if (templateFileText.isBlank()) {
                    throw invalid("template", templateFile, "is empty");
                }
                return new StackTemplate(templateFileText, null, "'" + templateFile + "' from the workspace");
            }
            if (templateBody != null) {
                return new StackTemplate(templateBody, null, "templateBody");
            }
            if (!URL.matcher(templateUrl).matches()) {
                throw invalid("templateUrl", templateUrl, "is not an https URL of a template in S3");
            }
            return new StackTemplate(null, templateUrl, templateUrl);
        }

        /** {@code jenkins-<job>-<build>}: the same for every tick of this build, so a restart finds its change set. */
        private String changeSetName() {
            String job = env.getOrDefault("JOB_NAME", "build").replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("-+", "-")
                    .replaceAll("^-|-$", "");
            String build = env.getOrDefault("BUILD_NUMBER", "0").replaceAll("[^0-9]", "");
            String name = "jenkins-" + (job.isEmpty() ? "build" : job) + "-" + (build.isEmpty() ? "0" : build);
            // Room for the suffix the operation adds (-<seconds in base 36>).
            return name.length() > 100 ? name.substring(0, 100).replaceAll("-$", "") : name;
        }

        private String description() {
            String job = env.get("JOB_NAME");
            String url = env.get("BUILD_URL");
            String text = job == null ? "Deployed by Jenkins" : "Jenkins " + job + " #" + env.getOrDefault("BUILD_NUMBER", "?")
                    + (url == null ? "" : " " + url);
            return text.length() > 1024 ? text.substring(0, 1024) : text;
        }


        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        private static List<String> nonBlank(List<String> values) {
            return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
        }
    }
}
