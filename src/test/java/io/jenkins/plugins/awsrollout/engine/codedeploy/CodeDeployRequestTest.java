package io.jenkins.plugins.awsrollout.engine.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CodeDeployRequestTest {

    private static final Map<String, String> ENV = Map.of("JOB_NAME", "team/web", "BUILD_NUMBER", "7",
            "BUILD_URL", "https://jenkins.example.com/job/team/job/web/7/");

    private static CodeDeployRequest.Builder base() {
        return new CodeDeployRequest.Builder().environment(ENV).application("web-app").deploymentGroup("web-dg");
    }

    private static final BundleSource SOURCE = new BundleSource() {
        @Override
        public String describe() {
            return "'app' from the workspace";
        }

        @Override
        public Bundle pack() {
            return new Bundle(new byte[] {1}, "zip", 1);
        }
    };

    @Test
    void build_withDefaults_namesTheBuildAndFollowsWithStopOnAbort() {
        CodeDeployRequest request = base().s3("deploy-bundles", "web/2.0.zip", null, null, null).build();

        assertThat(request.description()).isEqualTo("Jenkins team/web #7 https://jenkins.example.com/job/team/job/web/7/");
        assertThat(request.revision()).isEqualTo(new S3Bundle("deploy-bundles", "web/2.0.zip", "zip", null, null));
        assertThat(request.waitForCompletion()).isTrue();
        assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(request.onAbort()).isEqualTo(AbortAction.STOP);
        assertThat(request.onReady()).isEqualTo(ReadyAction.WAIT);
        assertThat(request.autoRollback()).isNull();
        assertThat(request.alarms()).isNull();
    }

    static Stream<Arguments> bundleTypes() {
        return Stream.of(
                Arguments.of("web/app.zip", null, "zip"),
                Arguments.of("web/app.tar", null, "tar"),
                Arguments.of("web/app.tar.gz", null, "tgz"),
                Arguments.of("web/app.tgz", null, "tgz"),
                Arguments.of("lambda/appspec.yaml", null, "YAML"),
                Arguments.of("ecs/appspec.json", null, "JSON"),
                Arguments.of("web/bundle", "ZIP", "zip"),
                Arguments.of("web/app.zip", "yml", "YAML"));
    }

    @ParameterizedTest
    @MethodSource("bundleTypes")
    void s3_bundleType_comesFromTheKeyUnlessGiven(String key, String given, String expected) {
        S3Bundle bundle = (S3Bundle) base().s3("b-bucket", key, given, null, null).build().revision();
        assertThat(bundle.bundleType()).isEqualTo(expected);
    }

    @Test
    void source_keyNamesTheBuildAndThePrefixEndsWithASlash() {
        CodeDeployRequest request = base().source("app", SOURCE).upload("deploy-bundles", "/web/builds", "aes256", null).build();

        SourceUpload upload = (SourceUpload) request.revision();
        assertThat(upload.keyPrefix()).isEqualTo("web/builds/");
        assertThat(upload.keyName()).isEqualTo("team-web-7");
        assertThat(upload.sseAlgorithm()).isEqualTo("AES256");
        Bundle bundle = new Bundle(new byte[] {1, 2, 3}, "zip", 1);
        assertThat(upload.keyFor(bundle)).isEqualTo("web/builds/team-web-7-" + bundle.sha256().substring(0, 12) + ".zip");
    }

    @Test
    void targets_rollbackAndAlarms_areParsed() {
        CodeDeployRequest request = base().s3("deploy-bundles", "web/2.0.zip", null, null, null)
                .targetInstances(List.of("web-green"), List.of("color=green", "canary", "=blue"))
                .autoRollback(true, List.of())
                .alarms(true, List.of("web-5xx"), true)
                .onReady("Return")
                .pollIntervalSeconds(90)
                .build();

        assertThat(request.targetInstances().tagFilters()).containsExactly(
                new TargetInstances.TagFilter("color", "green", "KEY_AND_VALUE"),
                new TargetInstances.TagFilter("canary", null, "KEY_ONLY"),
                new TargetInstances.TagFilter(null, "blue", "VALUE_ONLY"));
        assertThat(request.autoRollback()).isEqualTo(new AutoRollback(true, List.of("DEPLOYMENT_FAILURE")));
        assertThat(request.alarms()).isEqualTo(new AlarmOverride(true, List.of("web-5xx"), true));
        assertThat(request.onReady()).isEqualTo(ReadyAction.RETURN);
        assertThat(request.polling().initial()).isEqualTo(Duration.ofSeconds(90));
        assertThat(request.polling().max()).isEqualTo(Duration.ofSeconds(90));
    }

    static Stream<Arguments> badInput() {
        return Stream.<Arguments>of(
                bad(b -> b.application(" "), "application is required."),
                bad(b -> b.deploymentGroup("web dg"),
                        "Invalid deploymentGroup: 'web dg' is not a CodeDeploy name (1 to 100 letters, digits and ._-+=,@/)."),
                bad(b -> b, "Nothing to deploy: set one of s3, gitHub, appSpecContent or source."),
                bad(b -> b.s3("bucket", null, null, null, null), "s3 needs both bucket and key."),
                bad(b -> b.s3("Bucket_1", "k.zip", null, null, null), "Invalid s3.bucket: 'Bucket_1' is not an S3 bucket name."),
                bad(b -> b.s3("bucket", "k.zip", "rar", null, null), "Invalid s3.bundleType: 'rar' must be zip, tar, tgz, YAML or JSON."),
                bad(b -> b.gitHub("web", "abc"), "Invalid gitHub.repository: 'web' is not owner/repository."),
                bad(b -> b.gitHub("o/web", null), "gitHub needs both repository and commitId."),
                bad(b -> b.gitHub("o/web", "abc").appSpecContent("x"), "Set only one revision: gitHub, appSpecContent were all given."),
                bad(b -> b.source("../outside", SOURCE).upload("bucket", null, null, null),
                        "Invalid source: '../outside' must be a path inside the workspace, relative to it."),
                bad(b -> b.source("/etc", SOURCE).upload("bucket", null, null, null),
                        "Invalid source: '/etc' must be a path inside the workspace, relative to it."),
                bad(b -> b.source("app", SOURCE), "source needs s3Bucket: the bucket the bundle is uploaded to."),
                bad(b -> b.source("app", SOURCE).upload("bucket", null, "DES", null), "Invalid sseAlgorithm: 'DES' must be AES256 or aws:kms."),
                bad(b -> b.appSpecContent("x").upload("bucket", null, null, null),
                        "s3Bucket, s3Prefix, sseAlgorithm and sseKmsKeyId are only used with source."),
                bad(b -> b.continueDeployment("d-ABCDEFGHI").appSpecContent("x"),
                        "continueDeployment continues an existing deployment; it cannot be combined with appSpecContent."),
                bad(b -> b.appSpecContent("x").targetInstances(List.of(), List.of()), "targetInstances needs autoScalingGroups or tagFilters."),
                bad(b -> b.appSpecContent("x").targetInstances(List.of(), List.of("=")),
                        "Invalid targetInstances.tagFilters: '=' is neither Key=Value, Key nor =Value."),
                bad(b -> b.appSpecContent("x").autoRollback(true, List.of("ON_FAILURE")),
                        "Invalid autoRollback.events: 'ON_FAILURE' must be DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM or DEPLOYMENT_STOP_ON_REQUEST."),
                bad(b -> b.appSpecContent("x").alarms(true, List.of(), false),
                        "alarms needs names (or enabled: false to turn the group's alarms off)."),
                bad(b -> b.appSpecContent("x").onReady("later"), "Invalid onReady: 'later' must be 'wait' or 'continue' or 'return'."),
                bad(b -> b.appSpecContent("x").pollIntervalSeconds(-1),
                        "Invalid pollIntervalSeconds: '-1' must be between 1 and 3600 (0: the global default)."));
    }

    private static Arguments bad(UnaryOperator<CodeDeployRequest.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void build_withBadInput_failsNamingFieldAndValue(UnaryOperator<CodeDeployRequest.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(base()).build()).isInstanceOf(OperationFailedException.class).hasMessage(message);
    }
}
