package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.aws.RetrySettings;
import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ScaledClock;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.LogManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Runs a Jenkinsfile against the AWS simulator and prints its build log:
 * {@code mvn -B -q -f offline/pom.xml test-compile exec:java@run-jenkinsfile -Djenkinsfile=FILE [-Dsim.world=FILE] [-Dsim.speed=N]}.
 *
 * <p>System properties: {@code jenkinsfile} (default {@code docs/examples/rolling-deploy.Jenkinsfile}),
 * {@code sim.world} (default {@code docs/examples/demo-world.json}), both relative to {@code project.root};
 * {@code report} (default {@code target/aws-rollout-report}): where {@code index.html} with every step call's timeline
 * picture goes; {@code sim.speed}: unset for virtual time (the run takes seconds whatever the simulated duration), or N to run on
 * the simulator's real clock at N simulated seconds per second. Exits 0 on SUCCESS, 1 when the build did not
 * succeed (the reason is the last line), 2 when it could not run at all.
 */
public final class RunJenkinsfile {

    static final String DEFAULT_JENKINSFILE = "docs/examples/rolling-deploy.Jenkinsfile";
    static final String DEFAULT_WORLD = "docs/examples/demo-world.json";
    static final String DEFAULT_REPORT = "target/aws-rollout-report";

    private RunJenkinsfile() {}

    public static void main(String[] args) {
        // The simulator, the SDK and the step driver log through java.util.logging; the build log is what counts.
        LogManager.getLogManager().reset();
        int code = run(System.out);
        System.out.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs what the system properties say, printing to {@code out}; returns the exit code. */
    static int run(PrintStream out) {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        Path jenkinsfile = root.resolve(property("jenkinsfile", DEFAULT_JENKINSFILE)).normalize();
        Path worldFile = root.resolve(property("sim.world", DEFAULT_WORLD)).normalize();
        String speed = property("sim.speed", null);
        Path report = root.resolve(property("report", DEFAULT_REPORT)).normalize();
        long realStart = System.nanoTime();
        BuildOutcome outcome;
        try {
            if (!Files.isRegularFile(jenkinsfile)) {
                throw new NoSuchFileException(jenkinsfile.toString(), null, "no such Jenkinsfile");
            }
            World world = World.fromFile(worldFile);
            try (Timeline timeline = speed == null ? virtual(world) : scaled(world, Double.parseDouble(speed))) {
                out.println("Started by local runner");
                out.println("Running " + shown(root, jenkinsfile) + " against the AWS simulator ("
                        + shown(root, worldFile) + ", " + timeline.describe() + ")");
                out.println("Report (written when the build ends): " + report.resolve("index.html").toUri());
                outcome = PipelineRunner.on(timeline).echoTo(out).report(report).run(jenkinsfile);
            }
        } catch (IOException | RuntimeException e) {
            out.println("run-jenkinsfile: could not run " + jenkinsfile + ": " + e);
            return 2;
        }
        Duration real = Duration.ofNanos(System.nanoTime() - realStart);
        out.println("Simulated time: " + TimeSpan.of(outcome.simulated()) + " (real time: " + TimeSpan.of(real) + ")");
        if (outcome.succeeded()) {
            return 0;
        }
        out.println(outcome.result() + ": " + outcome.reason());
        return 1;
    }

    private static Timeline virtual(World world) {
        return new VirtualTimeline(SimulatedAws.start(world));
    }

    private static Timeline scaled(World world, double speed) {
        ScaledClock clock = ScaledClock.startingAt(SimulatedAws.EPOCH, speed);
        AwsSimulator sim = AwsSimulator.start(world, clock);
        AwsDefaults defaults = new AwsDefaults(sim.region(), null, null, null, sim.endpoint().toString(),
                AwsDefaults.DEFAULT_POLL_INTERVAL, AwsDefaults.DEFAULT_MAX_POLL_INTERVAL,
                new RetrySettings(false, 4, Duration.ofMillis(1)));
        return new ScaledTimeline(sim, clock, defaults, Map.of(SimulatedAws.CREDENTIALS_ID, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIASIMDEPLOYER00001", SimulatedAws.SECRET_KEY))));
    }

    /** A path as the user wrote it: relative to the project when it is inside it. */
    private static Path shown(Path root, Path path) {
        return path.startsWith(root) ? root.relativize(path) : path;
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
