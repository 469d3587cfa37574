package io.jenkins.plugins.awsrollout.timeline;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One row of a step's summary table: a key of the returned map and its value as parts, each id linked to its page in
 * the AWS console of the step's region ({@code ami-}, {@code i-}, {@code sg-} ids, CodeDeploy deployment ids, target
 * group ARNs, Auto Scaling group names).
 *
 * @param key the map's key
 * @param parts the value: plain text and links
 */
public record SummaryRow(String key, List<Part> parts) {

    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern DEPLOYMENT = Pattern.compile("d-[A-Z0-9]{9}");
    private static final Pattern TARGET_GROUP = Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\\d+:targetgroup/.+");

    /**
     * Text, linked when {@code href} is set.
     *
     * @param text what is shown
     * @param href the AWS console page, or null
     */
    public record Part(String text, @CheckForNull String href) {
        public @CheckForNull String getHref() {
            return href;
        }

        public String getText() {
            return text;
        }
    }

    public String getKey() {
        return key;
    }

    public List<Part> getParts() {
        return parts;
    }

    /** The rows of {@code summary}, in its order; lists are comma-separated, nested maps {@code key=value}. */
    public static List<SummaryRow> of(Map<String, Object> summary, String region) {
        List<SummaryRow> rows = new ArrayList<>();
        summary.forEach((key, value) -> {
            List<Part> parts = new ArrayList<>();
            add(parts, key, value, region);
            rows.add(new SummaryRow(key, parts));
        });
        return rows;
    }

    private static void add(List<Part> parts, String key, @CheckForNull Object value, String region) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                if (i++ > 0) {
                    parts.add(new Part(", ", null));
                }
                add(parts, key, item, region);
            }
        } else if (value instanceof Map<?, ?> map) {
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                parts.add(new Part((i++ > 0 ? ", " : "") + e.getKey() + "=", null));
                String k = String.valueOf(e.getKey());
                // {us-west-2: ami-...}: an id in another region links to that region's console.
                add(parts, k, e.getValue(), k.matches("[a-z]{2}(-[a-z]+)+-\\d") ? k : region);
            }
        } else {
            String text = String.valueOf(value);
            parts.add(new Part(text, consoleLink(key, text, region)));
        }
    }

    /** The AWS console page of {@code value}, or null when it is not an id we know. */
    public static @CheckForNull String consoleLink(String key, String value, String region) {
        String ec2 = "https://" + region + ".console.aws.amazon.com/ec2/home?region=" + region + "#";
        if (AMI.matcher(value).matches()) {
            return ec2 + "ImageDetails:imageId=" + value;
        }
        if (INSTANCE.matcher(value).matches()) {
            return ec2 + "InstanceDetails:instanceId=" + value;
        }
        if (SECURITY_GROUP.matcher(value).matches()) {
            return ec2 + "SecurityGroup:groupId=" + value;
        }
        if (TARGET_GROUP.matcher(value).matches()) {
            return ec2 + "TargetGroup:targetGroupArn=" + value;
        }
        if (DEPLOYMENT.matcher(value).matches()) {
            return "https://" + region + ".console.aws.amazon.com/codesuite/codedeploy/deployments/" + value + "?region=" + region;
        }
        if (key.equals("autoScalingGroup") || key.equals("autoScalingGroupName")) {
            return ec2 + "AutoScalingGroupDetails:id=" + value;
        }
        return null;
    }
}
