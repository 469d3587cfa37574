package io.jenkins.plugins.awsrollout.sim.autoscaling;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/** Group tags (what Ansible's modules read and write) and the launch template a group reports after an update by id. */
class AutoScalingTagsTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private AutoScalingClient asg;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(Fixtures.web(2).build(), clock);
        asg = SimClients.of(sim).autoScaling();
    }

    @AfterEach
    void stop() {
        asg.close();
        sim.close();
    }

    private List<TagDescription> tags(String filter, String... values) {
        return asg.describeTags(r -> r.filters(f -> f.name(filter).values(values))).tags();
    }

    @Test
    void tagsAreCreatedUpdatedFilteredAndDeleted() {
        asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("web").resourceType("auto-scaling-group").key("team").value("a")
                .propagateAtLaunch(true), t -> t.resourceId("web").resourceType("auto-scaling-group").key("cost").value("1")));
        asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("web").resourceType("auto-scaling-group").key("team").value("b")));

        assertThat(tags("auto-scaling-group", "web")).extracting(TagDescription::key, TagDescription::value, TagDescription::propagateAtLaunch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "b", false), org.assertj.core.groups.Tuple.tuple("cost", "1", false));
        assertThat(tags("key", "cost")).singleElement().extracting(TagDescription::resourceId).isEqualTo("web");
        assertThat(tags("value", "nope")).isEmpty();
        assertThat(asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0).tags())
                .extracting(TagDescription::key).containsExactly("team", "cost");

        asg.deleteTags(r -> r.tags(t -> t.resourceId("web").resourceType("auto-scaling-group").key("cost")));
        assertThat(tags("auto-scaling-group", "web")).extracting(TagDescription::key).containsExactly("team");
    }

    @Test
    void tagMistakesAnswerValidationError() {
        assertThatThrownBy(() -> asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("nope").resourceType("auto-scaling-group")
                .key("k").value("v"))))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("nope");
                });
        assertThatThrownBy(() -> asg.describeTags(r -> r.filters(f -> f.name("colour").values("red"))))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> assertThat(e.getMessage()).contains("colour"));
    }

    @Test
    void describeTagsPagesWithTheSdkPaginator() {
        for (int n = 0; n < 7; n++) {
            int k = n;
            asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("web").resourceType("auto-scaling-group").key("k" + k).value("v")));
        }

        assertThat(asg.describeTagsPaginator(r -> r.maxRecords(3)).tags().stream().count()).isEqualTo(7);
    }

    @Test
    void groupUpdatedByTemplateIdReportsTheTemplateNameToo() {
        String id = sim.state().launchTemplate("web-lt").id();

        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").launchTemplate(t -> t.launchTemplateId(id).version("2")));

        LaunchTemplateSpecification spec = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups()
                .get(0).launchTemplate();
        assertThat(spec.launchTemplateId()).isEqualTo(id);
        assertThat(spec.launchTemplateName()).isEqualTo("web-lt");
        assertThat(spec.version()).isEqualTo("2");
    }
}
