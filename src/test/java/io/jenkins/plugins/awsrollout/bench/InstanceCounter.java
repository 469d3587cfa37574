package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.CloudListener;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most EC2 instances that existed at once (pending or running, draining ones included): what a rollout costs
 * in instances, as opposed to what the load balancer counts.
 */
final class InstanceCounter implements CloudListener {

    private final Set<String> alive = ConcurrentHashMap.newKeySet();
    private final AtomicInteger peak = new AtomicInteger();

    /** Counts from now on, starting from the instances {@code sim} has. */
    static InstanceCounter attach(AwsSimulator sim) {
        InstanceCounter counter = new InstanceCounter();
        sim.state().instances().stream().filter(i -> i.state().equals("running") || i.state().equals("pending"))
                .forEach(i -> counter.alive.add(i.id()));
        counter.peak.set(counter.alive.size());
        sim.cloud().locked(() -> {
            sim.cloud().addListener(counter);
            return null;
        });
        return counter;
    }

    @Override
    public void instanceStateChanged(Instance instance, String previousState) {
        if (instance.state().equals("pending") || instance.state().equals("running")) {
            alive.add(instance.id());
            peak.accumulateAndGet(alive.size(), Math::max);
        } else {
            alive.remove(instance.id());
        }
    }

    int peak() {
        return peak.get();
    }
}
