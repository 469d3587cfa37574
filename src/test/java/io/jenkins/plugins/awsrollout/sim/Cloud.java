package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.ec2.Image;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.protocol.CallHost;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.ServiceErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The live simulated cloud: every region's resources, the event queue that moves them through
 * simulated time, the call log and the faults.
 *
 * <p>Time is lazy and deterministic: before every call (and on every {@link ManualClock#advance})
 * all events due by the clock's time run in time order, each at its own scheduled instant. All
 * state is guarded by one lock; handlers and events run under it.
 */
public final class Cloud implements CallHost {
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final String accountId;
    private final Timings timings;
    private final Ids ids;
    private final CallLog calls = new CallLog();
    private final Faults faults;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Map<String, CloudRegion> regions = new LinkedHashMap<>();
    private final List<CloudListener> listeners = new ArrayList<>();
    private final Set<CapacitySource> dirty = new LinkedHashSet<>();
    private final Map<String, Identity> identities = new HashMap<>();
    private final String defaultRegion;
    private long eventSequence;
    private Instant now;

    private record Event(Instant at, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    Cloud(Clock clock, String accountId, Timings timings, long seed, Collection<String> regionNames) {
        this.clock = clock;
        this.accountId = accountId;
        this.timings = timings;
        this.ids = new Ids(seed);
        this.faults = new Faults(this, seed);
        this.now = clock.instant();
        this.defaultRegion = regionNames.iterator().next();
        for (String name : regionNames) {
            region(name);
        }
    }

    public Clock clock() {
        return clock;
    }

    /** Simulated time of the call or event being processed. */
    public Instant now() {
        return now;
    }

    public String accountId() {
        return accountId;
    }

    public Timings timings() {
        return timings;
    }

    public Ids ids() {
        return ids;
    }

    public CallLog calls() {
        return calls;
    }

    public Faults faults() {
        return faults;
    }

    /** A region by name, created empty on first use (as any region exists in AWS). */
    public CloudRegion region(String name) {
        return regions.computeIfAbsent(name, n -> new CloudRegion(this, n));
    }

    /** The first region of the world, used when a request names none. */
    public CloudRegion defaultRegion() {
        return region(defaultRegion);
    }

    public Collection<CloudRegion> regions() {
        return List.copyOf(regions.values());
    }

    /** Region of a call: its credential scope, or the default region. */
    public CloudRegion region(RequestContext context) {
        return context.region() == null ? defaultRegion() : region(context.region());
    }

    public void addListener(CloudListener listener) {
        listeners.add(listener);
    }

    /** Runs {@code action} at simulated time {@code at} (now if in the past). */
    public void schedule(Instant at, Runnable action) {
        events.add(new Event(at.isBefore(now) ? now : at, eventSequence++, action));
    }

    public void scheduleIn(Duration delay, Runnable action) {
        schedule(now.plus(delay), action);
    }

    /** Runs every event due by {@code target}, in order, then sets the time to {@code target}. */
    public void advanceTo(Instant target) {
        lock.lock();
        try {
            while (!events.isEmpty() && !events.peek().at().isAfter(target)) {
                Event event = events.poll();
                if (event.at().isAfter(now)) {
                    sampleCapacity();
                    now = event.at();
                }
                event.action().run();
            }
            if (target.isAfter(now)) {
                sampleCapacity();
                now = target;
            }
            sampleCapacity();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} under the world lock, with time caught up to the clock. */
    public <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            advanceTo(clock.instant());
            T result = work.get();
            advanceTo(now);
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Marks a group's capacity as changed; it is sampled when the current instant is done. */
    public void capacityChanged(CapacitySource source) {
        dirty.add(source);
    }

    private void sampleCapacity() {
        if (dirty.isEmpty()) {
            return;
        }
        List<CapacitySource> changed = new ArrayList<>(dirty);
        dirty.clear();
        for (CapacitySource source : changed) {
            source.history().record(source.sample(now));
        }
    }

    // ---- cross-service notifications ----

    public void instanceStateChanged(Instance instance, String previousState) {
        for (CloudListener listener : List.copyOf(listeners)) {
            listener.instanceStateChanged(instance, previousState);
        }
    }

    public void instanceHealthChanged(Instance instance) {
        for (CloudListener listener : List.copyOf(listeners)) {
            listener.instanceHealthChanged(instance);
        }
    }

    void markImageUnhealthy(String imageId, boolean unhealthy) {
        locked(() -> {
            boolean found = false;
            for (CloudRegion region : regions.values()) {
                Image image = region.ec2().images().get(imageId);
                if (image != null) {
                    image.unhealthy(unhealthy);
                    found = true;
                }
                for (Instance instance : region.ec2().instancesOfImage(imageId)) {
                    instance.imageUnhealthy(unhealthy);
                    instanceHealthChanged(instance);
                }
            }
            if (!found) {
                throw new IllegalArgumentException("no image " + imageId);
            }
            return null;
        });
    }

    void markInstanceUnhealthy(String instanceId, boolean unhealthy) {
        locked(() -> {
            for (CloudRegion region : regions.values()) {
                Instance instance = region.ec2().instances().get(instanceId);
                if (instance != null) {
                    instance.markedUnhealthy(unhealthy);
                    instanceHealthChanged(instance);
                    return null;
                }
            }
            throw new IllegalArgumentException("no instance " + instanceId);
        });
    }

    // ---- identities (STS) ----

    /** Registers credentials, e.g. those AssumeRole hands out. */
    public void addIdentity(Identity identity) {
        identities.put(identity.accessKeyId(), identity);
    }

    /** Who these credentials are: a known identity, or a user of the world's account. */
    public Identity identity(String accessKeyId) {
        Identity known = identities.get(accessKeyId);
        if (known != null) {
            return known;
        }
        return new Identity(accessKeyId, accountId, "arn:aws:iam::" + accountId + ":user/sim-user",
                "AIDA" + Integer.toHexString(accessKeyId == null ? 0 : accessKeyId.hashCode()).toUpperCase(), null, null, null);
    }

    public List<Identity> identities() {
        return List.copyOf(identities.values());
    }

    // ---- CallHost ----

    @Override
    public <T> T run(RequestContext context, ServiceErrors errors, Supplier<T> work) {
        lock.lock();
        try {
            advanceTo(clock.instant());
            Identity identity = identities.get(context.accessKeyId());
            if (identity != null && identity.expiredAt(now)) {
                throw errors.expiredToken();
            }
            switch (faults.decide(context.action())) {
                case THROTTLE -> throw errors.throttling();
                case SERVER_ERROR -> throw errors.serverError();
                default -> { }
            }
            T result = work.get();
            advanceTo(now);
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void record(RequestContext context, String outcome, int httpStatus) {
        String callerArn;
        lock.lock();
        try {
            callerArn = context.accessKeyId() == null ? null : identity(context.accessKeyId()).arn();
        } finally {
            lock.unlock();
        }
        calls.add(context.service(), context.action(), context.params(),
                context.region() == null ? defaultRegion : context.region(), context.accessKeyId(), now, outcome, httpStatus,
                callerArn);
    }
}
