package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.engine.timeline.Timeline;
import io.jenkins.plugins.awsrollout.timeline.SummaryRow;
import io.jenkins.plugins.awsrollout.timeline.TimelineJson;
import io.jenkins.plugins.awsrollout.timeline.TimelinePicture;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.WebMethod;

/**
 * One step call's timeline on the build page ("AWS rollout: Rollout of Auto Scaling group web"): the picture, the
 * returned map with links to the AWS console, and the record as JSON at {@code .../timeline.json} for other tools.
 * Each tick hands it a fresh snapshot, so the page shows a running rollout too; the build keeps the last one in its
 * {@code build.xml}. Kept apart from the step's result action on purpose: it only shows.
 */
public final class TimelineAction implements RunAction2 {

    private final String id;
    private final int number;
    private volatile Timeline timeline;
    private transient @CheckForNull Run<?, ?> run;

    TimelineAction(Timeline timeline, int number) {
        this.id = timeline.id();
        this.number = number;
        this.timeline = timeline;
    }

    /** Shows {@code record} on {@code build}: the step call's action is added on the first tick, then updated. */
    static void publish(@CheckForNull Run<?, ?> build, Timeline record) {
        if (build == null) {
            return;
        }
        Timeline snapshot = record.snapshot();
        synchronized (TimelineAction.class) {
            List<TimelineAction> actions = build.getActions(TimelineAction.class);
            for (TimelineAction action : actions) {
                if (action.id.equals(record.id())) {
                    action.timeline = snapshot;
                    return;
                }
            }
            build.addAction(new TimelineAction(snapshot, actions.size() + 1));
        }
    }

    public Timeline getTimeline() {
        return timeline;
    }

    public @CheckForNull Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "AWS rollout: " + timeline.title();
    }

    @Override
    public String getUrlName() {
        return "aws-rollout-" + number;
    }

    /** "succeeded", "failed: why" or "running". */
    public String getOutcome() {
        Timeline t = timeline;
        return t.result() == null ? "running" : t.result().equals("SUCCESS") ? "succeeded" : "failed: " + t.message();
    }

    public List<SummaryRow> getSummaryRows() {
        Timeline t = timeline;
        return SummaryRow.of(t.summary(), t.region());
    }

    /** The picture, an SVG image (served on its own URL so that the page embeds it as an image: no script runs). */
    @WebMethod(name = "picture.svg")
    public void doPictureSvg(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        send(rsp, "image/svg+xml;charset=UTF-8", TimelinePicture.svg(timeline));
    }

    /** The record as JSON, for other tools. */
    @WebMethod(name = "timeline.json")
    public void doTimelineJson(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        send(rsp, "application/json;charset=UTF-8", TimelineJson.of(timeline));
    }

    private static void send(StaplerResponse2 rsp, String type, String body) throws IOException {
        rsp.setContentType(type);
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter writer = rsp.getWriter();
        writer.write(body);
        writer.flush();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
