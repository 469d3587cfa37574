package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.awsrollout.config.AwsRolloutGlobalConfiguration;
import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.ScaledClock;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The four steps in a real Jenkins: a sandboxed Pipeline on the real CPS engine (stage, node, timeout) against the
 * simulator started in the test JVM on the demo world, with simulated time running {@link #SPEED} times faster than
 * the wall clock; the controller restarted in the middle of a rollout and of a bake, each finishing with nothing
 * left over. The steps run on the plugin's Jenkins runtime (Timer, global configuration, credentials store).
 */
class AwsStepsPipelineJenkinsTest {

    /** Simulated seconds per real second: a boot (45 s) or a health check (30 s) passes within one poll. */
    static final double SPEED = 60;
    static final String CREDENTIALS_ID = "sim-deployer";
    static final String ACCESS_KEY = "AKIASIMDEPLOYER00001";
    static final String RELEASE_IMAGE = "web-release-2026.12";
    private static final Path DEMO_WORLD = Path.of(System.getProperty("project.root", ".."), "docs", "examples",
            "demo-world.json");

    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private AwsSimulator sim;

    @BeforeEach
    void startSimulator() throws Exception {
        sim = demoWorld();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void allFourSteps_inStagesOnNodesUnderATimeout_sandboxed() throws Throwable {
        sessions.then(j -> {
            connect(j, sim);
            WorkflowJob p = j.createProject(WorkflowJob.class, "web");
            p.setDefinition(new CpsFlowDefinition("""
                    def bake
                    def roll
                    timeout(time: 15, unit: 'MINUTES') {
                        stage('Bake') {
                            def provision
                            node {
                                writeFile file: 'provision.sh', text: '#!/bin/bash\\necho installing nginx\\n# sim: takes 60\\n'
                                provision = readFile('provision.sh')
                            }
                            bake = awsBakeAmi amiName: 'web-${BUILD_NUMBER}-{{timestamp}}',
                                              sourceAmiFilter: [name: 'base-al2023-*', owners: ['self']],
                                              instanceType: 't3.small', userData: provision, tags: ['app=web']
                            echo "image: ${bake.amiId} from ${bake.sourceAmiId}"
                        }
                        stage('Roll out') {
                            roll = awsAsgRollout autoScalingGroup: 'web', ami: bake.amiId, strategy: 'rolling',
                                                 minHealthyPercentage: 100, maxHealthyPercentage: 150, timeoutMinutes: 10
                            echo "version ${roll.launchTemplateVersion} (was ${roll.previousLaunchTemplateVersion}), ${roll.replacedInstances.size()} replaced"
                        }
                        stage('Check load balancer') {
                            node {
                                def lb = awsElbRegister autoScalingGroup: 'web', targetGroup: 'web-tg', loadBalancer: 'web-elb'
                                echo "healthy: ${lb.targets.findAll { it.state == 'healthy' || it.state == 'InService' }.size()} of ${lb.targets.size()}"
                            }
                        }
                        stage('Deploy') {
                            def deployment = awsCodeDeploy application: 'web-app', deploymentGroup: 'web-dg',
                                                           s3: [bucket: 'deploy-bundles', key: 'web/web-1.1.0.zip'],
                                                           timeoutMinutes: 10
                            echo "deployed: ${deployment.status} on ${deployment.overview.succeeded} instances"
                        }
                    }
                    """, true));

            WorkflowRun b = j.buildAndAssertSuccess(p);

            String ami = sim.state().images().stream().filter(i -> i.name().startsWith("web-1-"))
                    .map(SimState.ImageView::id).findFirst().orElseThrow();
            j.assertLogContains("image: " + ami + " from ami-0a1b2c3d4e5f60001", b);
            j.assertLogContains("version 2 (was 1), 6 replaced", b);
            j.assertLogContains("healthy: 12 of 12", b);
            j.assertLogContains("deployed: Succeeded on 6 instances", b);
            SimState.GroupView web = sim.state().group("web");
            assertThat(web.launchTemplateVersion()).isEqualTo("2");
            assertThat(web.instances("InService")).hasSize(6).allSatisfy(i -> assertThat(i.imageId()).isEqualTo(ami));
            assertThat(web.suspendedProcesses()).isEmpty();
            assertNoBakeLeftovers(sim);
            assertThat(sim.calls().of("CreateDeployment")).hasSize(1);
            assertThat(sim.calls().all()).extracting(Call::accessKeyId).containsOnly(ACCESS_KEY);
        });
    }

    @Test
    void controllerRestart_duringARollout_finishesItWithNothingLeftOver() throws Throwable {
        sessions.then(j -> {
            connect(j, sim);
            WorkflowJob p = j.createProject(WorkflowJob.class, "roll");
            String ami = sim.state().image(RELEASE_IMAGE).id();
            p.setDefinition(new CpsFlowDefinition("""
                    def roll = awsAsgRollout autoScalingGroup: 'web', ami: '%s', strategy: 'rolling',
                                             minHealthyPercentage: 100, maxHealthyPercentage: 150
                    echo "replaced ${roll.replacedInstances.size()}, version ${roll.launchTemplateVersion}"
                    """.formatted(ami), true));
            p.scheduleBuild2(0).waitForStart();
            // Mid-rollout: the first new instances are launched, old ones are still in service.
            waitFor(() -> sim.state().group("web").instances().size() > 6);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("roll", WorkflowJob.class).getLastBuild();
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("replaced 6, version 2", b);
            SimState.GroupView web = sim.state().group("web");
            assertThat(web.launchTemplateVersion()).isEqualTo("2");
            assertThat(web.instances("InService")).hasSize(6)
                    .allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("2"));
            assertThat(web.instances()).allSatisfy(i -> assertThat(i.lifecycleState()).isIn("InService",
                    "Terminating", "Terminating:Wait", "Terminating:Proceed", "Terminated"));
            assertThat(List.of(web.minSize(), web.maxSize(), web.desiredCapacity())).containsExactly(3, 12, 6);
            assertThat(web.suspendedProcesses()).isEmpty();
            assertThat(sim.calls().of("CreateLaunchTemplateVersion")).hasSize(1);
        });
    }

    @Test
    void controllerRestart_duringABake_finishesItWithNothingLeftOver() throws Throwable {
        sessions.then(j -> {
            connect(j, sim);
            WorkflowJob p = j.createProject(WorkflowJob.class, "bake");
            p.setDefinition(new CpsFlowDefinition("""
                    def bake = awsBakeAmi amiName: 'web-{{timestamp}}', sourceAmiFilter: [name: 'base-al2023-*'],
                                          userData: '#!/bin/bash\\necho provisioning\\n# sim: takes 240\\n'
                    echo "baked ${bake.amiId}"
                    """, true));
            p.scheduleBuild2(0).waitForStart();
            // The builder instance runs the user data: the bake holds an instance and a security group in AWS.
            waitFor(() -> sim.calls().count("RunInstances") == 1);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("bake", WorkflowJob.class).getLastBuild();
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            String ami = sim.state().images().stream().filter(i -> i.name().matches("web-\\d+"))
                    .map(SimState.ImageView::id).findFirst().orElseThrow();
            j.assertLogContains("baked " + ami, b);
            assertThat(sim.state().image(ami).state()).isEqualTo("available");
            assertNoBakeLeftovers(sim);
            assertThat(sim.calls().mutatingOk()).extracting(Call::action)
                    .filteredOn(a -> a.startsWith("Create") || a.equals("RunInstances"))
                    .containsExactly("CreateSecurityGroup", "RunInstances", "CreateImage");
        });
    }

    // ---- the simulator and a controller pointed at it (shared by the other *JenkinsTest classes)

    /** The demo world, plus an image {@value #RELEASE_IMAGE} the group does not run yet. */
    static AwsSimulator demoWorld() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode world = (ObjectNode) json.readTree(DEMO_WORLD.toFile());
        ((ArrayNode) world.get("images")).addObject().put("name", RELEASE_IMAGE);
        Path file = Files.createTempFile("demo-world", ".json");
        try {
            Files.writeString(file, json.writeValueAsString(world));
            return AwsSimulator.start(World.fromFile(file),
                    ScaledClock.startingAt(Instant.now().truncatedTo(ChronoUnit.SECONDS), SPEED));
        } finally {
            Files.delete(file);
        }
    }

    /** The global configuration points every step at the simulator; the credentials are in the system store. */
    static void connect(JenkinsRule j, AwsSimulator sim) throws Exception {
        AwsRolloutGlobalConfiguration config = AwsRolloutGlobalConfiguration.get();
        config.setRegion("us-east-1");
        config.setEndpointUrl(sim.endpoint().toString());
        config.setPollIntervalSeconds(1);
        config.setMaxPollIntervalSeconds(2);
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                CREDENTIALS_ID, ACCESS_KEY, "sim/secret/key/0123456789", "the simulator", null, null, null));
        SystemCredentialsProvider.getInstance().save();
        config.setCredentialsId(CREDENTIALS_ID);
    }

    /** No builder instance running, no temporary security group, no snapshot without its image. */
    static void assertNoBakeLeftovers(AwsSimulator sim) {
        SimState state = sim.state();
        List<String> groupInstances = state.group("web").instances().stream()
                .map(SimState.GroupInstanceView::instanceId).toList();
        assertThat(state.instances()).filteredOn(i -> !groupInstances.contains(i.id()))
                .allSatisfy(i -> assertThat(i.state()).isIn("terminated", "shutting-down"));
        assertThat(state.securityGroups()).allSatisfy(g -> assertThat(g.name()).doesNotStartWith("aws-rollout-bake-"));
        List<String> imageSnapshots = state.images().stream().flatMap(i -> i.snapshotIds().stream()).toList();
        assertThat(state.snapshots()).allSatisfy(s -> assertThat(imageSnapshots).contains(s.id()));
    }

    /** Polls a condition on the simulator, for at most two minutes of real time. */
    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 2 minutes");
            }
            Thread.sleep(100);
        }
    }
}
