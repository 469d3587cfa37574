package io.jenkins.plugins.awsrollout.steps;

import static io.jenkins.plugins.awsrollout.steps.BakeWorld.OTHER_ACCOUNT;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.THIRD_ACCOUNT;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.assertNothingLeftBehind;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.baseAmiId;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.result;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.seededImages;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.engine.ami.BakeTags;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code awsBakeAmi} end to end on the simulator: outcomes in AWS, the calls made, the log, the returned map. */
class AwsBakeAmiStepTest {

    private SimulatedAws aws;
    private List<String> seeded;

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(BakeWorld.world().build());
        seeded = seededImages(aws);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void userData_bakesTheAmiReturnsItsIdsAndLeavesNothingElse() throws Exception {
        TestStepContext build = aws.run(BakeWorld.userDataStep());

        Map<String, Object> result = result(build);
        String amiId = (String) result.get("amiId");
        SimState.ImageView ami = aws.sim().state().image(amiId);
        assertThat(ami.name()).isEqualTo("web-1-" + SimulatedAws.EPOCH.getEpochSecond());
        assertThat(ami.state()).isEqualTo("available");
        assertThat(ami.tags()).containsEntry("app", "web").containsEntry("build", "1")
                .containsEntry(BakeTags.SOURCE_AMI, baseAmiId(aws))
                .containsEntry(BakeTags.JOB, "test")
                .containsEntry(BakeTags.BUILD_URL, "https://jenkins.example.com/job/test/1/")
                .containsKey(BakeTags.BAKE_KEY);
        assertThat(aws.sim().state().snapshots()).filteredOn(s -> ami.snapshotIds().contains(s.id()))
                .allSatisfy(s -> assertThat(s.tags()).containsEntry(BakeTags.SOURCE_AMI, baseAmiId(aws)));
        assertThat(result).containsEntry("sourceAmiId", baseAmiId(aws))
                .containsEntry("amiName", ami.name())
                .containsEntry("amis", Map.of("us-east-1", amiId))
                .containsEntry("snapshotIds", ami.snapshotIds())
                .containsEntry("reused", false)
                .containsEntry("bakeKey", ami.tags().get(BakeTags.BAKE_KEY));
        assertThat((Long) result.get("durationSeconds")).isBetween(180L, 600L);
        assertNothingLeftBehind(aws, seeded, List.of(amiId));

        // The builder: IMDSv2 required, stops itself, the wrapped script as user data, the temporary group.
        Call run = aws.sim().calls().of("RunInstances").get(0);
        assertThat(run.params()).containsEntry("MetadataOptions.HttpTokens", "required")
                .containsEntry("InstanceInitiatedShutdownBehavior", "stop")
                .containsEntry("ImageId", baseAmiId(aws))
                .containsEntry("InstanceType", "t3.micro");
        String userData = new String(Base64.getDecoder().decode(run.param("UserData")), StandardCharsets.UTF_8);
        assertThat(userData).startsWith("#!/bin/bash\n").contains("set -Eeo pipefail", "yum install -y nginx", "shutdown -h now");
        assertThat(aws.sim().calls().of("CreateSecurityGroup")).singleElement()
                .satisfies(c -> assertThat(c.param("GroupName")).startsWith("aws-rollout-bake-"));
        assertThat(aws.sim().calls().count("AuthorizeSecurityGroupIngress")).isZero();
        assertThat(aws.sim().calls().mutatingOk().stream().map(Call::action).toList()).containsExactly(
                "CreateSecurityGroup", "RunInstances", "CreateImage", "TerminateInstances", "DeleteSecurityGroup");

        assertThat(build.log()).containsSubsequence(
                "[awsBakeAmi] RESOLVE source AMI " + baseAmiId(aws) + " (base-al2023-2026.11.01",
                "[awsBakeAmi] LAUNCH created temporary security group sg-",
                "[awsBakeAmi] LAUNCH builder i-",
                "[awsBakeAmi] PROVISION user data running on i-",
                "[awsBakeAmi] PROVISION user data finished on i-",
                "[awsBakeAmi] STOP builder i-",
                "[awsBakeAmi] IMAGE creating " + amiId,
                "[awsBakeAmi] IMAGE " + amiId + " pending, snapshot snap-",
                "[awsBakeAmi] IMAGE " + amiId + " is available",
                "[awsBakeAmi] CLEANUP builder i-",
                "[awsBakeAmi] CLEANUP deleted temporary security group sg-",
                "[awsBakeAmi] DONE baked " + amiId);
    }

