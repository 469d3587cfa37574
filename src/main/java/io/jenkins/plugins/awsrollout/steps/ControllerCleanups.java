package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.io.File;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;

/**
 * The controller's {@link CleanupLedger}: kept in {@code JENKINS_HOME/io.jenkins.plugins.awsrollout.steps.CleanupLedger.xml},
 * resumed once jobs are loaded (so builds can be found for their credentials), closed with the plugin's pools when
 * the controller shuts down.
 */
@Extension
public final class ControllerCleanups {

    static final String FILE_NAME = CleanupLedger.class.getName() + ".xml";

    private @CheckForNull CleanupLedger ledger;

    public static ControllerCleanups get() {
        return ExtensionList.lookupSingleton(ControllerCleanups.class);
    }

    public synchronized CleanupLedger ledger() {
        if (ledger == null) {
            File file = new File(Jenkins.get().getRootDir(), FILE_NAME);
            ledger = new CleanupLedger(JenkinsStepRuntime.get(), new XmlLedgerStore(file.toPath()), new JenkinsBuilds());
        }
        return ledger;
    }

    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void resume() throws IOException {
        get().ledger().resume();
    }

    /** Stops scheduling cleanups (they resume at the next start) and closes the workers and AWS clients. */
    @Terminator
    public static void shutDown() {
        CleanupLedger current;
        synchronized (get()) {
            current = get().ledger;
        }
        if (current != null) {
            current.close();
        }
        JenkinsStepRuntime.get().close();
    }

    /** Builds by externalizable id, looked up as SYSTEM: the ledger runs outside any user's request. */
    static final class JenkinsBuilds implements BuildLogs {

        @Override
        public boolean exists(String buildId) {
            return build(buildId) != null;
        }

        @Override
        public @CheckForNull Run<?, ?> build(String buildId) {
            try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
                return Run.fromExternalizableId(buildId);
            } catch (IllegalArgumentException | AccessDeniedException e) {
                return null;
            }
        }

        @Override
        public boolean running(String buildId) {
            Run<?, ?> build = build(buildId);
            return build != null && build.isBuilding();
        }

        /** A controller has no way into a build's log without the step's own listener (which the step hands over). */
        @Override
        public @CheckForNull TaskListener listener(String buildId) {
            return null;
        }
    }
}
