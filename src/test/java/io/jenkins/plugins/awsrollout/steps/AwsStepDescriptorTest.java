package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import io.jenkins.plugins.awsrollout.engine.ami.BakeInput;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterInput;
import org.junit.jupiter.api.Test;

/** The form checks built on the engine's input checks, and awsCodeDeploy's own. */
class AwsStepDescriptorTest {

    @Test
    void problem_isTheEnginesSentence() {
        FormValidation bad = AwsStepDescriptor.problem(BakeInput.checkSourceAmi("ami-12"));
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).isEqualTo("'ami-12' is not an AMI id such as ami-0123456789abcdef0.");
        assertThat(AwsStepDescriptor.problem(ElbRegisterInput.checkTargetGroup("web-tg")).kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void codeDeployChecks() {
        assertThat(AwsCodeDeployStep.DescriptorImpl.required(" ", "The deployment group is required.").getMessage())
                .isEqualTo("The deployment group is required.");
        assertThat(AwsCodeDeployStep.DescriptorImpl.checkTimeoutMinutes("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AwsCodeDeployStep.DescriptorImpl.checkTimeoutMinutes("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(AwsCodeDeployStep.DescriptorImpl.checkDeploymentId("d-ABCDEFGH1").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AwsCodeDeployStep.DescriptorImpl.checkDeploymentId("deploy-1").getMessage())
                .isEqualTo("'deploy-1' is not a CodeDeploy deployment id (d- and 9 letters or digits).");
    }
}
