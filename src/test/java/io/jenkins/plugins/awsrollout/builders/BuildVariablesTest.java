package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.engine.elb.ElbWorlds;
import io.jenkins.plugins.awsrollout.steps.AwsBakeAmiStep;
import io.jenkins.plugins.awsrollout.steps.AwsCodeDeployStep;
import io.jenkins.plugins.awsrollout.steps.AwsElbRegisterStep;
import io.jenkins.plugins.awsrollout.steps.CodeDeployS3Location;
import io.jenkins.plugins.awsrollout.steps.ElbTarget;
import io.jenkins.plugins.awsrollout.steps.SourceAmiFilter;
import io.jenkins.plugins.awsrollout.steps.StepResultAction;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Freestyle text fields expand the build's variables (issue #14 item 7), as Groovy interpolation does for a
 * Jenkinsfile; scripts keep theirs for the shell. And freestyle build steps honour {@code failOnError} (item 5).
 */
class BuildVariablesTest {

    private static final Map<String, String> ENV = Map.of("JOB_NAME", "web-freestyle", "BUILD_NUMBER", "7",
            "BUCKET", "deploy-bundles", "APP_VERSION", "2.0", "TG", "web-tg", "GROUP", "web");

    @Test
    void expand_textListsAndDescribables_leavingScriptsUnknownsAndTheSavedStepAlone() {
        AwsCodeDeployStep step = new AwsCodeDeployStep("web-app", "${GROUP}-dg");
        step.setS3(new CodeDeployS3Location("$BUCKET", "web/${APP_VERSION}.zip"));
        step.setDescription("release ${APP_VERSION} by ${JOB_NAME} #${BUILD_NUMBER}, costs $$5, ${NOT_SET}");
        step.setSourceExcludes(List.of("*.${APP_VERSION}.log"));
        step.setAppSpecContent("hooks: echo ${APP_VERSION} $HOME");
        step.setRegion("${REGION}");

        AwsCodeDeployStep expanded = BuildVariables.expand(step, ENV);

        assertThat(expanded.getDeploymentGroup()).isEqualTo("web-dg");
        assertThat(expanded.getS3().getBucket()).isEqualTo("deploy-bundles");
        assertThat(expanded.getS3().getKey()).isEqualTo("web/2.0.zip");
        assertThat(expanded.getDescription()).isEqualTo("release 2.0 by web-freestyle #7, costs $5, ${NOT_SET}");
        assertThat(expanded.getSourceExcludes()).containsExactly("*.2.0.log");
        assertThat(expanded.getAppSpecContent()).isEqualTo("hooks: echo ${APP_VERSION} $HOME");
        assertThat(expanded.getRegion()).isEqualTo("${REGION}");
        assertThat(step.getS3().getKey()).isEqualTo("web/${APP_VERSION}.zip");
        assertThat(step.getDeploymentGroup()).isEqualTo("${GROUP}-dg");
    }

    @Test
    void expand_bakeKeepsItsScriptsAndTheNameTheEngineExpands() {
        AwsBakeAmiStep step = new AwsBakeAmiStep("web-${BUILD_NUMBER}-{{timestamp}}");
        step.setSourceAmiFilter(new SourceAmiFilter("base-${APP_VERSION}-*"));
        step.setUserData("echo $HOME ${APP_VERSION}");
        step.setSsmCommands(List.of("echo ${APP_VERSION}"));
        step.setInstanceType("${TYPE}");

        AwsBakeAmiStep expanded = BuildVariables.expand(step, Map.of("APP_VERSION", "2.0", "TYPE", "t3.small"));

        assertThat(expanded.getAmiName()).isEqualTo("web-${BUILD_NUMBER}-{{timestamp}}");
        assertThat(expanded.getSourceAmiFilter().getName()).isEqualTo("base-2.0-*");
        assertThat(expanded.getUserData()).isEqualTo("echo $HOME ${APP_VERSION}");
        assertThat(expanded.getSsmCommands()).containsExactly("echo ${APP_VERSION}");
        assertThat(expanded.getInstanceType()).isEqualTo("t3.small");
    }

    @Test
    @SuppressWarnings("unchecked")
    void perform_registersTheTargetsTheVariablesName() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(ElbWorlds.fleet(30).build())) {
            List<String> spare = ElbWorlds.instances(aws.sim(), "spare");
            AwsElbRegisterStep registration = new AwsElbRegisterStep();
            registration.setTargetGroup("${TG}");
            registration.setTargets(List.of(new ElbTarget("${SPARE}")));
            registration.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
            Map<String, String> env = new java.util.HashMap<>(ENV);
            env.put("SPARE", spare.get(0));
            LogListener listener = new LogListener();

            Map<String, Object> result = new AwsElbRegisterBuilder(registration).perform(aws.runtime(), null, null, env, listener);

            assertThat((List<Map<String, Object>>) result.get("targets")).singleElement()
                    .satisfies(t -> assertThat(t).containsEntry("id", spare.get(0)).containsEntry("targetGroup", "web-tg"));
            assertThat(aws.sim().state().targetHealth("web-tg")).containsKey(spare.get(0));
            assertThat(registration.getTargetGroup()).isEqualTo("${TG}");
        }
    }

    @Test
    void perform_withFailOnErrorOff_goesOnWithTheMap_andOnFailsTheBuild() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(ElbWorlds.fleet(30).build())) {
            List<String> web = ElbWorlds.instances(aws.sim(), "web");
            AwsElbRegisterStep registration = new AwsElbRegisterStep();
            registration.setAction("deregister");
            registration.setInstanceIds(web.subList(0, 2));
            registration.setTargetGroup("web-tg");
            registration.setMinHealthyTargets(3);
            registration.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
            registration.setFailOnError(false);
            LogListener listener = new LogListener();

            Map<String, Object> result = new AwsElbRegisterBuilder(registration).perform(aws.runtime(), null, null, ENV, listener);

            assertThat(result).containsEntry("status", "Failed");
            assertThat((String) result.get("reason")).startsWith("Refusing to deregister 2 targets");
            assertThat(listener.text()).contains("[awsElbRegister] failOnError: false, so the build goes on; status Failed.");

            registration.setFailOnError(true);
            assertThatThrownBy(() -> new AwsElbRegisterBuilder(registration).perform(aws.runtime(), null, null, ENV, new LogListener()))
                    .isInstanceOf(AbortException.class).hasMessageStartingWith("Refusing to deregister 2 targets");
            assertThat(aws.runtime().actions()).hasSize(2).allSatisfy(a -> assertThat(((StepResultAction) a).getStatus()).isEqualTo("Failed"));
            assertThat(aws.sim().calls().mutating()).isEmpty();
        }
    }
}
