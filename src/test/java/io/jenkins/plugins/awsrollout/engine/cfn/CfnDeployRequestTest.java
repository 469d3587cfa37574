package io.jenkins.plugins.awsrollout.engine.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CfnDeployRequestTest {

    private static CfnDeployRequest.Builder valid() {
        return new CfnDeployRequest.Builder().stackName("web-infra").templateBody("Resources: {}")
                .environment(Map.of("JOB_NAME", "folder/infra job", "BUILD_NUMBER", "12", "BUILD_URL", "https://ci/job/12/"));
    }

    @Test
    void build_whenValid_appliesDefaultsAndNamesTheChangeSetAfterTheBuild() {
        CfnDeployRequest request = valid().parameters(List.of("Env=prod", "Empty=")).tags(List.of("app = web"))
                .capabilities(List.of("capability_iam")).upload("cfn-templates", "/stacks").build();

        assertThat(request.changeSetName()).isEqualTo("jenkins-folder-infra-job-12");
        assertThat(request.description()).isEqualTo("Jenkins folder/infra job #12 https://ci/job/12/");
        assertThat(request.parameters()).containsExactly(Map.entry("Env", "prod"), Map.entry("Empty", ""));
        assertThat(request.tags()).containsExactly(Map.entry("app", "web"));
        assertThat(request.capabilities()).containsExactly("CAPABILITY_IAM");
        assertThat(request.s3Prefix()).isEqualTo("stacks/");
        assertThat(request.onAbort()).isEqualTo(OnAbort.ROLLBACK);
        assertThat(request.failOnError()).isTrue();
        assertThat(request.timeout().toMinutes()).isEqualTo(60);
    }

    @Test
    void build_whenParametersComeFromAFileAndEntries_theEntriesWin() {
        CfnDeployRequest request = valid().parametersFile("p.json", "{\"Env\": \"staging\", \"Size\": 4}")
                .parameters(List.of("Env=prod")).build();
        assertThat(request.parameters()).containsExactly(Map.entry("Env", "prod"), Map.entry("Size", "4"));
    }

    static List<Arguments> badInput() {
        return List.of(
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.stackName(" "), "stackName is required."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.stackName("1web"),
                        "Invalid stackName: '1web' is not a stack name"),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.templateBody(null),
                        "No template: set template (a file in the workspace), templateBody or templateUrl."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.templateUrl("https://b.s3.amazonaws.com/t.yaml"),
                        "Set only one of template, templateBody and templateUrl: templateBody, templateUrl were all given."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.templateBody(null).templateFile("web.yaml", null),
                        "Invalid template: 'web.yaml' is not in the workspace."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.templateBody(null).templateUrl("s3://b/t.yaml"),
                        "Invalid templateUrl: 's3://b/t.yaml' is not an https URL"),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.parameters(List.of("Env")),
                        "Invalid parameters: 'Env' is not Key=Value."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.parameters(List.of("A=1", "A=2")),
                        "Invalid parameters: A is given twice."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.tags(List.of("app")), "Invalid tags: 'app' is not Key=Value."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.capabilities(List.of("CAPABILITY_ALL")),
                        "Invalid capabilities: 'CAPABILITY_ALL' is not CAPABILITY_IAM"),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.stackRoleArn("deployer"),
                        "Invalid stackRoleArn: 'deployer' is not an IAM role ARN"),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.notificationArns(List.of("topic")),
                        "Invalid notificationArns: 'topic' is not an SNS topic ARN."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.protectResources(List.of("Web-Group")),
                        "Invalid protectResources: 'Web-Group' is not a logical id"),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.upload("My_Bucket", null),
                        "Invalid s3Bucket: 'My_Bucket' is not an S3 bucket name."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.templateBody("x".repeat(51_201)),
                        "The template templateBody is 51201 bytes, over CloudFormation's 51200-byte limit"),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.timeoutMinutes(0),
                        "Invalid timeoutMinutes: '0' must be between 1 and 10080 (a week)."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.onAbort("stop"),
                        "Invalid onAbort: 'stop' must be 'rollback' or 'leave'."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.parametersFile("p.json", "[{\"ParameterValue\": \"x\"}]"),
                        "Invalid parametersFile 'p.json': every entry needs a ParameterKey."),
                Arguments.of((UnaryOperator<CfnDeployRequest.Builder>) b -> b.parametersFile("p.json", "not json"),
                        "Invalid parametersFile 'p.json': not JSON"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void build_whenInputIsBad_namesTheFieldAndTheValue(UnaryOperator<CfnDeployRequest.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build()).isInstanceOf(OperationFailedException.class)
                .hasMessageStartingWith(message);
    }
}
