package io.jenkins.plugins.awsrollout.engine.aws;

/**
 * How many writes per second the controller sends to each paced AWS API in one Region, all builds together: the
 * refill rate of its {@link TokenBucket}, which holds one second's worth (so at most that many writes start in any
 * one second). Set in the global configuration; the defaults are below the rates AWS documents or lets one observe,
 * so that other tools in the account keep room.
 *
 * @param autoScaling writes per second to Amazon EC2 Auto Scaling (AWS publishes no figure; one bucket is shared by
 *     every Auto Scaling call of the account and Region)
 * @param elb writes per second to Elastic Load Balancing (both API versions)
 */
public record ApiRates(int autoScaling, int elb) {

    public static final int DEFAULT_AUTO_SCALING = 10;
    public static final int DEFAULT_ELB = 5;

    /** The most a rate may be set to. */
    public static final int MAX = 1000;

    public static final ApiRates DEFAULTS = new ApiRates(DEFAULT_AUTO_SCALING, DEFAULT_ELB);

    public ApiRates {
        check("autoScaling", autoScaling);
        check("elb", elb);
    }

    /** The writes per second for {@code service}. */
    public int perSecond(PacedService service) {
        return switch (service) {
            case AUTO_SCALING -> autoScaling;
            case ELB -> elb;
        };
    }

    private static void check(String field, int value) {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException(field + " writes per second must be between 1 and " + MAX + ": " + value);
        }
    }
}
