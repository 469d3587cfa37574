package io.jenkins.plugins.awsrollout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with a test-only long step on the real durable driver ({@link ScriptedStep}), on virtual time. */
class PipelineRunnerTest {

    @TempDir
    Path workspace;

    private final SimulatedAws aws = SimulatedAws.start(World.builder().region("us-east-1").build());

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void stepResult_isReturnedToTheScript() throws IOException {
        BuildOutcome build = run("""
                def r = scriptedStep name: 'result', script: ['poll', 'poll', 'done']
                echo "advances=${r.advances}"
                """);

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(build.reason()).isNull();
        assertThat(build.lines()).containsSubsequence("[Pipeline] scriptedStep", "[scriptedStep] TEST advance 1",
                "[scriptedStep] TEST advance 2", "[scriptedStep] TEST finished after 3 advances", "[Pipeline] echo",
                "advances=3", "Finished: SUCCESS");
        assertThat(build.simulated()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ScriptedStep.operation("result").journal()).containsExactly("advance poll", "advance poll", "advance done");
    }

    @Test
    void log_readsLikeJenkins() throws IOException {
        BuildOutcome build = run("""
                node {
                    stage('Bake') {
                        echo 'baking'
                    }
                }
                """);

        assertThat(build.lines()).containsExactly(
                "[Pipeline] Start of Pipeline",
                "[Pipeline] node",
                "Running on Jenkins in " + workspace.toAbsolutePath().normalize(),
                "[Pipeline] {",
                "[Pipeline] stage",
                "[Pipeline] { (Bake)",
                "[Pipeline] echo",
                "baking",
                "[Pipeline] }",
                "[Pipeline] // stage",
                "[Pipeline] }",
                "[Pipeline] // node",
                "[Pipeline] End of Pipeline",
                "Finished: SUCCESS");
    }

