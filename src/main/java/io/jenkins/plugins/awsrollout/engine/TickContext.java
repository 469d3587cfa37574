package io.jenkins.plugins.awsrollout.engine;

import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.time.Clock;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What one tick works with: the AWS clients, the clock (virtual in tests and benchmarks) and the progress sink.
 *
 * @param aws clients for the operation's account, region and role
 * @param clock the only source of time
 * @param progress where progress lines go
 * @param random jitter for polling delays (seeded in tests, so runs repeat)
 */
public record TickContext(AwsSession aws, Clock clock, Progress progress, RandomGenerator random) {

    /** The current instant on {@link #clock()}. */
    public Instant now() {
        return clock.instant();
    }
}
