package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.lang.reflect.RecordComponent;
import java.util.Objects;

/**
 * Whether a tick changed what must survive a restart: the cursor's ids, phase and counters, or the abort state. A
 * poll that saw nothing new only moves the cursor's {@link Poll} state, which a restart may lose (the next poll
 * comes sooner, nothing more), so the driver does not save the program for it.
 */
final class CursorChange {

    private CursorChange() {}

    static boolean changed(@CheckForNull OperationRun<?> before, OperationRun<?> after) {
        if (before == null || before.aborting() != after.aborting()) {
            return true;
        }
        return !sameIgnoringPolls(before.cursor(), after.cursor());
    }

    static boolean sameIgnoringPolls(@CheckForNull Object a, @CheckForNull Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Poll) {
            return true;
        }
        if (!a.getClass().isRecord()) {
            return a.equals(b);
        }
        try {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                if (!sameIgnoringPolls(component.getAccessor().invoke(a), component.getAccessor().invoke(b))) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A record we cannot read: compare it whole (saving once too often is harmless).
            return Objects.equals(a, b);
        }
    }
}