    @Test
    void stepFailure_failsTheBuildWithTheStepsMessageLast() throws IOException {
        BuildOutcome build = run("""
                stage('Roll out') {
                    scriptedStep name: 'failing', script: ['poll', 'failed']
                }
                echo 'not reached'
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.reason()).isEqualTo("The refresh failed and was rolled back.");
        assertThat(build.lines()).doesNotContain("not reached").endsWith(
                "[Pipeline] }", "[Pipeline] // stage", "[Pipeline] End of Pipeline",
                "ERROR: The refresh failed and was rolled back.", "Finished: FAILURE");
    }

    @Test
    void timeout_stopsTheStepThroughItsAbortPathAndAbortsTheBuild() throws IOException {
        BuildOutcome build = run("""
                timeout(time: 2, unit: 'MINUTES') {
                    scriptedStep name: 'slow', everySeconds: 60, abortTicks: 2,
                                 script: ['poll', 'poll', 'poll', 'poll', 'poll', 'done']
                }
                """);

        assertThat(build.result()).isEqualTo(Result.ABORTED);
        assertThat(build.reason()).isEqualTo("Timeout has been exceeded");
        assertThat(ScriptedStep.operation("slow").journal())
                .containsExactly("advance poll", "advance poll", "advance poll", "abort STOPPED 1", "abort STOPPED 2");
        assertThat(build.lines()).containsSubsequence(
                "Timeout set to expire in 2 min 0 sec",
                "[Pipeline] scriptedStep",
                "Cancelling nested steps due to timeout",
                "[scriptedStep] Scripted operation was stopped. Cleaned up after 2 abort ticks.",
                "[Pipeline] // timeout",
                "Timeout has been exceeded",
                "Finished: ABORTED");
        // Once stopped, the first abort tick runs at once; the abort path's own delays (10 s here) are kept, so an
        // abort that waits for AWS (a deployment stopping) polls at its pace instead of in a tight loop.
        assertThat(build.simulated()).isEqualTo(Duration.ofMinutes(2).plusSeconds(10));
    }

    @Test
    void timeout_whoseStepOverrunsTheGracePeriod_endsItByForceAndTheLedgerFinishesTheCleanup() throws IOException {
        BuildOutcome build = run("""
                timeout(time: 2, unit: 'MINUTES') {
                    scriptedStep name: 'stuck', everySeconds: 60, abortTicks: 10,
                                 script: ['poll', 'poll', 'poll', 'poll', 'poll', 'done']
                }
                """);

        assertThat(build.result()).isEqualTo(Result.ABORTED);
        assertThat(build.reason()).isEqualTo("Timeout has been exceeded");
        // Stopped at 2 min; 60 s later the step is ended by force; its abort path (10 ticks, 10 s apart) goes on.
        assertThat(build.lines()).containsSubsequence(
                "Cancelling nested steps due to timeout",
                "Body did not finish within grace period; terminating with extreme prejudice",
                "[scriptedStep] Scripted operation was ended by force while cleaning up and is still being cleaned up "
                        + "(aborting: waiting for step 4 of the script); the AWS Rollout cleanup ledger finishes it, "
                        + "watch it under Manage Jenkins » AWS Rollout cleanups.",
                "[scriptedStep] Cleanup finished: Scripted operation was stopped. Cleaned up after 10 abort ticks.",
                "Timeout has been exceeded",
                "Finished: ABORTED");
        assertThat(ScriptedStep.operation("stuck").journal()).endsWith("abort STOPPED 9", "abort STOPPED 10");
        assertThat(aws.runtime().ledger().isEmpty()).isTrue();
    }

    @Test
    void enclosingTimeout_firingDuringTheGracePeriod_stopsTheStepAgainAndItHandsItsCleanupOver() throws IOException {
        BuildOutcome build = run("""
                timeout(time: 150, unit: 'SECONDS') {
                    timeout(time: 2, unit: 'MINUTES') {
                        scriptedStep name: 'nested', everySeconds: 60, abortTicks: 10,
                                     script: ['poll', 'poll', 'poll', 'poll', 'poll', 'done']
                    }
                }
                """);

        assertThat(build.result()).isEqualTo(Result.ABORTED);
        assertThat(build.lines()).containsSubsequence(
                "Cancelling nested steps due to timeout",
                "Cancelling nested steps due to timeout",
                "[scriptedStep] Scripted operation was stopped again and is still being cleaned up (aborting: waiting for "
                        + "step 4 of the script); the AWS Rollout cleanup ledger finishes it, watch it under Manage Jenkins » "
                        + "AWS Rollout cleanups.",
                "[scriptedStep] Cleanup finished: Scripted operation was stopped. Cleaned up after 10 abort ticks.",
                "Finished: ABORTED");
        assertThat(build.lines()).doesNotContain("Body did not finish within grace period; terminating with extreme prejudice");
        assertThat(ScriptedStep.operation("nested").journal()).endsWith("abort STOPPED 10");
        assertThat(aws.runtime().ledger().isEmpty()).isTrue();
    }

    @Test
    void timeout_thatDoesNotExpire_leavesTheStepAlone() throws IOException {
        BuildOutcome build = run("""
                timeout(10) {
                    scriptedStep name: 'quick', script: ['poll', 'done']
                }
                """);

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(build.lines()).contains("Timeout set to expire in 10 min");
        assertThat(ScriptedStep.operation("quick").journal()).containsExactly("advance poll", "advance done");
    }

    @Test
    void timeout_expiringDuringSleep_abortsTheBuild() throws IOException {
        BuildOutcome build = run("""
                timeout(time: 30, unit: 'SECONDS') {
                    sleep 45
                }
                echo 'not reached'
                """);

        assertThat(build.result()).isEqualTo(Result.ABORTED);
        assertThat(build.simulated()).isEqualTo(Duration.ofSeconds(30));
        assertThat(build.lines()).contains("Sleeping for 45 sec").doesNotContain("not reached");
    }

    @Test
    void retry_runsTheBodyAgainUntilItSucceeds() throws IOException {
        BuildOutcome build = run("""
                def attempt = 0
                retry(3) {
                    attempt++
                    scriptedStep name: "retry-${attempt}", script: attempt < 3 ? ['failed'] : ['done']
                }
                echo "attempts=${attempt}"
                """);

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(build.lines()).containsSubsequence("[Pipeline] retry", "[Pipeline] {", "[Pipeline] scriptedStep",
                "[Pipeline] }", "ERROR: The refresh failed and was rolled back.", "Retrying", "[Pipeline] {",
                "Retrying", "[Pipeline] {", "[Pipeline] }", "[Pipeline] // retry", "attempts=3");
    }

    @Test
    void retry_givesUpAfterItsCount() throws IOException {
        BuildOutcome build = run("""
                retry(2) {
                    error 'still broken'
                }
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.reason()).isEqualTo("still broken");
        assertThat(build.lines().stream().filter("Retrying"::equals)).hasSize(1);
    }

