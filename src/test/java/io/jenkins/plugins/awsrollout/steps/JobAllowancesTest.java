package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13, defect 3: a Jenkinsfile reaches only the roles and endpoints an administrator allowed. Every step asks
 * for something outside the allow-lists in turn: each fails before any AWS call, naming the field, the value and the
 * setting an administrator must change; what is allowed works.
 */
class JobAllowancesTest {

    private static final String GLOBAL_ROLE = "arn:aws:iam::123456789012:role/Deployer";
    private static final List<String> ROLES = List.of("arn:aws:iam::123456789012:role/deploy-*");

    private SimulatedAws aws;

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(AsgWorlds.web(2).accountId("123456789012").build());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    /** The simulator is the global endpoint. */
    private void limits(List<String> roles, List<String> endpoints) {
        limits(roles, endpoints, aws.sim().endpoint().toString());
    }

    private void limits(List<String> roles, List<String> endpoints, String globalEndpoint) {
        AwsDefaults sim = aws.defaults();
        aws.runtime().withDefaults(new AwsDefaults(sim.region(), SimulatedAws.CREDENTIALS_ID, GLOBAL_ROLE, null,
                globalEndpoint, sim.pollInterval(), sim.maxPollInterval(), sim.retry(), false, roles, endpoints));
    }

    private static Stream<AwsStepBase> everyStep() {
        AwsAsgRolloutStep rollout = dryRun();
        AwsElbRegisterStep register = new AwsElbRegisterStep();
        register.setTargetGroup("web-tg");
        register.setInstanceIds(List.of("i-0123456789abcdef0"));
        AwsCodeDeployStep deploy = new AwsCodeDeployStep("app", "group");
        deploy.setAppSpecContent("version: 0.0\nos: linux\n");
        AwsBakeAmiStep bake = new AwsBakeAmiStep("baked-1");
        bake.setSourceAmi("ami-0123456789abcdef0");
        bake.setUserData("#!/bin/sh\necho ok\n");
        return Stream.of(rollout, register, deploy, bake);
    }

    private static AwsAsgRolloutStep dryRun() {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setMinHealthyPercentage(50);
        step.setDryRun(true);
        return step;
    }

    static Stream<Arguments> refusals() {
        List<Arguments> cases = List.of(
                Arguments.of("a role outside the list", (Consumer<AwsStepBase>) s -> s.setRoleArn("arn:aws:iam::123456789012:role/admin"),
                        "roleArn 'arn:aws:iam::123456789012:role/admin' is not allowed for jobs: an administrator must add it, "
                                + "or a pattern matching it such as arn:aws:iam::123456789012:role/*, to \"Roles jobs may assume\""),
                Arguments.of("a role of another account", (Consumer<AwsStepBase>) s -> s.setRoleArn("arn:aws:iam::999999999999:role/deploy-web"),
                        "roleArn 'arn:aws:iam::999999999999:role/deploy-web' is not allowed for jobs: an administrator must add it, "
                                + "or a pattern matching it such as arn:aws:iam::999999999999:role/deploy-*, to \"Roles jobs may assume\""),
                Arguments.of("an endpoint outside the list", (Consumer<AwsStepBase>) s -> s.setEndpointUrl("https://collector.example.com"),
                        "endpointUrl 'https://collector.example.com' is not allowed for jobs: an administrator must add it to "
                                + "\"Endpoints jobs may use\" in Manage Jenkins » System » AWS Rollout, or leave endpointUrl empty"),
                Arguments.of("plain http to another host, even when listed", (Consumer<AwsStepBase>) s -> s.setEndpointUrl("http://10.0.0.5:4566"),
                        "Invalid endpointUrl: 'http://10.0.0.5:4566' would send signed requests and session tokens unencrypted: use https"));
        return cases.stream().flatMap(c -> everyStep().map(step -> Arguments.of(c.get()[0], step.functionName(), step, c.get()[1], c.get()[2])));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("refusals")
    void stepAskingForWhatIsNotAllowed_failsBeforeAnyAwsCall(String what, String function, AwsStepBase step,
            Consumer<AwsStepBase> ask, String message) throws Exception {
        limits(ROLES, List.of("http://10.0.0.5:4566"));
        ask.accept(step);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).as(what).isNotNull().hasMessageContaining(message);
        assertThat(aws.sim().calls().all()).as("calls made").isEmpty();
    }

    @Test
    void allowedRolePattern_isAssumedAsTheBuild() throws Exception {
        limits(ROLES, List.of());
        AwsAsgRolloutStep step = dryRun();
        step.setRoleArn("arn:aws:iam::123456789012:role/deploy-web");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().of("AssumeRole")).singleElement()
                .satisfies(c -> assertThat(c.param("RoleArn")).isEqualTo("arn:aws:iam::123456789012:role/deploy-web"));
        assertThat(aws.sim().calls().matching(c -> !c.action().equals("AssumeRole")))
                .allSatisfy(c -> assertThat(c.callerArn()).contains(":assumed-role/deploy-web/jenkins-test-1-"));
    }

    @Test
    void withEmptyLists_theGlobalRoleAndEndpoint_stayAllowed_alsoWhenAStepNamesThem() throws Exception {
        limits(List.of(), List.of());
        AwsAsgRolloutStep step = dryRun();
        step.setRoleArn(GLOBAL_ROLE);
        step.setEndpointUrl(aws.sim().endpoint() + "/");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().of("AssumeRole")).extracting(c -> c.param("RoleArn")).containsExactly(GLOBAL_ROLE);
    }

    @Test
    void allowedEndpoint_isUsed() throws Exception {
        // The global endpoint is elsewhere (never called); the list allows the simulator.
        limits(List.of(), List.of(aws.sim().endpoint().toString()), "https://global.example.com");
        AwsAsgRolloutStep step = dryRun();
        step.setEndpointUrl(aws.sim().endpoint() + "/");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().all()).isNotEmpty().allMatch(Call::ok);
    }
}
