package io.jenkins.plugins.awsrollout.engine.ami;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AwsInput;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated bake: everything {@link BakeOperation} needs, with defaults applied. Built by {@link Builder#build},
 * which fails with one sentence naming the field and the value before any AWS call.
 *
 * @param amiName the AMI name template (build variables expanded, time tokens left)
 * @param sourceAmi the source AMI id, or null when {@code sourceAmiFilter} finds it
 * @param sourceAmiFilter how to find the source AMI, or null
 * @param instanceType the builder's instance type
 * @param subnetId the builder's subnet, or null for the default VPC
 * @param securityGroupIds the builder's security groups; empty: a temporary one with no inbound rules
 * @param iamInstanceProfile the builder's instance profile (name or ARN), or null
 * @param rootVolumeSize the root volume size in GiB, or 0 for the source AMI's
 * @param runTags extra tags on the builder instance and the temporary security group
 * @param userData the provisioning shell script, or null with {@code ssmCommands}
 * @param ssmCommands provisioning commands run through SSM one by one, or empty with {@code userData}
 * @param provisionTimeout how long provisioning may take
 * @param description the AMI description, or null
 * @param tags the AMI tags (in every region)
 * @param snapshotTags the snapshot tags (in every region)
 * @param encrypted whether the AMI's snapshots are encrypted
 * @param kmsKeyId the KMS key in the step's region, or null for the account's default EBS key
 * @param imdsSupport {@code v2.0} to make instances of the AMI require IMDSv2, or null
 * @param deprecateAfterDays days after which the AMI is deprecated, or 0
 * @param regions other regions to copy the AMI to
 * @param regionKmsKeyIds the KMS key per copy region
 * @param shareWithAccounts accounts given launch permission (and snapshot volume permission) in every region
 * @param skipIfUnchanged whether an available AMI with the same bake key is reused
 * @param keep how many AMIs of the same name prefix to keep per region (0: retention off)
 * @param timeout how long the whole bake may take
 * @param onError what a failure leaves behind
 * @param polling how often to look at things in progress
 * @param jobName the Jenkins job (for tags), or empty
 * @param buildUrl the Jenkins build URL (for tags), or empty
 */
public record BakeRequest(
        AmiNameTemplate amiName,
        @CheckForNull String sourceAmi,
        @CheckForNull AmiFilter sourceAmiFilter,
        String instanceType,
        @CheckForNull String subnetId,
        List<String> securityGroupIds,
        @CheckForNull String iamInstanceProfile,
        int rootVolumeSize,
        Map<String, String> runTags,
        @CheckForNull String userData,
        List<String> ssmCommands,
        Duration provisionTimeout,
        @CheckForNull String description,
        Map<String, String> tags,
        Map<String, String> snapshotTags,
        boolean encrypted,
        @CheckForNull String kmsKeyId,
        @CheckForNull String imdsSupport,
        int deprecateAfterDays,
        List<String> regions,
        Map<String, String> regionKmsKeyIds,
        List<String> shareWithAccounts,
        boolean skipIfUnchanged,
        int keep,
        Duration timeout,
        OnError onError,
        Backoff polling,
        String jobName,
        String buildUrl)
        implements Serializable {

    public static final String DEFAULT_INSTANCE_TYPE = "t3.micro";
    public static final int DEFAULT_TIMEOUT_MINUTES = 120;
    public static final int DEFAULT_PROVISION_TIMEOUT_MINUTES = 30;
    static final int MAX_DESCRIPTION = 255;
    static final int MAX_ROOT_VOLUME_GIB = 16_384;

    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern PROFILE_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern PROFILE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:instance-profile/[\\w+=,.@/-]{1,512}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern KMS_KEY = Pattern.compile("\\S{1,2048}");

    /** Whether provisioning runs through SSM rather than user data. */
    public boolean usesSsm() {
        return userData == null;
    }

    /** Whether the bake makes (and later deletes) its own security group. */
    public boolean usesTemporarySecurityGroup() {
        return securityGroupIds.isEmpty();
    }

    /** The KMS key for the copy in {@code region}, or null for that region's default EBS key. */
    public @CheckForNull String kmsKeyIdIn(String region) {
        return regionKmsKeyIds.get(region);
    }

    public static Builder builder(String amiName) {
        return new Builder(amiName);
    }

    /**
     * The parameters as a step or builder received them, before validation. Blank strings and empty lists mean
     * "not given".
     */
    public static final class Builder {
        private final String amiName;
        private String sourceAmi;
        private AmiFilter sourceAmiFilter;
        private String instanceType;
        private String subnetId;
        private List<String> securityGroupIds = List.of();
        private String iamInstanceProfile;
        private int rootVolumeSize;
        private List<String> runTags = List.of();
        private String userData;
        private List<String> ssmCommands = List.of();
        private int provisionTimeoutMinutes = DEFAULT_PROVISION_TIMEOUT_MINUTES;
        private String description;
        private List<String> tags = List.of();
        private List<String> snapshotTags = List.of();
        private boolean encrypted;
        private String kmsKeyId;
        private String imdsSupport;
        private int deprecateAfterDays;
        private List<String> regions = List.of();
        private List<String> regionKmsKeyIds = List.of();
        private List<String> shareWithAccounts = List.of();
        private boolean skipIfUnchanged;
        private int keep;
        private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        private String onError;
        private Backoff polling = Backoff.polling(Duration.ofSeconds(5), Duration.ofSeconds(60));

        private Builder(String amiName) {
            this.amiName = amiName;
        }

        public Builder sourceAmi(String value) { sourceAmi = value; return this; }
        public Builder sourceAmiFilter(AmiFilter value) { sourceAmiFilter = value; return this; }
        public Builder instanceType(String value) { instanceType = value; return this; }
        public Builder subnetId(String value) { subnetId = value; return this; }
        public Builder securityGroupIds(List<String> value) { securityGroupIds = orEmpty(value); return this; }
        public Builder iamInstanceProfile(String value) { iamInstanceProfile = value; return this; }
        public Builder rootVolumeSize(int value) { rootVolumeSize = value; return this; }
        public Builder runTags(List<String> value) { runTags = orEmpty(value); return this; }
        public Builder userData(String value) { userData = value; return this; }
        public Builder ssmCommands(List<String> value) { ssmCommands = orEmpty(value); return this; }
        public Builder provisionTimeoutMinutes(int value) { provisionTimeoutMinutes = value; return this; }
        public Builder description(String value) { description = value; return this; }
        public Builder tags(List<String> value) { tags = orEmpty(value); return this; }
        public Builder snapshotTags(List<String> value) { snapshotTags = orEmpty(value); return this; }
        public Builder encrypted(boolean value) { encrypted = value; return this; }
        public Builder kmsKeyId(String value) { kmsKeyId = value; return this; }
        public Builder imdsSupport(String value) { imdsSupport = value; return this; }
        public Builder deprecateAfterDays(int value) { deprecateAfterDays = value; return this; }
        public Builder regions(List<String> value) { regions = orEmpty(value); return this; }
        public Builder regionKmsKeyIds(List<String> value) { regionKmsKeyIds = orEmpty(value); return this; }
        public Builder shareWithAccounts(List<String> value) { shareWithAccounts = orEmpty(value); return this; }
        public Builder skipIfUnchanged(boolean value) { skipIfUnchanged = value; return this; }
        public Builder keep(int value) { keep = value; return this; }
        public Builder timeoutMinutes(int value) { timeoutMinutes = value; return this; }
        public Builder onError(String value) { onError = value; return this; }
        public Builder polling(Backoff value) { polling = value; return this; }

        /**
         * Validates and applies defaults. {@code env} is the build's environment: its variables expand in
         * {@code amiName}, {@code description} and tag values, and {@code JOB_NAME}/{@code BUILD_URL} tag the AMI.
         *
         * @throws OperationFailedException naming the field and the value
         */
        public BakeRequest build(Map<String, String> env) {
            AmiNameTemplate name = AmiNameTemplate.of(required("amiName", amiName), env);
            String source = blankToNull(sourceAmi);
            if ((source == null) == (sourceAmiFilter == null)) {
                throw new OperationFailedException(source == null
                        ? "No source AMI: give sourceAmi (an AMI id) or sourceAmiFilter (a name pattern and owners)."
                        : "Give either sourceAmi or sourceAmiFilter, not both.");
            }
            check("sourceAmi", source, BakeInput.AMI_ID, "an AMI id such as ami-0123456789abcdef0");
            String type = blankToNull(instanceType) == null ? DEFAULT_INSTANCE_TYPE : instanceType.trim();
            check("instanceType", type, BakeInput.INSTANCE_TYPE, "an EC2 instance type such as t3.micro");
            String subnet = blankToNull(subnetId);
            check("subnetId", subnet, SUBNET_ID, "a subnet id such as subnet-0123456789abcdef0");
            List<String> groups = cleaned(securityGroupIds);
            groups.forEach(g -> check("securityGroupIds", g, SECURITY_GROUP_ID, "a security group id such as sg-0123456789abcdef0"));
            String profile = blankToNull(iamInstanceProfile);
            if (profile != null && !PROFILE_NAME.matcher(profile).matches() && !PROFILE_ARN.matcher(profile).matches()) {
                throw invalid("iamInstanceProfile", profile, "give an instance profile name or its ARN");
            }
            range("rootVolumeSize", rootVolumeSize, 0, MAX_ROOT_VOLUME_GIB, "GiB (0 keeps the source AMI's size)");

            String script = blankToNull(userData);
            List<String> commands = commands(ssmCommands);
            if ((script == null) == commands.isEmpty()) {
                throw new OperationFailedException(script == null
                        ? "Nothing to provision: give userData (a shell script) or ssmCommands."
                        : "Give either userData or ssmCommands, not both.");
            }
            if (script != null) {
                String checked = script;
                ProvisioningScript.check(checked).ifPresent(p -> {
                    throw new OperationFailedException("Invalid userData: " + p + ".");
                });
            }
            if (!commands.isEmpty() && profile == null) {
                throw new OperationFailedException("ssmCommands need iamInstanceProfile: the SSM agent on the builder "
                        + "registers with an instance profile that allows it (for example AmazonSSMManagedInstanceCore).");
            }
            range("timeoutMinutes", timeoutMinutes, 5, 24 * 60, "minutes");
            range("provisionTimeoutMinutes", provisionTimeoutMinutes, 1, timeoutMinutes - 1, "minutes (less than timeoutMinutes)");

            String text = blankToNull(description) == null ? null : expand(description.trim(), env);
            if (text != null && text.length() > MAX_DESCRIPTION) {
                throw invalid("description", text, "EC2 allows at most " + MAX_DESCRIPTION + " characters");
            }
            String kms = blankToNull(kmsKeyId);
            check("kmsKeyId", kms, KMS_KEY, "a KMS key id, alias or ARN");
            if (kms != null && !encrypted) {
                throw invalid("kmsKeyId", kms, "a KMS key only applies with encrypted: true");
            }
            String imds = blankToNull(imdsSupport);
            if (imds != null && !imds.equals("v2.0")) {
                throw invalid("imdsSupport", imds, "the only value EC2 accepts is v2.0");
            }
            range("deprecateAfterDays", deprecateAfterDays, 0, 36_500, "days (0: never)");

            List<String> copyRegions = new ArrayList<>(new LinkedHashSet<>(cleaned(regions)));
            for (String region : copyRegions) {
                AwsInput.checkRegion(region).ifPresent(p -> {
                    throw new OperationFailedException("Invalid regions: " + p + ".");
                });
            }
            Map<String, String> regionKeys = KeyValues.parse("regionKmsKeyIds", cleaned(regionKmsKeyIds));
            regionKeys.forEach((region, key) -> {
                if (!copyRegions.contains(region)) {
                    throw invalid("regionKmsKeyIds", region + "=" + key, "the region is not one of regions " + copyRegions);
                }
                check("regionKmsKeyIds", key, KMS_KEY, "a KMS key id, alias or ARN after region=");
                if (!encrypted) {
                    throw invalid("regionKmsKeyIds", region + "=" + key, "KMS keys only apply with encrypted: true");
                }
            });
            List<String> accounts = new ArrayList<>(new LinkedHashSet<>(cleaned(shareWithAccounts)));
            accounts.forEach(a -> check("shareWithAccounts", a, ACCOUNT_ID, "a 12-digit AWS account id"));

            range("keep", keep, 0, 1000, "AMIs (0: keep all)");
            if (keep > 0 && name.retentionPrefix().length() < AmiNames.MIN_LENGTH) {
                throw invalid("amiName", amiName, "keep deregisters older AMIs whose names start like this one, but "
                        + "the name has no fixed beginning ('" + name.retentionPrefix() + "'); start it with the image's name");
            }
            return new BakeRequest(name, source, sourceAmiFilter, type, subnet, List.copyOf(groups), profile, rootVolumeSize,
                    expandValues(KeyValues.tags("runTags", cleaned(runTags)), env), script, List.copyOf(commands),
                    Duration.ofMinutes(provisionTimeoutMinutes), text,
                    expandValues(KeyValues.tags("tags", cleaned(tags)), env),
                    expandValues(KeyValues.tags("snapshotTags", cleaned(snapshotTags)), env),
                    encrypted, kms, imds, deprecateAfterDays, List.copyOf(copyRegions), regionKeys, List.copyOf(accounts),
                    skipIfUnchanged, keep, Duration.ofMinutes(timeoutMinutes), OnError.of(onError), polling,
                    env.getOrDefault("JOB_NAME", ""), env.getOrDefault("BUILD_URL", ""));
        }

        private static String required(String field, String value) {
            if (blankToNull(value) == null) {
                throw new OperationFailedException("Missing " + field + ".");
            }
            return value.trim();
        }

        private static void check(String field, @CheckForNull String value, Pattern pattern, String expected) {
            if (value != null && !pattern.matcher(value).matches()) {
                throw invalid(field, value, "expected " + expected);
            }
        }

        private static void range(String field, int value, int min, int max, String unit) {
            if (value < min || value > max) {
                throw invalid(field, Integer.toString(value), "use " + min + " to " + max + " " + unit);
            }
        }

        private static OperationFailedException invalid(String field, String value, String problem) {
            return new OperationFailedException("Invalid " + field + " '" + value + "': " + problem + ".");
        }

        private static Map<String, String> expandValues(Map<String, String> tags, Map<String, String> env) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            tags.forEach((k, v) -> out.put(k, expand(v, env)));
            return java.util.Collections.unmodifiableMap(out);
        }

        /** Build variables in free text; unknown ones stay as written. */
        static String expand(String text, Map<String, String> env) {
            return AmiNameTemplate.expandVariables(text, env);
        }

        static List<String> cleaned(List<String> values) {
            return KeyValues.entries(values);
        }

        /** Commands keep their line breaks: one entry is one command, however many lines it has. */
        private static List<String> commands(List<String> values) {
            List<String> out = new ArrayList<>();
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    out.add(value.strip());
                }
            }
            return out;
        }

        private static List<String> orEmpty(List<String> values) {
            return values == null ? List.of() : values;
        }

        private static @CheckForNull String blankToNull(@CheckForNull String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