    @Test
    void retry_triesATimedOutBodyAgain() throws IOException {
        BuildOutcome build = run("""
                retry(2) {
                    timeout(time: 1, unit: 'MINUTES') {
                        scriptedStep name: "stuck-${System.nanoTime()}", everySeconds: 50, script: ['poll', 'poll', 'poll']
                    }
                }
                """);

        assertThat(build.result()).isEqualTo(Result.ABORTED);
        assertThat(build.lines().stream().filter("Cancelling nested steps due to timeout"::equals)).hasSize(2);
        assertThat(build.lines()).containsSubsequence("Timeout has been exceeded", "Retrying", "Finished: ABORTED");
    }

    @Test
    void catchError_recordsTheFailureAndTheBuildGoesOn() throws IOException {
        BuildOutcome build = run("""
                catchError(buildResult: 'UNSTABLE', message: 'Rollout failed') {
                    scriptedStep name: 'caught', script: ['failed']
                }
                echo "after, result=${currentBuild.result}"
                """);

        assertThat(build.result()).isEqualTo(Result.UNSTABLE);
        assertThat(build.reason()).isEqualTo("The refresh failed and was rolled back.");
        assertThat(build.lines()).containsSubsequence("[Pipeline] catchError", "[Pipeline] }", "ERROR: Rollout failed",
                "ERROR: The refresh failed and was rolled back.", "Setting overall build result to UNSTABLE",
                "[Pipeline] // catchError", "after, result=UNSTABLE", "Finished: UNSTABLE");
    }

    @Test
    void catchError_withoutCatchInterruptions_letsATimeoutThrough() throws IOException {
        BuildOutcome build = run("""
                timeout(time: 1, unit: 'MINUTES') {
                    catchError(catchInterruptions: false) {
                        sleep time: 2, unit: 'MINUTES'
                    }
                    echo 'not reached'
                }
                """);

        assertThat(build.result()).isEqualTo(Result.ABORTED);
        assertThat(build.lines()).doesNotContain("not reached");
    }

    @Test
    void parallel_runsEveryBranchThenFailsWithTheBranchFailure() throws IOException {
        BuildOutcome build = run("""
                def results = parallel(
                    east: { scriptedStep name: 'east', script: ['done'] },
                    west: { scriptedStep name: 'west', script: ['failed'] },
                    south: { echo 'south ran' })
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.reason()).isEqualTo("The refresh failed and was rolled back.");
        assertThat(build.lines()).containsSubsequence("[Pipeline] parallel", "[Pipeline] { (Branch: east)",
                "[Pipeline] }", "[Pipeline] { (Branch: west)", "[Pipeline] }", "Failed in branch west",
                "[Pipeline] { (Branch: south)", "south ran", "[Pipeline] }", "[Pipeline] // parallel");
    }

    @Test
    void parallel_returnsEachBranchResult() throws IOException {
        BuildOutcome build = run("""
                def branches = [:]
                for (region in ['east', 'west']) {
                    def name = region
                    branches[name] = { scriptedStep name: "branch-${name}", script: ['poll', 'done'] }
                }
                def results = parallel branches
                echo "east=${results.east.advances} west=${results.west.advances}"
                """);

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(build.lines()).contains("east=2 west=2");
    }

    @Test
    void parallel_failFast_startsNoBranchAfterAFailure() throws IOException {
        BuildOutcome build = run("""
                parallel failFast: true,
                    first: { error 'first failed' },
                    second: { echo 'second ran' }
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.lines()).contains("Failed in branch first").doesNotContain("second ran");
    }

