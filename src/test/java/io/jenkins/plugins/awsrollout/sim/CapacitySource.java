package io.jenkins.plugins.awsrollout.sim;

import java.time.Instant;

/** Something whose capacity is sampled into a {@link CapacityHistory}: an Auto Scaling group. */
public interface CapacitySource {

    /** The history this source records into. */
    CapacityHistory history();

    /** The capacity now. */
    CapacitySample sample(Instant now);
}
