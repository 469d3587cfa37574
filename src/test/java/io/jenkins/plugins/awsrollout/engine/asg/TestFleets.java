package io.jenkins.plugins.awsrollout.engine.asg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fleets for the pure tests: a group {@code web} on launch template {@code lt-1}, members described in one line each. */
final class TestFleets {

    static final LaunchTemplateRef V1 = new LaunchTemplateRef("lt-1", "web", "1");
    static final LaunchTemplateRef V2 = new LaunchTemplateRef("lt-1", "web", "2");

    private int desired;
    private int min = 0;
    private int max = 100;
    private final List<FleetMember> members = new ArrayList<>();
    private final Map<String, String> suspended = new HashMap<>();
    private boolean loadBalancer = true;

    static TestFleets desired(int desired) {
        TestFleets fleets = new TestFleets();
        fleets.desired = desired;
        return fleets;
    }

    TestFleets max(int value) {
        max = value;
        return this;
    }

    TestFleets min(int value) {
        min = value;
        return this;
    }

    TestFleets suspended(String process) {
        suspended.put(process, "User suspended at 2026-01-01T00:00:00Z");
        return this;
    }

    TestFleets withoutLoadBalancer() {
        loadBalancer = false;
        return this;
    }

    /** {@code n} healthy in-service members on {@code version}, spread over zones a, b, c, ids {@code prefix-1..n}. */
    TestFleets healthy(int n, String prefix, LaunchTemplateRef version) {
        for (int i = 1; i <= n; i++) {
            add(prefix + "-" + i, zone(i), "InService", version, FleetMember.Traffic.HEALTHY, false);
        }
        return this;
    }

    TestFleets member(String id, String zone, String lifecycle, LaunchTemplateRef version, FleetMember.Traffic traffic,
            boolean protectedFromScaleIn) {
        return add(id, zone, lifecycle, version, traffic, protectedFromScaleIn);
    }

    TestFleets unhealthy(String id, LaunchTemplateRef version) {
        return add(id, "us-east-1a", "InService", version, FleetMember.Traffic.UNHEALTHY, false);
    }

    private TestFleets add(String id, String zone, String lifecycle, LaunchTemplateRef version, FleetMember.Traffic traffic,
            boolean protectedFromScaleIn) {
        FleetMember.Traffic t = loadBalancer ? traffic : FleetMember.Traffic.NO_LOAD_BALANCER;
        members.add(new FleetMember(id, zone, lifecycle, true, version, protectedFromScaleIn, t,
                t == FleetMember.Traffic.UNHEALTHY ? "unhealthy in web-tg: Target.FailedHealthChecks" : null));
        return this;
    }

    static String zone(int i) {
        return "us-east-1" + "abc".charAt((i - 1) % 3);
    }

    Fleet build() {
        Set<String> registered = new HashSet<>();
        members.stream().filter(m -> m.traffic() == FleetMember.Traffic.HEALTHY || m.traffic() == FleetMember.Traffic.UNHEALTHY)
                .forEach(m -> registered.add(m.id()));
        return new Fleet("web", desired, min, max, V1, false, null, loadBalancer ? List.of("arn:tg/web-tg/1") : List.of(), List.of(),
                suspended, 300, null, members, loadBalancer ? Map.of("arn:tg/web-tg/1", registered) : Map.of());
    }
}