    @Test
    void ssmCommands_runOneByOneWithTheirOutputInTheLog() throws Exception {
        AwsBakeAmiStep step = new AwsBakeAmiStep("web-ssm-{{isotime}}");
        step.setSourceAmi(baseAmiId(aws));
        step.setIamInstanceProfile("builder");
        step.setSsmCommands(List.of("echo installing nginx\n# sim: takes 30\necho nginx installed", "echo configured"));
        step.setSecurityGroupIds(List.of(aws.sim().state().securityGroups().get(0).id()));

        TestStepContext build = aws.run(step);

        Map<String, Object> result = result(build);
        assertThat(result.get("amiName")).isEqualTo("web-ssm-20260101T000000Z");
        assertThat(build.log()).containsSubsequence(
                "[awsBakeAmi] PROVISION SSM command 1/2 'echo installing nginx; # sim: takes 30; echo nginx installed' (command ",
                "[awsBakeAmi] SSM | installing nginx",
                "[awsBakeAmi] SSM | nginx installed",
                "[awsBakeAmi] PROVISION SSM command 1/2 succeeded",
                "[awsBakeAmi] SSM | configured",
                "[awsBakeAmi] PROVISION SSM command 2/2 succeeded",
                "[awsBakeAmi] PROVISION all 2 SSM commands succeeded",
                "[awsBakeAmi] STOP stopping builder",
                "[awsBakeAmi] DONE baked");
        assertThat(aws.sim().calls().of("SendCommand")).hasSize(2)
                .allSatisfy(c -> assertThat(c.param("DocumentName")).isEqualTo("AWS-RunShellScript"));
        Call run = aws.sim().calls().of("RunInstances").get(0);
        assertThat(run.params()).doesNotContainKey("UserData").containsEntry("IamInstanceProfile.Name", "builder");
        assertThat(aws.sim().calls().count("CreateSecurityGroup")).isZero();
        assertThat(aws.sim().calls().count("StopInstances")).isEqualTo(1);
        assertNothingLeftBehind(aws, seeded, List.of((String) result.get("amiId")));
    }

