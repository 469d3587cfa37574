package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.steps.AwsBakeAmiStep;
import io.jenkins.plugins.awsrollout.steps.SourceAmiFilter;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The freestyle build step: the step it wraps, driven on the build's executor, with list fields as a form sends them. */
class AwsBakeAmiBuilderTest {

    private static final Map<String, String> ENV = Map.of("JOB_NAME", "bake-web", "BUILD_NUMBER", "12",
            "BUILD_URL", "https://jenkins.example.com/job/bake-web/12/");

    private SimulatedAws aws;
    private final LogListener listener = new LogListener();

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(World.builder().region("us-east-1").region("eu-west-1")
                .image("base-al2023-2026.11.01")
                .timings(t -> t.withBoot(Duration.ofSeconds(20)).withImageCreation(Duration.ofMinutes(3))
                        .withImageCopy(Duration.ofMinutes(4)))
                .build());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    /** The bake as the freestyle form submits it: each text area as one element holding every line. */
    private static AwsBakeAmiStep bake() {
        AwsBakeAmiStep bake = new AwsBakeAmiStep("web-${BUILD_NUMBER}-{{timestamp}}");
        bake.setSourceAmiFilter(new SourceAmiFilter("base-al2023-*"));
        bake.setUserData("echo installing\n# sim: takes 45\n");
        bake.setTags(List.of("app=web\nbuild=${BUILD_NUMBER}\n"));
        bake.setRegions(List.of("eu-west-1\n"));
        bake.setShareWithAccounts(List.of("210987654321\n\n333333333333"));
        return bake;
    }

    @Test
    void perform_bakesCopiesAndSharesWithListFieldsGivenAsLines() throws Exception {
        Map<String, Object> result = new AwsBakeAmiBuilder(bake()).perform(aws.runtime(), null, null, ENV, listener);

        String amiId = (String) result.get("amiId");
        SimState.ImageView ami = aws.sim().state().image(amiId);
        assertThat(ami.name()).isEqualTo("web-12-" + SimulatedAws.EPOCH.getEpochSecond());
        assertThat(ami.tags()).containsEntry("app", "web").containsEntry("build", "12");
        assertThat(ami.launchPermissionUsers()).containsExactlyInAnyOrder("210987654321", "333333333333");
        @SuppressWarnings("unchecked")
        Map<String, String> amis = (Map<String, String>) result.get("amis");
        assertThat(aws.sim().state("eu-west-1").image(amis.get("eu-west-1")).state()).isEqualTo("available");
        assertThat(aws.sim().state().instances()).allSatisfy(i -> assertThat(i.state()).isEqualTo("terminated"));
        assertThat(listener.text()).contains("[awsBakeAmi] DONE baked " + amiId);
    }

    @Test
    void perform_whenTheBuildIsAborted_cleansUpInAwsThenRethrows() {
        aws.runtime().interruptAwait(8);

        assertThatThrownBy(() -> new AwsBakeAmiBuilder(bake()).perform(aws.runtime(), null, null, ENV, listener))
                .isInstanceOf(InterruptedException.class);

        assertThat(aws.sim().state().instances()).isNotEmpty().allSatisfy(i -> assertThat(i.state()).isIn("terminated", "shutting-down"));
        assertThat(aws.sim().state().images()).extracting(SimState.ImageView::name).containsExactly("base-al2023-2026.11.01");
        assertThat(aws.sim().state().securityGroups()).noneMatch(g -> g.name().startsWith("aws-rollout-bake-"));
        assertThat(listener.text()).contains("[awsBakeAmi] CLEANUP the build was stopped; cleaning up");
    }

    @Test
    void perform_withBadInput_failsBeforeAnyAwsCall() {
        AwsBakeAmiStep bake = bake();
        bake.setShareWithAccounts(List.of("not-an-account"));
        AwsBakeAmiBuilder builder = new AwsBakeAmiBuilder(bake);

        assertThatThrownBy(() -> builder.perform(aws.runtime(), null, null, ENV, listener)).isInstanceOf(AbortException.class)
                .hasMessage("Invalid shareWithAccounts 'not-an-account': expected a 12-digit AWS account id.");
        assertThat(aws.sim().calls().all()).isEmpty();
        assertThat(builder.getBake().getTags()).containsExactly("app=web", "build=${BUILD_NUMBER}");
        assertThat(builder.getBake().getTagsText()).isEqualTo("app=web\nbuild=${BUILD_NUMBER}");
    }
}
