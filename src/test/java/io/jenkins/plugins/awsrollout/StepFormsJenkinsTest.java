package io.jenkins.plugins.awsrollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.builders.AwsAsgRolloutBuilder;
import io.jenkins.plugins.awsrollout.builders.AwsBakeAmiBuilder;
import io.jenkins.plugins.awsrollout.builders.AwsCodeDeployBuilder;
import io.jenkins.plugins.awsrollout.builders.AwsElbRegisterBuilder;
import io.jenkins.plugins.awsrollout.steps.AwsAsgRolloutStep;
import io.jenkins.plugins.awsrollout.steps.AwsBakeAmiStep;
import io.jenkins.plugins.awsrollout.steps.AwsCodeDeployStep;
import io.jenkins.plugins.awsrollout.steps.AwsElbRegisterStep;
import io.jenkins.plugins.awsrollout.steps.AwsStepBase;
import io.jenkins.plugins.awsrollout.steps.CodeDeployAlarms;
import io.jenkins.plugins.awsrollout.steps.CodeDeployAutoRollback;
import io.jenkins.plugins.awsrollout.steps.CodeDeployS3Location;
import io.jenkins.plugins.awsrollout.steps.CodeDeployTargetInstances;
import io.jenkins.plugins.awsrollout.steps.ElbTarget;
import io.jenkins.plugins.awsrollout.steps.SourceAmiFilter;
import java.util.List;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The forms in a real Jenkins (plugin build only): each step through the Snippet Generator's form and each freestyle
 * build step through its project's configuration page, rendered, submitted and bound back to equal beans, list fields
 * and nested describables included; and the snippet a step's values give.
 */
@WithJenkins
class StepFormsJenkinsTest {

    @Test
    void steps_roundTripThroughTheirForms(JenkinsRule j) throws Exception {
        StepConfigTester snippetGenerator = new StepConfigTester(j);
        for (AwsStepBase step : List.of(rollout(), bake(), deployment(), registration())) {
            j.assertEqualDataBoundBeans(step, snippetGenerator.configRoundTrip(step));
        }
    }

    @Test
    void ssmCommands_oneCommandPerLineInTheForm(JenkinsRule j) throws Exception {
        AwsBakeAmiStep after = new StepConfigTester(j).configRoundTrip(bake());
        // The text area shows one command per line; the step's descriptor splits it back into separate commands.
        assertThat(after.getSsmCommands()).containsExactly("yum -y install nginx", "systemctl enable nginx");
    }

    @Test
    void builders_roundTripThroughTheStepsForm(JenkinsRule j) throws Exception {
        AwsAsgRolloutBuilder rollout = new AwsAsgRolloutBuilder(rollout());
        j.assertEqualDataBoundBeans(rollout, j.configRoundtrip(rollout));
        AwsBakeAmiBuilder bake = new AwsBakeAmiBuilder(bake());
        j.assertEqualDataBoundBeans(bake, j.configRoundtrip(bake));
        AwsCodeDeployBuilder deployment = new AwsCodeDeployBuilder(deployment());
        j.assertEqualDataBoundBeans(deployment, j.configRoundtrip(deployment));
        AwsElbRegisterBuilder registration = new AwsElbRegisterBuilder(registration());
        j.assertEqualDataBoundBeans(registration, j.configRoundtrip(registration));
    }

    @Test
    void snippet_writesListFieldsAsLists(JenkinsRule j) throws Exception {
        DescribableModel<AwsBakeAmiStep> model = DescribableModel.of(AwsBakeAmiStep.class);
        // The text getters the forms use are not parameters: DescribableModel binds constructor and setter parameters.
        assertThat(model.getParameter("regionsText")).isNull();
        UninstantiatedDescribable uninstantiated = model.uninstantiate2(bake());
        assertThat(uninstantiated.getArguments().get("regions")).isEqualTo(List.of("eu-west-1", "ap-southeast-2"));
        assertThat(uninstantiated.getArguments().get("ssmCommands"))
                .isEqualTo(List.of("yum -y install nginx", "systemctl enable nginx"));
        assertThat(uninstantiated.getArguments()).doesNotContainKey("regionsText");

        assertThat(Snippetizer.object2Groovy(bake()))
                .startsWith("awsBakeAmi ")
                .contains("regions: ['eu-west-1', 'ap-southeast-2']")
                .contains("ssmCommands: ['yum -y install nginx', 'systemctl enable nginx']")
                .contains("tags: ['app=web', 'build=${BUILD_NUMBER}']")
                .contains("sourceAmiFilter: amiFilter(");
    }

    // ---- representative values: every kind of field, list fields with several values, nested describables

    private static AwsAsgRolloutStep rollout() {
        AwsAsgRolloutStep rollout = new AwsAsgRolloutStep("web-prod");
        rollout.setAmi("ami-0123456789abcdef0");
        rollout.setStrategy("rolling");
        rollout.setMinHealthyPercentage(80);
        rollout.setMaxHealthyPercentage(150);
        rollout.setBatchSize("25%");
        rollout.setInstanceWarmupSeconds(120);
        rollout.setHealthCheckTimeoutMinutes(20);
        rollout.setCheckpoints(List.of("25", "50"));
        rollout.setCheckpointDelaySeconds(300);
        rollout.setSkipMatching(false);
        rollout.setAlarms(List.of("web-5xx", "web-latency"));
        rollout.setSuspendProcesses(List.of("AZRebalance", "ScheduledActions"));
        rollout.setScaleInProtectedInstances("Refresh");
        rollout.setStandbyInstances("Terminate");
        rollout.setMinSize(2);
        rollout.setMaxSize(8);
        rollout.setDesiredCapacity(4);
        rollout.setTimeoutMinutes(90);
        rollout.setOnAbort("cancel");
        rollout.setDryRun(true);
        return connected(rollout);
    }

