package io.jenkins.plugins.awsrollout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.timeline.SvgPicture;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner's report of the demo pipeline (issue #20): one picture per step call with what the log says,
 * read back as SVG elements and coordinates.
 */
class TimelineReportTest {

    static final Path EXAMPLES = Path.of(System.getProperty("project.root", ".."), "docs", "examples");

    @TempDir
    static Path report;

    static BuildOutcome build;

    @BeforeAll
    static void runTheDemo() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(World.fromFile(EXAMPLES.resolve("demo-world.json")))) {
            build = PipelineRunner.on(aws).report(report).run(EXAMPLES.resolve("rolling-deploy.Jenkinsfile"));
        }
        assertThat(build.succeeded()).as(build.log()).isTrue();
    }

    static SvgPicture picture(int step) throws Exception {
        return SvgPicture.parse(Files.readString(report.resolve("step-" + step + ".svg"), StandardCharsets.UTF_8));
    }

    @Test
    void index_hasEveryStepCall_withItsPictureAndSummary() throws Exception {
        String index = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(index).contains("Build result: <b>SUCCESS</b>",
                "1. awsBakeAmi: Bake of AMI", "2. awsAsgRollout: Rollout of Auto Scaling group web",
                "3. awsAsgRollout: Rollout of Auto Scaling group web", "4. awsElbRegister: Registration",
                "5. awsCodeDeploy: CodeDeploy deployment to web-app/web-dg");
        assertThat(index.split("<svg ", -1)).hasSize(6);
        // the returned map, ids linked to the AWS console of the region
        assertThat(index).contains("<td>amiId</td><td><a href=\"https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1"
                + "#ImageDetails:imageId=ami-28ec616c0592264ac\">ami-28ec616c0592264ac</a>");
        assertThat(index).doesNotContain("<script");
    }

    @Test
    void bake_showsItsPhasesInOrder() throws Exception {
        SvgPicture bake = picture(1);
        assertThat(bake.title()).startsWith("Bake of AMI web-1-{{timestamp}}: succeeded after ");
        assertThat(bake.states("phase")).containsSubsequence("RESOLVE", "LAUNCH", "PROVISION", "IMAGE", "CLEANUP", "DONE");
        assertThat(bake.capacityCharted()).isFalse();
        // the image, region by region (the demo bakes in one)
        assertThat(bake.lanes()).containsExactly("phase", "image in us-east-1");
        assertThat(bake.states("image in us-east-1")).containsSubsequence("image pending", "image available", "ready");
    }

    @Test
    void rollout_showsCapacityAgainstItsFloor_batches_theCheckpointPause_andEveryInstance() throws Exception {
        SvgPicture roll = picture(3);
        assertThat(roll.capacityCharted()).isTrue();
        // minHealthyPercentage 100 of 6: the floor is 6 and the rollout kept it
        List<double[]> healthy = roll.points("healthy");
        List<double[]> floor = roll.points("floor");
        assertThat(healthy).isNotEmpty();
        assertThat(roll.valueAt(floor.get(0)[1])).isEqualTo(6);
        for (double[] point : healthy) {
            assertThat(roll.floorYAt(point[0])).as("floor at or below the healthy point %s", point[0])
                    .isGreaterThanOrEqualTo(point[1]);
        }
        // launch first: in service rises to the ceiling of 9 in each batch
        assertThat(roll.points("in-service")).extracting(p -> roll.valueAt(p[1])).contains(6, 9);
        assertThat(roll.points("ceiling")).extracting(p -> roll.valueAt(p[1])).containsOnly(9);
        assertThat(roll.bands()).containsExactly("batch 1", "checkpoint pause", "batch 2");
        assertThat(roll.marks()).singleElement().asString().startsWith("CHECKPOINT: 50% of the instances of web replaced");
        // six old instances leave (terminating or gone), six new ones go from Pending to healthy
        List<String> lanes = roll.lanes();
        assertThat(lanes).hasSize(13).first().isEqualTo("phase");
        List<String> launched = lanes.subList(1, 13).stream().filter(l -> roll.states(l).contains("Pending")).toList();
        assertThat(launched).hasSize(6).allSatisfy(lane -> assertThat(roll.states(lane)).last().isEqualTo("healthy"));
        assertThat(lanes.subList(1, 13)).filteredOn(lane -> !launched.contains(lane)).hasSize(6)
                .allSatisfy(lane -> assertThat(roll.states(lane)).first().isEqualTo("healthy"))
                .allSatisfy(lane -> assertThat(roll.states(lane)).last().matches(s -> s.equals("gone") || s.startsWith("Terminat")));
    }

    @Test
    void loadBalancerCheck_andCodeDeploy_haveALanePerTargetAndInstance() throws Exception {
        SvgPicture elb = picture(4);
        assertThat(elb.lanes()).hasSize(13);
        assertThat(elb.lanes().subList(1, 13)).allSatisfy(lane -> assertThat(elb.states(lane)).containsAnyOf("healthy", "InService"));
        SvgPicture deploy = picture(5);
        assertThat(deploy.lanes()).hasSize(7);
        assertThat(deploy.lanes().subList(1, 7)).allSatisfy(lane -> assertThat(deploy.states(lane)).last().isEqualTo("Succeeded"));
        assertThat(deploy.lanes().subList(1, 7)).anySatisfy(lane -> assertThat(deploy.states(lane)).anyMatch(s -> s.endsWith("InProgress")));
    }

    // ---- in a real browser ----

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Headless Chromium's screenshot of {@code page} at {@code width} x {@code height}. */
    static BufferedImage screenshot(Path page, int width, int height) throws Exception {
        Path shot = Files.createTempFile(report, "shot", ".png");
        Path profile = Files.createTempDirectory(report, "chromium");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--screenshot=" + shot, page.toUri().toString()));
        Process chromium = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(report.resolve("chromium.log").toFile()).start();
        assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).as("chromium finished within 2 minutes").isTrue();
        assertThat(chromium.exitValue()).as(Files.readString(report.resolve("chromium.log"))).isZero();
        return ImageIO.read(shot.toFile());
    }

    @Test
    void inChromium_theReportIsNotBlank_andTheFloorLiesAtOrBelowEveryHealthyPoint() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "/usr/bin/chromium is missing (Debian: apt-get install chromium): "
                + "the report is not checked in a browser");
        BufferedImage page = screenshot(report.resolve("index.html"), 1000, 1600);
        long inked = 0;
        for (int y = 0; y < page.getHeight(); y += 2) {
            for (int x = 0; x < page.getWidth(); x += 2) {
                int rgb = page.getRGB(x, y) & 0xffffff;
                inked += Math.abs((rgb >> 16) - 0xfa) + Math.abs(((rgb >> 8) & 0xff) - 0xfa) + Math.abs((rgb & 0xff) - 0xfa) > 60 ? 1 : 0;
            }
        }
        assertThat(inked).as("pixels that are not background").isGreaterThan(page.getWidth() * page.getHeight() / 4 / 50);

        // The rollout's picture alone, at 1:1: in every column of the chart, no healthy (green) pixel under the floor (red).
        BufferedImage roll = screenshot(report.resolve("step-3.svg"), 960, 660);
        int top = 46;
        int bottom = 46 + 170;
        int floorColumns = 0;
        int healthyColumns = 0;
        for (int x = 190; x < 936; x++) {
            int lowestFloor = -1;
            int lowestHealthy = -1;
            for (int y = top; y <= bottom; y++) {
                int rgb = roll.getRGB(x, y) & 0xffffff;
                if (near(rgb, 0xc62828)) {
                    lowestFloor = y;
                } else if (near(rgb, 0x2e7d32)) {
                    lowestHealthy = y;
                }
            }
            floorColumns += lowestFloor >= 0 ? 1 : 0;
            healthyColumns += lowestHealthy >= 0 ? 1 : 0;
            if (lowestFloor >= 0 && lowestHealthy >= 0) {
                // (where they are equal the floor, drawn last, covers the thicker healthy line but its edges)
                assertThat(lowestHealthy).as("healthy under the floor in column %d", x).isLessThanOrEqualTo(lowestFloor + 2);
            }
        }
        // the dashed floor runs across the chart; the healthy line shows where it rises above it
        assertThat(floorColumns).isGreaterThan((936 - 190) / 2);
        assertThat(healthyColumns).isPositive();
        ImageIO.write(roll, "png", report.resolve("rollout.png").toFile());
    }

    private static boolean near(int rgb, int color) {
        int dr = (rgb >> 16) - (color >> 16);
        int dg = ((rgb >> 8) & 0xff) - ((color >> 8) & 0xff);
        int db = (rgb & 0xff) - (color & 0xff);
        return dr * dr + dg * dg + db * db < 40 * 40;
    }
}
