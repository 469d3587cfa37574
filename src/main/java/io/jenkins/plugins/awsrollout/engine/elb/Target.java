package io.jenkins.plugins.awsrollout.engine.elb;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * One target as the user named it: an instance id or an IP address, with an optional port (none: the target group's
 * port) and an optional availability zone (IP targets outside the target group's VPC: {@code all}).
 *
 * @param id an instance id ({@code i-...}) or an IPv4/IPv6 address
 * @param port the port to register on, or null for the target group's
 * @param availabilityZone the availability zone, or null
 */
public record Target(String id, @CheckForNull Integer port, @CheckForNull String availabilityZone) implements Serializable {

    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}");

    /** An instance on the target group's port. */
    public static Target instance(String instanceId) {
        return new Target(instanceId, null, null);
    }

    public boolean isInstance() {
        return isInstanceId(id);
    }

    public static boolean isInstanceId(String value) {
        return INSTANCE_ID.matcher(value).matches();
    }

    public static boolean isIpAddress(String value) {
        return IPV4.matcher(value).matches() || IPV6.matcher(value).matches();
    }
}
