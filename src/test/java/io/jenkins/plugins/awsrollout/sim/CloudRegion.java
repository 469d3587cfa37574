package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.autoscaling.AutoScalingRegion;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Region;
import io.jenkins.plugins.awsrollout.sim.elb.ElbRegion;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One region's resources, per service. Services added later keep their state here too, through
 * {@link #extension}.
 */
public final class CloudRegion {
    private final Cloud cloud;
    private final String name;
    private final Ec2Region ec2;
    private final ElbRegion elb;
    private final AutoScalingRegion autoScaling;
    private final Map<Class<?>, Object> extensions = new HashMap<>();

    CloudRegion(Cloud cloud, String name) {
        this.cloud = cloud;
        this.name = name;
        this.ec2 = new Ec2Region(cloud, this);
        this.elb = new ElbRegion(cloud, this);
        this.autoScaling = new AutoScalingRegion(cloud, this);
    }

    public String name() {
        return name;
    }

    public Cloud cloud() {
        return cloud;
    }

    public Ec2Region ec2() {
        return ec2;
    }

    public ElbRegion elb() {
        return elb;
    }

    public AutoScalingRegion autoScaling() {
        return autoScaling;
    }

    /** A later service's state for this region, created on first use (e.g. CodeDeploy's applications). */
    @SuppressWarnings("unchecked")
    public <T> T extension(Class<T> type, Function<CloudRegion, T> factory) {
        return (T) extensions.computeIfAbsent(type, t -> factory.apply(this));
    }
}
