package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, defect 5: {@code awsBakeAmi}'s user data and SSM commands end up readable (EC2 user data, SSM command
 * history, the step's recorded arguments), so a value holding a secret the build bound is refused before any AWS call,
 * naming the parameter and the variable and never the value, unless {@code allowSecretsInScript: true}.
 */
class ScriptSecretsTest {

    private static final String TOKEN = "s3cr3t-registration-token-81f2";

    private SimulatedAws aws;

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(BakeWorld.world().build());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private TestStepContext run(AwsBakeAmiStep step) throws Exception {
        TestStepContext build = aws.context("images/web", 4).withSecret("REGISTRY_TOKEN", TOKEN).withSecret("EMPTY", "");
        build.env().put("NOT_SECRET", "echo");
        aws.start(step, build);
        aws.runToEnd(build);
        return build;
    }

    @Test
    void userDataHoldingASecret_isRefusedBeforeAnyAwsCall_namingTheVariableNotTheValue() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("echo login\ndocker login -p " + TOKEN + " registry.example.com\n");

        TestStepContext build = run(step);

        assertThat(build.failure()).hasMessageStartingWith("userData contains the value of REGISTRY_TOKEN, a secret bound in this build: "
                + "userData ends up in EC2 user data, SSM command history and the step's recorded arguments")
                .hasMessageContaining("set allowSecretsInScript: true").hasMessageNotContaining(TOKEN);
        assertThat(build.log()).doesNotContain(TOKEN);
        assertThat(aws.sim().calls().all()).isEmpty();
    }

    @Test
    void anSsmCommandHoldingASecret_isRefusedNamingTheParameter() throws Exception {
        AwsBakeAmiStep step = new AwsBakeAmiStep("web-{{timestamp}}");
        step.setSourceAmiFilter(new SourceAmiFilter("base-al2023-2026.11.*"));
        step.setIamInstanceProfile("builder");
        step.setSsmCommands(List.of("echo fine", "curl -H 'Authorization: " + TOKEN + "' https://registry.example.com"));

        TestStepContext build = run(step);

        assertThat(build.failure()).hasMessageStartingWith("ssmCommands contains the value of REGISTRY_TOKEN, a secret bound in this build")
                .hasMessageNotContaining(TOKEN);
        assertThat(aws.sim().calls().all()).isEmpty();
    }

    @Test
    void aScriptWithoutSecretValues_runs_evenWhenItNamesTheVariableOrHoldsOrdinaryValues() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("echo uses $REGISTRY_TOKEN from Parameter Store, not its value\n");

        TestStepContext build = run(step);

        assertThat(build.failure()).isNull();
    }

    @Test
    void allowSecretsInScript_acceptsIt() throws Exception {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("echo " + TOKEN + " > /etc/registry-token\n");
        step.setAllowSecretsInScript(true);

        TestStepContext build = run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().of("RunInstances")).hasSize(1);
    }
}
