package io.jenkins.plugins.awsrollout.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Every call the simulator answered, in order; thread-safe. */
public final class CallLog {
    private final List<Call> calls = new ArrayList<>();

    synchronized void add(String service, String action, Map<String, String> params, String region, String accessKeyId,
            Instant time, String outcome, int httpStatus, String callerArn) {
        calls.add(new Call(calls.size() + 1, service, action, Map.copyOf(params), region, accessKeyId, time, outcome, httpStatus,
                callerArn));
    }

    /** All calls so far. */
    public synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    public List<Call> matching(Predicate<Call> predicate) {
        return all().stream().filter(predicate).toList();
    }

    /** Calls of one action, e.g. {@code TerminateInstanceInAutoScalingGroup}. */
    public List<Call> of(String action) {
        return matching(c -> c.action().equals(action));
    }

    /** Calls of one action of one service, for names two services share (ELB and ELBv2 DescribeLoadBalancers). */
    public List<Call> of(String service, String action) {
        return matching(c -> c.service().equals(service) && c.action().equals(action));
    }

    public long count(String action) {
        return of(action).size();
    }

    /** Calls that may change state (not Describe/List/Get). */
    public List<Call> mutating() {
        return matching(Call::mutating);
    }

    /** Successful calls that may change state. */
    public List<Call> mutatingOk() {
        return matching(c -> c.mutating() && c.ok());
    }

    /** Calls that returned an error (including injected faults). */
    public List<Call> failed() {
        return matching(c -> !c.ok());
    }

    /** Calls refused by throttling. */
    public List<Call> throttled() {
        return matching(Call::throttled);
    }

    /** Number of calls per action, sorted by action. */
    public Map<String, Long> countsByAction() {
        return all().stream().collect(Collectors.groupingBy(Call::action, TreeMap::new, Collectors.counting()));
    }

    /** Action names in call order, handy for asserting sequences. */
    public List<String> actions() {
        return all().stream().map(Call::action).toList();
    }

    public synchronized int size() {
        return calls.size();
    }

    public synchronized void clear() {
        calls.clear();
    }
}
