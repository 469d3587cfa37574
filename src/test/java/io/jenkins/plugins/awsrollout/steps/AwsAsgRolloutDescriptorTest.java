package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form checks of awsAsgRollout say what the build would say, with the engine's own words. */
class AwsAsgRolloutDescriptorTest {

    @Test
    void checks_refuseWhatTheBuildWouldRefuse() {
        assertThat(AwsAsgRolloutStep.DescriptorImpl.check(b -> b.ami("image-1")).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(AwsAsgRolloutStep.DescriptorImpl.check(b -> b.ami("image-1")).getMessage()).contains("Invalid ami: 'image-1'");
        assertThat(AwsAsgRolloutStep.DescriptorImpl.check(b -> b.ami("")).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AwsAsgRolloutStep.DescriptorImpl.check(b -> b.launchTemplateVersion("$Latest")).getMessage())
                .contains("is an alias");
        assertThat(AwsAsgRolloutStep.DescriptorImpl.checkBatchSize("25%").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AwsAsgRolloutStep.DescriptorImpl.checkBatchSize("lots").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(AwsAsgRolloutStep.DescriptorImpl.checkMinHealthyPercentage("120").getMessage())
                .contains("Invalid minHealthyPercentage: 120");
        assertThat(AwsAsgRolloutStep.DescriptorImpl.checkMaxHealthyPercentage("150", "0").getMessage())
                .contains("more than 100 above");
        assertThat(AwsAsgRolloutStep.DescriptorImpl.checkMaxHealthyPercentage("150", "90").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AwsAsgRolloutStep.DescriptorImpl.checkTimeoutMinutes("soon").getMessage()).contains("'soon' is not a whole number");
        assertThat(AwsAsgRolloutStep.DescriptorImpl.checkTimeoutMinutes("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AwsAsgRolloutStep.DescriptorImpl.checkAutoScalingGroup(" ").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void listChecks_readTheFormsTextOneValuePerLine() {
        assertThat(AwsAsgRolloutStep.DescriptorImpl.check(b -> b.checkpoints(OnePerLine.split(List.of("20\n10")))).getMessage())
                .contains("must be in ascending order");
        assertThat(AwsAsgRolloutStep.DescriptorImpl.check(b -> b.suspendProcesses(OnePerLine.split(List.of("AZRebalance\nTerminate"))))
                .getMessage()).contains("'Terminate' would stall");
    }

    @Test
    void buildId_namesTheJobAndBuild() {
        assertThat(AwsAsgRolloutStep.buildId(Map.of("JOB_NAME", "team/web-deploy", "BUILD_NUMBER", "12"))).isEqualTo("team/web-deploy #12");
        assertThat(AwsAsgRolloutStep.buildId(Map.of())).isEmpty();
    }
}