    private static AwsBakeAmiStep bake() {
        AwsBakeAmiStep bake = new AwsBakeAmiStep("web-${BUILD_NUMBER}");
        SourceAmiFilter filter = new SourceAmiFilter("base-al2023-*");
        filter.setOwners(List.of("self", "137112412989"));
        filter.setTags(List.of("role=base", "os=al2023"));
        bake.setSourceAmiFilter(filter);
        bake.setInstanceType("t3.small");
        bake.setSubnetId("subnet-0abc");
        bake.setSecurityGroupIds(List.of("sg-0aaa", "sg-0bbb"));
        bake.setIamInstanceProfile("packer");
        bake.setRootVolumeSize(16);
        bake.setRunTags(List.of("team=web", "cost=bake"));
        bake.setSsmCommands(List.of("yum -y install nginx", "systemctl enable nginx"));
        bake.setProvisionTimeoutMinutes(20);
        bake.setDescription("web server");
        bake.setTags(List.of("app=web", "build=${BUILD_NUMBER}"));
        bake.setSnapshotTags(List.of("app=web"));
        bake.setEncrypted(true);
        bake.setKmsKeyId("alias/ami");
        bake.setImdsSupport("v2.0");
        bake.setDeprecateAfterDays(90);
        bake.setRegions(List.of("eu-west-1", "ap-southeast-2"));
        bake.setRegionKmsKeyIds(List.of("eu-west-1=alias/ami", "ap-southeast-2=alias/ami"));
        bake.setShareWithAccounts(List.of("210987654321", "333333333333"));
        bake.setSkipIfUnchanged(true);
        bake.setKeep(5);
        bake.setTimeoutMinutes(150);
        bake.setOnError("keep");
        return connected(bake);
    }

    private static AwsCodeDeployStep deployment() {
        AwsCodeDeployStep deployment = new AwsCodeDeployStep("web-app", "web-dg");
        deployment.setDeploymentConfig("CodeDeployDefault.HalfAtATime");
        deployment.setDescription("build 12");
        CodeDeployS3Location s3 = new CodeDeployS3Location("deploy-bundles", "web/12.zip");
        s3.setBundleType("zip");
        s3.setVersion("v12");
        s3.seteTag("0a1b2c");
        deployment.setS3(s3);
        deployment.setSourceExcludes(List.of(".git", "**/*.md"));
        deployment.setS3Bucket("upload-bucket");
        deployment.setS3Prefix("web/");
        deployment.setSseAlgorithm("aws:kms");
        deployment.setSseKmsKeyId("alias/bundles");
        deployment.setFileExistsBehavior("OVERWRITE");
        deployment.setIgnoreApplicationStopFailures(true);
        deployment.setUpdateOutdatedInstancesOnly(true);
        CodeDeployTargetInstances targets = new CodeDeployTargetInstances();
        targets.setAutoScalingGroups(List.of("web-green", "web-green-2"));
        targets.setTagFilters(List.of("Env=green", "=web"));
        deployment.setTargetInstances(targets);
        CodeDeployAutoRollback rollback = new CodeDeployAutoRollback();
        rollback.setEvents(List.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"));
        deployment.setAutoRollback(rollback);
        CodeDeployAlarms alarms = new CodeDeployAlarms();
        alarms.setNames(List.of("web-5xx", "web-latency"));
        alarms.setIgnorePollAlarmFailure(true);
        deployment.setAlarms(alarms);
        deployment.setWaitForCompletion(false);
        deployment.setTimeoutMinutes(45);
        deployment.setOnAbort("leave");
        deployment.setOnReady("continue");
        deployment.setFailOnError(false);
        deployment.setPollIntervalSeconds(15);
        return connected(deployment);
    }

    private static AwsElbRegisterStep registration() {
        AwsElbRegisterStep registration = new AwsElbRegisterStep();
        registration.setAction("deregister");
        registration.setInstanceIds(List.of("i-0123456789abcdef0", "i-0fedcba9876543210"));
        ElbTarget target = new ElbTarget("10.0.3.7");
        target.setPort(8080);
        target.setAvailabilityZone("all");
        registration.setTargets(List.of(target, new ElbTarget("10.0.3.8")));
        registration.setTargetGroup("web-tg");
        registration.setTargetGroups(List.of("api-tg", "admin-tg"));
        registration.setLoadBalancers(List.of("web-elb", "admin-elb"));
        registration.setWaitFor("drained");
        registration.setTimeoutMinutes(20);
        registration.setMinHealthyTargets(2);
        registration.setMinHealthyPercentage(50);
        registration.setOnAbort("leave");
        return connected(registration);
    }

    private static <S extends AwsStepBase> S connected(S step) {
        step.setRegion("eu-west-1");
        step.setCredentialsId("aws-deployer");
        step.setRoleArn("arn:aws:iam::123456789012:role/deployer");
        step.setExternalId("web-team");
        return step;
    }
}