    @Test
    void unknownParameter_failsNamingTheStepAndTheParameter() throws IOException {
        BuildOutcome build = run("""
                scriptedStep name: 'typo', scirpt: ['done']
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.reason()).isEqualTo("scriptedStep: Unknown parameter(s) found for class type '"
                + ScriptedStep.class.getName() + "': scirpt (its parameters are name, abortTicks, credentialsId, "
                + "endpointUrl, everySeconds, externalId, failOnError, region, roleArn, script, timeoutMinutes)");
        assertThat(ScriptedStep.operation("typo")).isNull();
    }

    @Test
    void missingRequiredParameter_failsNamingTheStepAndTheParameter() throws IOException {
        BuildOutcome build = run("""
                scriptedStep script: ['done']
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.reason()).isEqualTo("scriptedStep: Missing required parameter(s) for class type '"
                + ScriptedStep.class.getName() + "': name");
    }

    @Test
    void environment_reachesOurStepsWithWithEnvAndScriptVariables() throws IOException {
        BuildOutcome build = run("""
                env.RELEASE = '1.4.2'
                withEnv(['DEPLOY_ENV=prod']) {
                    scriptedStep name: 'env'
                    echo "inside: ${env.DEPLOY_ENV} ${DEPLOY_ENV}"
                }
                echo "outside: ${env.DEPLOY_ENV} build ${BUILD_NUMBER} of ${env.JOB_NAME}"
                """);

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(ScriptedStep.environment("env")).containsEntry("DEPLOY_ENV", "prod").containsEntry("RELEASE", "1.4.2")
                .containsEntry("BUILD_NUMBER", "1").containsEntry("JOB_NAME", "Jenkinsfile")
                .containsEntry("BUILD_URL", "https://jenkins.example.com/job/Jenkinsfile/1/");
        assertThat(build.lines()).contains("inside: prod prod", "outside: null build 1 of Jenkinsfile");
    }

    @Test
    void input_isApprovedAndLogged() throws IOException {
        BuildOutcome build = run("""
                input message: 'Roll out to production?', ok: 'Deploy'
                echo 'approved'
                """);

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(build.lines()).containsSubsequence("[Pipeline] input", "Roll out to production?", "Deploy or Abort",
                "Approved by local-runner", "approved");
    }

    @Test
    void files_areReadAndWrittenInTheWorkspaceInsideNode() throws IOException {
        Files.writeString(workspace.resolve("provision.sh"), "#!/bin/bash\necho hi\n");

        BuildOutcome build = run("""
                node {
                    def userData = readFile 'provision.sh'
                    writeFile file: 'out/copy.sh', text: userData.toUpperCase()
                    echo "exists=${fileExists('out/copy.sh')} missing=${fileExists('nope')}"
                }
                """);

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(workspace.resolve("out/copy.sh")).hasContent("#!/BIN/BASH\nECHO HI\n");
        assertThat(build.lines()).contains("exists=true missing=false");
    }

