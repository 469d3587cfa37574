package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form checks say what the build would say, with the engine's own words. */
class AsgRolloutFieldsTest {

    @Test
    void checks_refuseWhatTheBuildWouldRefuse() {
        assertThat(AsgRolloutFields.checkAmi("image-1").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(AsgRolloutFields.checkAmi("image-1").getMessage()).contains("Invalid ami: 'image-1'");
        assertThat(AsgRolloutFields.checkAmi("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AsgRolloutFields.checkLaunchTemplateVersion("$Latest").getMessage()).contains("is an alias");
        assertThat(AsgRolloutFields.checkBatchSize("25%", "rolling").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AsgRolloutFields.checkBatchSize("lots", "rolling").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(AsgRolloutFields.checkMinHealthyPercentage("120").getMessage()).contains("Invalid minHealthyPercentage: 120");
        assertThat(AsgRolloutFields.checkMaxHealthyPercentage("150", "0").getMessage()).contains("more than 100 above");
        assertThat(AsgRolloutFields.checkMaxHealthyPercentage("150", "90").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AsgRolloutFields.checkTimeoutMinutes("soon").getMessage()).contains("'soon' is not a whole number");
        assertThat(AsgRolloutFields.checkTimeoutMinutes("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(AsgRolloutFields.checkCheckpoints("20\n10").getMessage()).contains("must be in ascending order");
        assertThat(AsgRolloutFields.checkSuspendProcesses("AZRebalance\nTerminate").getMessage()).contains("'Terminate' would stall");
        assertThat(AsgRolloutFields.checkAutoScalingGroup(" ").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void lines_andBuildId() {
        assertThat(AsgRolloutFields.lines(" 25\r\n\n50, 75 \n")).containsExactly("25", "50", "75");
        assertThat(AsgRolloutFields.lines(null)).isEmpty();
        assertThat(AsgRolloutFields.buildId(Map.of("JOB_NAME", "team/web-deploy", "BUILD_NUMBER", "12"))).isEqualTo("team/web-deploy #12");
        assertThat(AsgRolloutFields.buildId(Map.of())).isEmpty();
        assertThat(AsgRolloutFields.strategies()).extracting(o -> o.value).containsExactly("instanceRefresh", "rolling");
    }
}
