package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.engine.timeline.Timeline;
import io.jenkins.plugins.awsrollout.timeline.SummaryRow;
import io.jenkins.plugins.awsrollout.timeline.TimelineJson;
import io.jenkins.plugins.awsrollout.timeline.TimelinePicture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local runner's report (issue #20): {@code index.html} with every step call's picture and summary (the returned
 * map, ids linked to the AWS console), plus each picture as {@code step-N.svg} and each record as
 * {@code step-N.json}. Static files, no script: open {@code index.html} in any browser, or archive the directory.
 */
final class HtmlReport {

    private HtmlReport() {}

    /** Writes the report of {@code build} into {@code directory} (created if needed); returns {@code index.html}. */
    static Path write(Path directory, String job, BuildOutcome build, List<StepTimeline> steps) throws IOException {
        Files.createDirectories(directory);
        StringBuilder html = new StringBuilder(65536);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape("AWS rollout report: " + job)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:16px 24px;color:#212121;background:#fafafa}\n")
                .append("section{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:8px 16px;margin:16px 0}\n")
                .append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #e0e0e0;padding:3px 8px;")
                .append("text-align:left;font-size:13px;vertical-align:top}th{background:#f5f5f5}\n")
                .append(".SUCCESS{color:#2e7d32}.FAILURE,.ABORTED,.UNSTABLE{color:#c62828}\n</style></head><body>\n")
                .append("<h1>AWS rollout report: ").append(escape(job)).append("</h1>\n<p class=\"")
                .append(build.result()).append("\">Build result: <b>").append(build.result()).append("</b>")
                .append(build.reason() == null ? "" : ": " + escape(build.reason()))
                .append(" (simulated time ").append(TimeSpan.of(build.simulated())).append(")</p>\n");
        if (steps.isEmpty()) {
            html.append("<p>No AWS step ran.</p>\n");
        }
        for (int i = 0; i < steps.size(); i++) {
            StepTimeline step = steps.get(i);
            Timeline t = step.timeline();
            String svg = TimelinePicture.svg(t);
            Files.writeString(directory.resolve("step-" + (i + 1) + ".svg"), svg, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("step-" + (i + 1) + ".json"), TimelineJson.of(t), StandardCharsets.UTF_8);
            html.append("<section id=\"step-").append(i + 1).append("\"><h2>").append(i + 1).append(". ")
                    .append(escape(step.function())).append(": ").append(escape(t.title())).append("</h2>\n<p class=\"")
                    .append(t.result() == null ? "" : t.result()).append("\">")
                    .append(t.result() == null ? "did not finish" : t.result().equals("SUCCESS") ? "succeeded" : "failed")
                    .append(t.message() == null ? "" : ": " + escape(t.message())).append("</p>\n")
                    .append(svg.replaceFirst("^<svg ", "<svg style=\"max-width:100%;height:auto\" "))
                    .append("<p><a href=\"step-").append(i + 1).append(".svg\">picture</a> &middot; <a href=\"step-")
                    .append(i + 1).append(".json\">timeline JSON</a></p>\n");
            List<SummaryRow> rows = SummaryRow.of(t.summary(), t.region());
            if (!rows.isEmpty()) {
                html.append("<table class=\"summary\"><tr><th>returned</th><th>value</th></tr>\n");
                for (SummaryRow row : rows) {
                    html.append("<tr><td>").append(escape(row.key())).append("</td><td>");
                    for (SummaryRow.Part part : row.parts()) {
                        if (part.href() == null) {
                            html.append(escape(part.text()));
                        } else {
                            html.append("<a href=\"").append(escape(part.href())).append("\">").append(escape(part.text()))
                                    .append("</a>");
                        }
                    }
                    html.append("</td></tr>\n");
                }
                html.append("</table>\n");
            }
            html.append("</section>\n");
        }
        html.append("</body></html>\n");
        Path index = directory.resolve("index.html");
        Files.writeString(index, html, StandardCharsets.UTF_8);
        return index;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