    @Test
    void provisioningFailure_showsTheConsoleTailAndLeavesNothing() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("echo downloading packages\n# sim: takes 20\n# sim: fail curl: (6) Could not resolve host: mirror.internal\necho never\n");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class)
                .hasMessageMatching("The provisioning script failed on builder i-[0-9a-f]{17} with exit code 1; its last line "
                        + "was 'curl: \\(6\\) Could not resolve host: mirror.internal'\\.");
        assertThat(build.log()).containsSubsequence(
                "[awsBakeAmi] PROVISION WARNING: last 7 lines of the console output of builder i-",
                "[awsBakeAmi] CONSOLE | downloading packages",
                "[awsBakeAmi] CONSOLE | curl: (6) Could not resolve host: mirror.internal",
                "[awsBakeAmi] CONSOLE | aws-rollout-bake: FAILED",
                "[awsBakeAmi] FAILED WARNING: The provisioning script failed on builder i-",
                "[awsBakeAmi] CLEANUP terminating builder i-",
                "[awsBakeAmi] CLEANUP deleted temporary security group").doesNotContain("CONSOLE | never");
        assertThat(aws.sim().calls().count("CreateImage")).isZero();
        assertNothingLeftBehind(aws, seeded, List.of());
    }

    @Test
    void provisioningTimeout_showsTheConsoleTailAndLeavesNothing() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("echo waiting for the lock\nsleep 3600\n");
        step.setProvisionTimeoutMinutes(10);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageMatching(
                "Provisioning on builder i-[0-9a-f]{17} did not finish within 10m \\(provisionTimeoutMinutes; console output above\\)\\.");
        assertThat(build.log()).contains("[awsBakeAmi] CONSOLE | waiting for the lock");
        assertThat(aws.sim().now()).isBefore(SimulatedAws.EPOCH.plusSeconds(15 * 60));
        assertNothingLeftBehind(aws, seeded, List.of());
    }

    @Test
    void timeoutWhileImaging_deregistersTheHalfMadeAmi() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("echo a long install\n# sim: takes 200\n");
        step.setTimeoutMinutes(5);
        step.setProvisionTimeoutMinutes(4);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class)
                .hasMessageMatching("Bake of AMI web-1-\\{\\{timestamp}} timed out after 5m0[0-9]s waiting for ami-[0-9a-f]{17} "
                        + "\\(web-1-1767225600\\) to become available\\.");
        assertThat(aws.sim().calls().count("CreateImage")).isEqualTo(1);
        assertThat(build.log()).containsSubsequence("[awsBakeAmi] TIMEOUT WARNING:", "[awsBakeAmi] CLEANUP deregistered ami-");
        assertNothingLeftBehind(aws, seeded, List.of());
    }

    @Test
    void builderSlowToTerminate_afterASuccessfulBake_keepsTheAmiAndNamesWhatIsLeft() throws Exception {
        aws.close();
        aws = SimulatedAws.start(BakeWorld.world().timings(t -> t.withTerminate(java.time.Duration.ofHours(1))).build());
        seeded = seededImages(aws);

        TestStepContext build = aws.run(BakeWorld.userDataStep());

        Map<String, Object> result = result(build);
        assertThat(aws.sim().state().image((String) result.get("amiId")).state()).isEqualTo("available");
        assertThat(build.log()).containsPattern("CLEANUP WARNING: gave up waiting for builder i-[0-9a-f]+ to terminate "
                + "\\(it is shutting-down, so security group sg-[0-9a-f]+ is left too\\)")
                .contains("[awsBakeAmi] DONE baked " + result.get("amiId"));
    }

    @Test
    void skipIfUnchanged_reusesTheAmiWithTheSameBakeKey_andBakesAgainWhenTheScriptChanges() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setSkipIfUnchanged(true);
        TestStepContext first = aws.run(step);
        String firstAmi = (String) result(first).get("amiId");
        assertThat(first.log()).contains("[awsBakeAmi] REUSE no available AMI has bake key");
        aws.sim().calls().clear();

        TestStepContext second = aws.context("test", 2);
        aws.start(step, second);
        aws.runToEnd(second);

        assertThat(result(second)).containsEntry("amiId", firstAmi).containsEntry("reused", true)
                .containsEntry("amiName", "web-1-" + SimulatedAws.EPOCH.getEpochSecond())
                .containsEntry("bakeKey", (String) result(first).get("bakeKey"));
        assertThat(second.log()).contains("[awsBakeAmi] REUSE " + firstAmi + " (web-1-").contains("DONE reused " + firstAmi);
        assertThat(aws.sim().calls().mutating()).isEmpty();

        step.setUserData(BakeWorld.SCRIPT + "echo one more package\n");
        TestStepContext third = aws.context("test", 3);
        aws.start(step, third);
        aws.runToEnd(third);

        assertThat(result(third)).containsEntry("reused", false);
        assertThat(result(third).get("amiId")).isNotEqualTo(firstAmi);
        assertThat(result(third).get("bakeKey")).isNotEqualTo(result(first).get("bakeKey"));
        assertThat(aws.sim().calls().count("RunInstances")).isEqualTo(1);
    }

    @Test
    void regionsAndSharing_copyInParallelAndShareImageAndSnapshotsEverywhere() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setRegions(List.of("eu-west-1", "ap-southeast-2", "us-east-1"));
        step.setShareWithAccounts(List.of(OTHER_ACCOUNT, THIRD_ACCOUNT));
        step.setSnapshotTags(List.of("backup=none"));
        step.setDeprecateAfterDays(90);
        step.setImdsSupport("v2.0");

        TestStepContext build = aws.run(step);

        Map<String, Object> result = result(build);
        @SuppressWarnings("unchecked")
        Map<String, String> amis = (Map<String, String>) result.get("amis");
        assertThat(amis).containsOnlyKeys("us-east-1", "eu-west-1", "ap-southeast-2").containsEntry("us-east-1", (String) result.get("amiId"));
        for (Map.Entry<String, String> ami : amis.entrySet()) {
            SimState state = aws.sim().state(ami.getKey());
            SimState.ImageView image = state.image(ami.getValue());
            assertThat(image.state()).isEqualTo("available");
            assertThat(image.name()).isEqualTo(result.get("amiName"));
            assertThat(image.launchPermissionUsers()).containsExactlyInAnyOrder(OTHER_ACCOUNT, THIRD_ACCOUNT);
            assertThat(image.tags()).containsEntry("app", "web").containsEntry(BakeTags.BAKE_KEY, (String) result.get("bakeKey"));
            assertThat(image.deprecationTime()).isBetween(Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-01T01:00:00Z"));
            assertThat(state.snapshots()).filteredOn(s -> image.snapshotIds().contains(s.id())).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.createVolumeUsers()).containsExactlyInAnyOrder(OTHER_ACCOUNT, THIRD_ACCOUNT));
        }
        // Both copies start in one tick, before either is waited for.
        List<Call> copies = aws.sim().calls().of("CopyImage");
        assertThat(copies).hasSize(2).extracting(Call::region).containsExactly("eu-west-1", "ap-southeast-2");
        assertThat(copies.get(1).time()).isEqualTo(copies.get(0).time());
        assertThat(aws.sim().calls().of("EnableImageDeprecation")).hasSize(3);
        assertThat(aws.sim().calls().of("ModifyImageAttribute")).filteredOn(c -> "v2.0".equals(c.param("ImdsSupport.Value"))).hasSize(3);
        assertThat(build.log()).contains("[awsBakeAmi] COPY copying " + result.get("amiId") + " to eu-west-1 as " + amis.get("eu-west-1"),
                "[awsBakeAmi] SHARE " + amis.get("ap-southeast-2") + " in ap-southeast-2 with " + OTHER_ACCOUNT + ", " + THIRD_ACCOUNT);
        assertNothingLeftBehind(aws, seeded, amis.values());
    }

    @Test
    void encryptedAndResized_encryptTheBuildersRootVolumeAndEveryCopyWithItsRegionsKey() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setEncrypted(true);
        step.setKmsKeyId("alias/ami-us");
        step.setRegions(List.of("eu-west-1", "ap-southeast-2"));
        step.setRegionKmsKeyIds(List.of("eu-west-1=alias/ami-eu"));
        step.setRootVolumeSize(20);
        step.setIamInstanceProfile("arn:aws:iam::123456789012:instance-profile/ami-builder");

        result(aws.run(step));

        Call run = aws.sim().calls().of("RunInstances").get(0);
        assertThat(run.params()).containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/xvda")
                .containsEntry("BlockDeviceMapping.1.Ebs.Encrypted", "true")
                .containsEntry("BlockDeviceMapping.1.Ebs.KmsKeyId", "alias/ami-us")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "20")
                .containsEntry("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true")
                .containsEntry("IamInstanceProfile.Arn", "arn:aws:iam::123456789012:instance-profile/ami-builder");
        assertThat(aws.sim().calls().of("CopyImage")).extracting(c -> c.region() + " " + c.param("Encrypted") + " " + c.param("KmsKeyId"))
                .containsExactly("eu-west-1 true alias/ami-eu", "ap-southeast-2 true null");
        assertThat(aws.sim().state().instances().get(0).instanceType()).isEqualTo("t3.micro");
    }

    @Test
    void keep_deregistersOlderBakesButNeverOneALaunchTemplateStillUses() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        List<String> amis = new java.util.ArrayList<>();
        for (int number = 1; number <= 3; number++) {
            TestStepContext build = aws.context("test", number);
            aws.start(step, build);
            aws.runToEnd(build);
            amis.add((String) result(build).get("amiId"));
        }
        // A launch template version still launches the first bake.
        SimClients.of(aws.sim()).ec2().createLaunchTemplate(r -> r.launchTemplateName("web")
                .launchTemplateData(d -> d.imageId(amis.get(0)).instanceType("t3.micro")));
        List<String> secondSnapshots = aws.sim().state().image(amis.get(1)).snapshotIds();
        step.setKeep(2);

        TestStepContext build = aws.context("test", 4);
        aws.start(step, build);
        aws.runToEnd(build);

        String newest = (String) result(build).get("amiId");
        assertThat(aws.sim().state().images().stream().map(SimState.ImageView::id))
                .contains(amis.get(0), amis.get(2), newest).doesNotContain(amis.get(1));
        assertThat(aws.sim().state().snapshots().stream().map(SimState.SnapshotView::id)).doesNotContainAnyElementsOf(secondSnapshots);
        assertThat(aws.sim().state().image(BakeWorld.BASE_NAME)).isNotNull();
        assertThat(build.log()).contains(
                "[awsBakeAmi] RETENTION keeping " + amis.get(0) + " in us-east-1: still used by launch template lt-",
                "[awsBakeAmi] RETENTION us-east-1 has 4 AMIs named web-*; keeping the newest 2, deregistering 1: " + amis.get(1),
                "[awsBakeAmi] RETENTION deregistered " + amis.get(1));
    }

    @Test
    void sourceAmiFilter_picksTheNewestMatch_leavingOutDeprecatedAndOtherOwnersAmis() throws Exception {
        // A day later the base image pipeline bakes a newer base.
        aws.clock().advance(java.time.Duration.ofDays(1));
        AwsBakeAmiStep base = new AwsBakeAmiStep("base-al2023-2026.12.15");
        base.setSourceAmi(baseAmiId(aws));
        base.setUserData("echo patching\n");
        base.setTags(List.of("role=base"));
        String newerBase = (String) result(aws.run(base)).get("amiId");
        SourceAmiFilter filter = new SourceAmiFilter("base-al2023-*");
        filter.setOwners(List.of("self"));
        filter.setTags(List.of("role=base"));
        AwsBakeAmiStep app = new AwsBakeAmiStep("web-{{timestamp}}");
        app.setSourceAmiFilter(filter);
        app.setUserData("echo app\n");

        assertThat(result(runAs(app, 1))).containsEntry("sourceAmiId", newerBase);

        SimClients.of(aws.sim()).ec2().enableImageDeprecation(r -> r.imageId(newerBase).deprecateAt(aws.sim().now()));
        aws.clock().advance(java.time.Duration.ofMinutes(1));
        assertThat(result(runAs(app, 2))).containsEntry("sourceAmiId", baseAmiId(aws));

        filter.setIncludeDeprecated(true);
        assertThat(result(runAs(app, 3))).containsEntry("sourceAmiId", newerBase);

        filter.setTags(List.of("role=web"));
        TestStepContext none = runAs(app, 4);
        assertThat(none.failure()).isInstanceOf(AbortException.class).hasMessage("No available AMI in us-east-1 matches "
                + "sourceAmiFilter (name base-al2023-*, owners self, tags role=web, deprecated included).");
    }

    private TestStepContext runAs(AwsBakeAmiStep step, int buildNumber) {
        TestStepContext build = aws.context("app", buildNumber);
        try {
            aws.start(step, build);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        aws.runToEnd(build);
        return build;
    }

    @Test
    void invalidAmiName_failsBeforeAnyAwsCall() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        AwsBakeAmiStep bad = new AwsBakeAmiStep("web:${BUILD_NUMBER}");
        bad.setSourceAmiFilter(step.getSourceAmiFilter());
        bad.setUserData(step.getUserData());

        TestStepContext build = aws.run(bad);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessage(
                "Invalid amiName 'web:1': EC2 does not allow ':' in AMI names (only letters, digits, spaces and ( ) [ ] . / - ' @ _).");
        assertThat(aws.sim().calls().all()).isEmpty();
    }

    @Test
    void amiNameAlreadyTaken_failsBeforeLaunchingAnything() throws Exception {
        AwsBakeAmiStep step = new AwsBakeAmiStep(BakeWorld.BASE_NAME);
        step.setSourceAmiFilter(new SourceAmiFilter("base-al2023-*"));
        step.setUserData(BakeWorld.SCRIPT);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageStartingWith(
                "Invalid amiName 'base-al2023-2026.11.01': " + baseAmiId(aws) + " in us-east-1 already has this name");
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    @Test
    void throttling_thirtyPercentOfAllCalls_stillBakesExactlyOnce() throws Exception {
        aws.sim().faults().throttleAll(0.3);
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setRegions(List.of("eu-west-1"));

        TestStepContext build = aws.run(step);

        Map<String, Object> result = result(build);
        assertThat(aws.sim().calls().throttled()).hasSizeGreaterThan(5);
        assertThat(aws.sim().state().instances()).hasSize(1);
        assertThat(aws.sim().state().images()).filteredOn(i -> !seeded.contains(i.id())).hasSize(1);
        assertThat(aws.sim().state("eu-west-1").images()).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, String> amis = (Map<String, String>) result.get("amis");
        assertNothingLeftBehind(aws, seeded, amis.values());
    }

    @Test
    void secrets_neverReachTheLogOrTheSavedState() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        TestStepContext build = aws.context("test", 1);
        aws.start(step, build);
        BakeWorld.runUntilPhase(aws, build, io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Phase.IMAGE);
        String saved = new String(build.savedBytes(), StandardCharsets.ISO_8859_1);
        aws.runToEnd(build);

        result(build);
        assertThat(saved).contains(SimulatedAws.CREDENTIALS_ID).doesNotContain(SimulatedAws.SECRET_KEY);
        assertThat(build.log()).doesNotContain(SimulatedAws.SECRET_KEY);
        assertThat(aws.sim().calls().all()).allSatisfy(c -> assertThat(c.accessKeyId()).isEqualTo("AKIASIMDEPLOYER00001"));
    }

    @Test
    void onErrorKeep_leavesTheFailedBuilderRunningAndSaysSoLoudly() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("# sim: fail disk full\n");
        step.setOnError("keep");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageContaining("exit code 1");
        SimState.InstanceView builder = aws.sim().state().instances().get(0);
        assertThat(builder.state()).isEqualTo("running");
        assertThat(build.log()).contains("[awsBakeAmi] CLEANUP WARNING: onError is keep: builder " + builder.id()
                + " is LEFT RUNNING for debugging, with temporary security group " + builder.securityGroupIds().get(0));
        assertThat(aws.sim().calls().count("TerminateInstances")).isZero();
    }
}