    @Test
    void files_outsideNode_failAsInJenkins() throws IOException {
        BuildOutcome build = run("""
                readFile 'provision.sh'
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.reason()).startsWith("Required context class hudson.FilePath is missing");
    }

    @Test
    void sleep_passesVirtualTime() throws IOException {
        BuildOutcome build = run("""
                sleep time: 90, unit: 'MINUTES'
                """);

        assertThat(build.result()).isEqualTo(Result.SUCCESS);
        assertThat(build.simulated()).isEqualTo(Duration.ofMinutes(90));
        assertThat(build.lines()).contains("Sleeping for 1 hr 30 min");
    }

    @Test
    void unknownStep_failsAsInJenkins() throws IOException {
        BuildOutcome build = run("""
                stage('Build') {
                    sh 'make deploy'
                }
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        // Jenkins' words (workflow-cps DSL.invokeMethod), listing the steps a user has, not the runner's test steps.
        assertThat(build.reason()).matches("No such DSL method 'sh' found among steps \\[.*] or symbols \\[.*] "
                        + "or globals \\[currentBuild, env, params]")
                .contains("awsAsgRollout, awsBakeAmi, awsCfnDeploy, awsCodeDeploy, awsCodePipeline, awsElbRegister", "stage", "timeout")
                .doesNotContain("scriptedStep", "binderEcho");
        assertThat(build.lines()).contains("java.lang.NoSuchMethodError: " + build.reason());
    }

    @Test
    void scriptWithMethods_inAFileNamedWithDashes_compilesAsWorkflowScript(@TempDir Path dir) throws IOException {
        Path jenkinsfile = Files.writeString(dir.resolve("my-deploy.v2.Jenkinsfile"), """
                def greet(String who) { echo "hello ${who}" }
                [1, 2].each { greet("batch ${it}") }
                echo "${this.getClass().name}"
                """);

        BuildOutcome build = PipelineRunner.on(aws).run(jenkinsfile);

        assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
        assertThat(build.lines()).containsSubsequence("hello batch 1", "hello batch 2", "WorkflowScript");
    }

    @Test
    void wrongParameterType_namesTheParameterAndTheValue() throws IOException {
        BuildOutcome build = run("""
                awsAsgRollout autoScalingGroup: 'web', ami: 'ami-0a1b2c3d4e5f60001', minHealthyPercentage: 'ninety'
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.reason()).isEqualTo("awsAsgRollout: minHealthyPercentage must be a whole number, got 'ninety'");
    }

    @Test
    void currentBuildResult_canOnlyGetWorse() throws IOException {
        BuildOutcome build = run("""
                currentBuild.result = 'UNSTABLE'
                currentBuild.result = 'SUCCESS'
                echo "current=${currentBuild.currentResult} number=${currentBuild.number}"
                """);

        assertThat(build.result()).isEqualTo(Result.UNSTABLE);
        assertThat(build.reason()).isEqualTo("currentBuild.result was set to UNSTABLE");
        assertThat(build.lines()).contains("current=UNSTABLE number=1").endsWith("Finished: UNSTABLE");
    }

    @Test
    void scriptErrors_failTheBuildWithTheirMessage() throws IOException {
        BuildOutcome build = run("""
                def group = null
                echo group.name
                """);

        assertThat(build.result()).isEqualTo(Result.FAILURE);
        assertThat(build.reason()).contains("Cannot get property 'name' on null object");
    }

    @Test
    void groovyArguments_bindAsInPipeline() throws IOException {
        BuildOutcome build = run("""
                def group = 'web'
                def r = binderDeploy group: "${group}-prod", batchSize: '3', ratio: 0.5, dryRun: true,
                                     tags: ["build-${BUILD_NUMBER}", 'blue'], mode: 'ALL_AT_ONCE',
                                     strategy: rolling(batchSize: 2, pauseSeconds: 30),
                                     check: [path: '/health', graceSeconds: 10], region: 'eu-west-1'
                echo "${r.group} ${r.batchSize} ${r.ratio} ${r.dryRun} ${r.tags} ${r.mode} ${r.strategy} ${r.check} ${r.region}"
                def e = binderEcho 'plain'
                echo "${e.message}"
                stage('inside a closure') {
                    println 'println goes to the build log'
                }
                """);

        assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
        assertThat(build.lines()).contains(
                "web-prod 3 0.5 true [build-1, blue] ALL_AT_ONCE Rolling(2, pause 30) HealthCheck(/health, grace 10) eu-west-1",
                "plain", "println goes to the build log");
    }

    @Test
    void nonCpsMethods_compileAndRun() throws IOException {
        BuildOutcome build = run("""
                @NonCPS
                def names(list) {
                    list.collect { it.toUpperCase() }.join(',')
                }
                echo names(['a', 'b'])
                """);

        assertThat(build.result()).as(build.log()).isEqualTo(Result.SUCCESS);
        assertThat(build.lines()).contains("A,B");
    }

    private BuildOutcome run(String script) throws IOException {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, script);
        return PipelineRunner.on(aws).run(jenkinsfile);
    }
}
