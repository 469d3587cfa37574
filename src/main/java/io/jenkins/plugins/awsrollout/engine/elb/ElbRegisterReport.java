package io.jenkins.plugins.awsrollout.engine.elb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code awsElbRegister} returns: plain maps and lists a Jenkinsfile can use.
 *
 * <pre>{@code
 * [action: 'register', changed: 1, durationSeconds: 95,
 *  targets: [[id: 'i-0abc', port: 80, targetGroup: 'web-tg', targetGroupArn: 'arn:...', state: 'healthy',
 *             reason: null, description: null]]]
 * }</pre>
 */
public final class ElbRegisterReport {

    private ElbRegisterReport() {}

    static Map<String, Object> result(ElbAction action, ElbRegisterCursor cursor, Instant now) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", action.parameterValue());
        List<Object> targets = new ArrayList<>();
        for (WatchedTarget target : cursor.watched()) {
            targets.add(target(cursor.destinations().get(target.destination()), target));
        }
        result.put("targets", targets);
        result.put("changed", (int) cursor.watched().stream().filter(WatchedTarget::changed).count());
        // Rounded as the log shows durations.
        result.put("durationSeconds", (Duration.between(cursor.startedAt(), now).toMillis() + 500) / 1000);
        return result;
    }

    private static Map<String, Object> target(Destination destination, WatchedTarget target) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", target.target().id());
        entry.put("port", destination.classic() ? null : target.target().port() != null ? target.target().port() : destination.port());
        if (destination.classic()) {
            entry.put("loadBalancer", destination.name());
        } else {
            entry.put("targetGroup", destination.name());
            entry.put("targetGroupArn", destination.arn());
        }
        TargetStatus status = target.status();
        entry.put("state", status == null ? null : status.state());
        entry.put("reason", status == null ? null : status.reason());
        entry.put("description", status == null ? null : status.description());
        return entry;
    }
}
