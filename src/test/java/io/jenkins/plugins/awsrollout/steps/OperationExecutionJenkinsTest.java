package io.jenkins.plugins.awsrollout.steps;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import io.jenkins.plugins.awsrollout.config.AwsRolloutGlobalConfiguration;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.ScriptedOperation;
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The durable driver inside a real Jenkins: Timer dispatch to the plugin's pool, saveState through the CPS program,
 * a controller restart in the middle of an operation, and abort. (Plugin build only.)
 */
class OperationExecutionJenkinsTest {

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    /** The scripted operation makes no AWS call, but a step still needs credentials an administrator allowed. */
    private static void credentials() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "scripted", "AKIASCRIPTEDTEST0001", "scripted/secret", "scripted test", null, null, null));
        SystemCredentialsProvider.getInstance().save();
        AwsRolloutGlobalConfiguration.get().setCredentialsId("scripted");
    }

    @Test
    void operationSurvivesControllerRestart() throws Throwable {
        sessions.then(j -> {
            credentials();
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "def r = awsScriptedTest(script: 'poll,poll,poll,poll,done', region: 'us-east-1')\n"
                            + "echo \"advances=${r.advances}\"",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[awsScriptedTest] TEST advance 1", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("advances=5", b);
        });
    }

    @Test
    void abortRunsTheAbortPathThenEndsTheBuild() throws Throwable {
        sessions.then(j -> {
            credentials();
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "awsScriptedTest(script: 'poll,poll,poll,poll,poll,poll,poll,poll,poll,done', region: 'us-east-1')", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[awsScriptedTest] TEST advance 1", b);
            b.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            j.assertLogContains("Scripted operation was stopped. Cleaned up after 1 abort ticks.", b);
            // The step held its abort path in the ledger's file while it ran it, and took it off at the end.
            org.assertj.core.api.Assertions.assertThat(ControllerCleanups.get().ledger().entries()).isEmpty();
            org.assertj.core.api.Assertions.assertThat(new java.io.File(j.jenkins.getRootDir(), ControllerCleanups.FILE_NAME)).exists();
        });
    }

    @Test
    void restartDuringTheAbortPath_theStepResumesItUnderItsLease_andTheLedgerNeverDrivesIt() throws Throwable {
        sessions.then(j -> {
            credentials();
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "awsScriptedTest(script: 'poll,poll,poll,poll,poll,poll,poll,poll,poll,done', abortTicks: 3, region: 'us-east-1')",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[awsScriptedTest] TEST advance 1", b);
            b.doStop();
            CleanupLedger ledger = ControllerCleanups.get().ledger();
            while (ledger.entries().stream().noneMatch(CleanupEntry::held)) {
                Thread.sleep(100);
            }
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            j.assertLogContains("Scripted operation was stopped. Cleaned up after 3 abort ticks.", b);
            j.assertLogNotContains("AWS Rollout cleanup ledger", b);
            org.assertj.core.api.Assertions.assertThat(ControllerCleanups.get().ledger().entries()).isEmpty();
        });
    }

    /** A step around {@link ScriptedOperation}, polling every second. */
    public static final class ScriptedTestStep extends AwsStepBase {
        private static final long serialVersionUID = 1L;
        private final String script;
        private int abortTicks = 1;

        @DataBoundConstructor
        public ScriptedTestStep(String script) {
            this.script = script;
        }

        public int getAbortTicks() {
            return abortTicks;
        }

        @DataBoundSetter
        public void setAbortTicks(int abortTicks) {
            this.abortTicks = abortTicks;
        }

        public String getScript() {
            return script;
        }

        @Override
        public String functionName() {
            return "awsScriptedTest";
        }

        @Override
        public Operation<ScriptedOperation.Cursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
            return ScriptedOperation.of(Duration.ofSeconds(1), Duration.ofMinutes(10), abortTicks, script.split(","));
        }

        @TestExtension
        public static final class DescriptorImpl extends AwsStepDescriptor {
            @Override
            public String getFunctionName() {
                return "awsScriptedTest";
            }
        }
    }
}
