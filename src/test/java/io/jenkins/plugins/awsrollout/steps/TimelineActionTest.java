package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.timeline.Timeline;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import io.jenkins.plugins.awsrollout.timeline.SummaryRow;
import io.jenkins.plugins.awsrollout.timeline.SvgPicture;
import io.jenkins.plugins.awsrollout.timeline.TimelinePicture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.StaplerResponse2;

/** The timeline a step call keeps (issue #20): of a failed rollout, across a restart, and as the build page serves it. */
class TimelineActionTest {

    private SimulatedAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private AwsAsgRolloutStep step(String image) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(aws.sim().state().image(image).id());
        step.setStrategy("rolling");
        step.setMinHealthyPercentage(100);
        step.setMaxHealthyPercentage(150);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    private static Timeline timeline(TestStepContext build) {
        return ((OperationExecution<?>) build.execution()).timeline();
    }

    @Test
    void failedRollout_showsWhereTheRollbackBegan_underTheSameFloor() throws Exception {
        aws = SimulatedAws.start(AsgWorlds.web(6).build());
        TestStepContext build = aws.run(step("bad-v3"));
        assertThat(build.failure()).isNotNull();

        Timeline timeline = timeline(build);
        assertThat(timeline.result()).isEqualTo("FAILURE");
        assertThat(timeline.message()).isEqualTo(build.failure().getMessage());
        SvgPicture picture = SvgPicture.parse(TimelinePicture.svg(timeline));
        assertThat(picture.title()).startsWith("Rollout of Auto Scaling group web: failed after ");
        // Batch 1 failed before it replaced anything: the rollback undoes its launches, with no reverse batch.
        assertThat(picture.bands()).startsWith("batch 1");
        assertThat(picture.marks()).anyMatch(m -> m.startsWith("ROLLBACK: Rollout of web to web-lt") && m.contains("failed in batch 1"));
        assertThat(picture.states("phase")).containsSubsequence("ROLL", "ROLLBACK", "DONE");
        // the failing instances' lanes say so
        assertThat(picture.lanes()).anySatisfy(lane -> assertThat(picture.states(lane)).anyMatch(s -> s.contains("unhealthy")
                || s.equals("Unhealthy")));
        for (double[] point : picture.points("healthy")) {
            assertThat(picture.floorYAt(point[0])).isGreaterThanOrEqualTo(point[1]);
        }
        // a band of the rollback, if any, starts where the rollback mark is
        long rollbackMark = timeline.events().stream().filter(e -> e.kind() == TimelineEvent.Kind.MARK
                && e.label().startsWith("ROLLBACK")).findFirst().orElseThrow().at();
        timeline.events().stream().filter(e -> e.kind() == TimelineEvent.Kind.BAND && e.label() != null && e.label().startsWith("rollback"))
                .forEach(band -> assertThat(band.at()).isGreaterThanOrEqualTo(rollbackMark));
    }

    @Test
    void restart_keepsTheTimelineRecordedBeforeIt() throws Exception {
        aws = SimulatedAws.start(AsgWorlds.web(6).build());
        TestStepContext build = aws.context("deploy", 6);
        aws.start(step("base-v2"), build);
        aws.scheduler().runUntil(() -> aws.sim().calls().count("TerminateInstanceInAutoScalingGroup") >= 1 || build.isCompleted(), 1_000_000);
        assertThat(build.isCompleted()).isFalse();
        int samplesBefore = timeline(build).samples().size();
        String id = timeline(build).id();
        assertThat(samplesBefore).isGreaterThan(1);

        aws.restart(build);
        aws.runToEnd(build);

        assertThat(build.failure()).isNull();
        Timeline after = timeline(build);
        assertThat(after.id()).isEqualTo(id);
        assertThat(after.samples().size()).isGreaterThan(samplesBefore);
        assertThat(after.events()).extracting(TimelineEvent::label).contains("batch 1", "batch 2");
        assertThat(after.result()).isEqualTo("SUCCESS");
    }

    @Test
    void action_namesTheStepCall_linksItsIds_andServesTheRecordAsJson() throws Exception {
        aws = SimulatedAws.start(AsgWorlds.web(6).build());
        TestStepContext build = aws.run(step("base-v2"));
        TimelineAction action = new TimelineAction(timeline(build).snapshot(), 2);

        assertThat(action.getDisplayName()).isEqualTo("AWS rollout: Rollout of Auto Scaling group web");
        assertThat(action.getUrlName()).isEqualTo("aws-rollout-2");
        assertThat(action.getOutcome()).isEqualTo("succeeded");
        List<SummaryRow> rows = action.getSummaryRows();
        assertThat(rows).extracting(SummaryRow::key).contains("autoScalingGroup", "replacedInstances", "newInstances");
        assertThat(rows).filteredOn(r -> r.key().equals("newInstances")).singleElement()
                .satisfies(r -> assertThat(r.parts()).filteredOn(p -> p.href() != null).hasSize(6)
                        .allSatisfy(p -> assertThat(p.href()).startsWith(
                                "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-")));

        Map<String, String> headers = new HashMap<>();
        String json = serve(action::doTimelineJson, headers);
        assertThat(headers).containsEntry("Content-Type", "application/json;charset=UTF-8");
        assertThat(json).startsWith("{\"id\":").contains("\"title\":\"Rollout of Auto Scaling group web\"",
                "\"result\":\"SUCCESS\"", "\"samples\":[{\"at\":", "\"kind\":\"BAND\"", "\"label\":\"batch 1\"");
        String svg = serve(action::doPictureSvg, headers);
        assertThat(headers).containsEntry("Content-Type", "image/svg+xml;charset=UTF-8");
        assertThat(SvgPicture.parse(svg).capacityCharted()).isTrue();
    }

    interface Served {
        void serve(org.kohsuke.stapler.StaplerRequest2 req, StaplerResponse2 rsp) throws Exception;
    }

    /** What a web method writes, through a response that keeps the body and the headers. */
    private static String serve(Served method, Map<String, String> headers) throws Exception {
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        List<String> unexpected = new ArrayList<>();
        StaplerResponse2 rsp = (StaplerResponse2) Proxy.newProxyInstance(TimelineActionTest.class.getClassLoader(),
                new Class<?>[] {StaplerResponse2.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "getWriter" -> writer;
                    default -> {
                        unexpected.add(m.getName());
                        yield null;
                    }
                });
        method.serve(null, rsp);
        writer.flush();
        assertThat(unexpected).isEmpty();
        return body.toString();
    }
}
