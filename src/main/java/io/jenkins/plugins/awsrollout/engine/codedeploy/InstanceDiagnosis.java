package io.jenkins.plugins.awsrollout.engine.codedeploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.model.Diagnostics;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;

/**
 * Why an instance failed, from its first failed lifecycle event's diagnostics: the event, the script, CodeDeploy's
 * error code and message, and the end of the script's log.
 *
 * @param id the instance id
 * @param status the target's status
 * @param failedEvent the first failed lifecycle event, or null
 * @param errorCode e.g. {@code ScriptFailed}, or null
 * @param scriptName the hook script, or null
 * @param message CodeDeploy's message, or null
 * @param logTail the last {@value #LOG_TAIL_LINES} lines of the script's output, or null
 */
public record InstanceDiagnosis(
        String id,
        String status,
        @CheckForNull String failedEvent,
        @CheckForNull String errorCode,
        @CheckForNull String scriptName,
        @CheckForNull String message,
        @CheckForNull String logTail)
        implements Serializable {

    /** Lines of the log tail kept in the result map. */
    static final int LOG_TAIL_LINES = 20;
    /** Lines of the log tail shown in the build log. */
    static final int LOG_LINES_SHOWN = 10;

    static InstanceDiagnosis of(InstanceTarget target) {
        String status = String.valueOf(target.statusAsString());
        for (LifecycleEvent event : target.lifecycleEvents()) {
            if ("Failed".equals(event.statusAsString())) {
                Diagnostics d = event.diagnostics();
                return new InstanceDiagnosis(target.targetId(), status, event.lifecycleEventName(),
                        d == null ? null : d.errorCodeAsString(), d == null ? blank(null) : blank(d.scriptName()),
                        d == null ? null : blank(d.message()), d == null ? null : lastLines(d.logTail(), LOG_TAIL_LINES));
            }
        }
        return new InstanceDiagnosis(target.targetId(), status, null, null, null, null, null);
    }

    /** A succeeded, skipped or pending instance: nothing to diagnose. */
    static InstanceDiagnosis of(InstanceProgress progress) {
        return new InstanceDiagnosis(progress.id(), progress.status(), null, null, null, null, null);
    }

    /** {@code i-0abc failed at ValidateService: ScriptFailed in scripts/validate.sh: <message>}. */
    String headline() {
        StringBuilder line = new StringBuilder(id).append(" failed");
        if (failedEvent != null) {
            line.append(" at ").append(failedEvent);
        }
        if (errorCode != null) {
            line.append(": ").append(errorCode);
        }
        if (scriptName != null) {
            line.append(" in ").append(scriptName);
        }
        if (message != null) {
            line.append(": ").append(message.strip());
        }
        return line.toString();
    }

    /** The last lines of the log tail, as the build log shows them. */
    List<String> logLines() {
        return logTail == null ? List.of() : Arrays.asList(lastLines(logTail, LOG_LINES_SHOWN).split("\n"));
    }

    /** Longest error line quoted in the failure sentence. */
    static final int MAX_QUOTED = 100;

    /**
     * The script's last error line: the last {@code [stderr]} line of the log tail (the CodeDeploy agent marks each
     * line with its stream), else its last line, else null; cut to {@value #MAX_QUOTED} characters.
     */
    @CheckForNull
    String lastErrorLine() {
        if (logTail == null) {
            return null;
        }
        List<String> lines = Arrays.stream(logTail.split("\\r?\\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        String last = null;
        for (String line : lines) {
            if (line.startsWith("[stderr]") && !line.substring("[stderr]".length()).isBlank()) {
                last = line.substring("[stderr]".length()).strip();
            }
        }
        if (last == null && !lines.isEmpty()) {
            last = lines.get(lines.size() - 1).replaceFirst("^\\[std(out|err)\\]", "").strip();
        }
        if (last == null || last.isEmpty()) {
            return null;
        }
        return last.length() > MAX_QUOTED ? last.substring(0, MAX_QUOTED) + "..." : last;
    }

    /**
     * {@code i-0abc at ValidateService (scripts/validate.sh): 'curl: (7) Failed to connect...'}, for the
     * failure sentence: the instance, the lifecycle event, the script and its last error line.
     */
    String brief() {
        // A script names the failure well enough (its error code is ScriptFailed); otherwise the code says what failed.
        List<String> details = new ArrayList<>();
        if (scriptName != null) {
            details.add(scriptName);
        } else if (errorCode != null) {
            details.add(errorCode);
        }
        String line = lastErrorLine();
        return id + (failedEvent == null ? "" : " at " + failedEvent) + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")")
                + (line == null ? "" : ": '" + line + "'");
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("status", status);
        map.put("failedEvent", failedEvent);
        map.put("errorCode", errorCode);
        map.put("scriptName", scriptName);
        map.put("message", message);
        map.put("logTail", logTail);
        return map;
    }

    static String lastLines(@CheckForNull String text, int count) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<String> lines = Arrays.asList(text.strip().split("\\r?\\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static String blank(@CheckForNull String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
