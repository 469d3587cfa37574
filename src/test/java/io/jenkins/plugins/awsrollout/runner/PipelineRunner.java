package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs a scripted Jenkinsfile without Jenkins, against the AWS simulator: our steps are the real {@code Step}
 * classes, bound from the script's arguments as Pipeline binds them and driven through a test step context on the
 * run's time; the Pipeline steps around them ({@code node}, {@code stage}, {@code timeout}, {@code parallel}...)
 * behave and log as in Jenkins.
 *
 * <pre>{@code
 * try (SimulatedAws aws = SimulatedAws.start(world)) {
 *     BuildOutcome build = PipelineRunner.on(aws).run(Path.of("docs/examples/rolling-deploy.Jenkinsfile"));
 *     assertThat(build.result()).isEqualTo(Result.SUCCESS);
 * }
 * }</pre>
 */
public final class PipelineRunner {

    private final Timeline timeline;
    private StepCatalog catalog;
    private Path workspace;
    private String jobName;
    private int buildNumber = 1;
    private PrintStream echo;
    private Path report;

    private PipelineRunner(Timeline timeline) {
        this.timeline = timeline;
    }

    /** On virtual time, on {@code aws}'s simulator and runtime (the caller closes {@code aws}). */
    public static PipelineRunner on(SimulatedAws aws) {
        return new PipelineRunner(new VirtualTimeline(aws));
    }

    static PipelineRunner on(Timeline timeline) {
        return new PipelineRunner(timeline);
    }

    /** The steps the script can call (default: every step of our packages on the class path). */
    public PipelineRunner catalog(StepCatalog value) {
        this.catalog = value;
        return this;
    }

    /** The directory {@code readFile}, {@code writeFile} and {@code fileExists} work in (default: the Jenkinsfile's). */
    public PipelineRunner workspace(Path value) {
        this.workspace = value;
        return this;
    }

    /** The job's name (default: the Jenkinsfile's name without extension) and the build's number (default 1). */
    public PipelineRunner job(String name, int number) {
        this.jobName = name;
        this.buildNumber = number;
        return this;
    }

    /** Also writes the build log to {@code out} as it goes. */
    public PipelineRunner echoTo(PrintStream out) {
        this.echo = out;
        return this;
    }

    /** Also writes the report of the step calls' timelines into {@code directory} ({@code index.html}, issue #20). */
    public PipelineRunner report(Path directory) {
        this.report = directory;
        return this;
    }

    public BuildOutcome run(Path jenkinsfile) {
        Path file = jenkinsfile.toAbsolutePath().normalize();
        Path directory = workspace != null ? workspace.toAbsolutePath().normalize() : file.getParent();
        String job = jobName != null ? jobName : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        StepBinder binder = new StepBinder(catalog != null ? catalog : StepCatalog.scan());
        PipelineRun run = new PipelineRun(timeline, binder, directory, job, buildNumber, new LogListener(echo));
        BuildOutcome outcome = run.run(file);
        if (report != null) {
            try {
                HtmlReport.write(report, job, outcome, run.timelines());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not write the report to " + report, e);
            }
        }
        return outcome;
    }
}
