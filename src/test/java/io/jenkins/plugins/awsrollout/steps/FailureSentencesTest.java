package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sentence a failed step ends with is what reaches e-mail, chat and the build's result: one sentence, at most
 * about 300 characters, that names the cause. These are the sentences {@code docs/steps/*.md} show as printed.
 */
class FailureSentencesTest {

    static final int MAX_LENGTH = 300;

    private SimulatedAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private static String sentence(TestStepContext build) {
        assertThat(build.failure()).as(build.log()).isNotNull();
        String message = build.failure().getMessage();
        assertThat(message.length()).as(message).isLessThanOrEqualTo(MAX_LENGTH);
        return message;
    }

    @Test
    void bake_userDataFailure_quotesTheScriptsLastLine() throws Exception {
        aws = SimulatedAws.start(BakeWorld.world().build());
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("echo downloading packages\n# sim: fail curl: (6) Could not resolve host: mirror.internal\n");

        String sentence = sentence(aws.run(step));

        String id = aws.sim().state().instances().get(0).id();
        assertThat(sentence).isEqualTo("The provisioning script failed on builder " + id
                + " with exit code 1; its last line was 'curl: (6) Could not resolve host: mirror.internal'.");
    }

    @Test
    void bake_ssmFailure_quotesTheLastErrorLine() throws Exception {
        aws = SimulatedAws.start(BakeWorld.world().build());
        AwsBakeAmiStep step = new AwsBakeAmiStep("web-ssm-{{timestamp}}");
        step.setSourceAmi(BakeWorld.baseAmiId(aws));
        step.setIamInstanceProfile("builder");
        step.setSsmCommands(List.of("echo installing", "echo resolving nginx-bad\n# sim: fail No match for argument: nginx-bad"));

        String sentence = sentence(aws.run(step));

        String id = aws.sim().state().instances().get(0).id();
        assertThat(sentence).isEqualTo("SSM command 2 of 2 ('echo resolving nginx-bad; # sim: fail No match for argument: "
                + "nginx-bad') failed on builder " + id + " with exit code 1 (status Failed); its last error line was "
                + "'No match for argument: nginx-bad'.");
    }

    @Test
    void codeDeploy_namesTheInstanceEventScriptAndItsLastErrorLine() throws Exception {
        aws = SimulatedAws.start(CodeDeployWorlds.inPlace(4).build());

        TestStepContext build = aws.run(AwsCodeDeployStepTest.s3("web/broken.zip"));

        String sentence = sentence(build);
        java.util.regex.Matcher created = java.util.regex.Pattern.compile("Created deployment (d-[A-Z0-9]{9})").matcher(build.log());
        assertThat(created.find()).isTrue();
        String id = created.group(1);
        String rollbackId = aws.sim().calls().matching(c -> c.action().equals("CreateDeployment") && c.ok()).size() > 0
                ? sentence.replaceAll(".*rollback deployment (d-[A-Z0-9]{9})\\.$", "$1") : null;
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("first (i-[0-9a-f]{17}) at").matcher(sentence);
        assertThat(first.find()).as(sentence).isTrue();
        assertThat(sentence).isEqualTo("Deployment " + id + " to web-app/web-dg failed (HEALTH_CONSTRAINTS): 2 of 4 instances "
                + "failed, first " + first.group(1) + " at ValidateService (scripts/validate.sh): 'curl: (7) Failed "
                + "to connect to localhost port 80 after 0 ms: Connection refused'; CodeDeploy started rollback deployment "
                + rollbackId + ".");
        assertThat(aws.sim().state().group("web").instances("InService").stream().map(i -> i.instanceId()))
                .contains(first.group(1));
    }

    @Test
    void rollout_namesTheFirstFailingInstancesReason() throws Exception {
        aws = SimulatedAws.start(AsgWorlds.web(6).build());
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(aws.sim().state().image("bad-v3").id());
        step.setStrategy("rolling");
        step.setMinHealthyPercentage(100);
        step.setMaxHealthyPercentage(150);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);

        String sentence = sentence(aws.run(step));

        java.util.regex.Matcher first = java.util.regex.Pattern.compile("first (i-[0-9a-f]{17}) ").matcher(sentence);
        assertThat(first.find()).as(sentence).isTrue();
        // The rollback's own sentence follows (issue #14 items 1-2 own its wording).
        assertThat(sentence).startsWith("Rollout of web to web-lt version 3 failed in batch 1: 3 new instances "
                + "failed their health checks, first " + first.group(1) + " (unhealthy in web-tg: Target.FailedHealthChecks) "
                + "and 2 more. Rolled web back");
    }

    @Test
    void rollout_thatTimesOutWaitingForHealth_namesTheFirstUnhealthyInstance() throws Exception {
        // EC2 health checks: Auto Scaling keeps the unhealthy instances, so the batch waits until healthCheckTimeoutMinutes.
        aws = SimulatedAws.start(AsgWorlds.web(2, g -> g.healthCheckType("EC2")).build());
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(aws.sim().state().image("bad-v3").id());
        step.setStrategy("rolling");
        step.setMinHealthyPercentage(100);
        step.setMaxHealthyPercentage(150);
        step.setHealthCheckTimeoutMinutes(5);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);

        String sentence = sentence(aws.run(step));

        assertThat(sentence).matches("Rollout of web to web-lt version 3 failed in batch 1: new instances were not healthy after "
                + "5m \\(healthCheckTimeoutMinutes\\), first i-[0-9a-f]{17} \\(unhealthy in web-tg: Target.FailedHealthChecks\\)( and [0-9]+ more)?\\. Rolled web back to web-lt version 1: .*");
    }
}
