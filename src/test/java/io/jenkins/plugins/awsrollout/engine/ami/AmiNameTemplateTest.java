package io.jenkins.plugins.awsrollout.engine.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmiNameTemplateTest {

    private static final Map<String, String> ENV = Map.of(
            "BUILD_NUMBER", "42", "JOB_NAME", "platform/web", "JOB_BASE_NAME", "web", "BRANCH_NAME", "main",
            "BUILD_TAG", "jenkins-web-42");
    private static final Instant AT = Instant.parse("2026-11-01T09:30:05Z");

    @Test
    void of_expandsVariablesNowAndTimeTokensAtTheBake_withTheRetentionPrefix() {
        String[][] table = {
            // template, name at AT, retention prefix
            {"web-${BUILD_NUMBER}-{{timestamp}}", "web-42-1793525405", "web-"},
            {"${JOB_BASE_NAME}-{{isotime}}", "web-20261101T093005Z", "web-"},
            {"${JOB_NAME}/${BRANCH_NAME} ${BUILD_TAG}", "platform/web/main jenkins-web-42", "platform/web/main "},
            {"web-${BRANCH_NAME}-${BUILD_NUMBER}", "web-main-42", "web-main-"},
            {"web-{{ timestamp }}", "web-1793525405", "web-"},
            {"web-42", "web-42", "web-"},
            {"base-al2023-2026.11.01", "base-al2023-2026.11.01", "base-al2023-"},
            {"(web) [x] it's @ home_1.0", "(web) [x] it's @ home_1.0", "(web) [x] it's @ home_"},
        };
        for (String[] row : table) {
            AmiNameTemplate template = AmiNameTemplate.of(row[0], ENV);

            assertThat(template.expand(AT)).as(row[0]).isEqualTo(row[1]);
            assertThat(template.retentionPrefix()).as(row[0]).isEqualTo(row[2]);
        }
    }

    @Test
    void of_whenTheExpandedNameBreaksEc2sRules_failsNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> AmiNameTemplate.of("web:${BUILD_NUMBER}", ENV))
                .isInstanceOf(OperationFailedException.class)
                .hasMessage("Invalid amiName 'web:42': EC2 does not allow ':' in AMI names "
                        + "(only letters, digits, spaces and ( ) [ ] . / - ' @ _).");
        assertThatThrownBy(() -> AmiNameTemplate.of("${JOB_NAME}%{{timestamp}}", ENV))
                .hasMessage("Invalid amiName 'platform/web%1767225600': EC2 does not allow '%' in AMI names "
                        + "(only letters, digits, spaces and ( ) [ ] . / - ' @ _).");
        assertThatThrownBy(() -> AmiNameTemplate.of("ab", ENV))
                .hasMessage("Invalid amiName 'ab': it has 2 characters; EC2 allows 3 to 128.");
        assertThatThrownBy(() -> AmiNameTemplate.of("x".repeat(120) + "-{{timestamp}}", ENV))
                .hasMessageContaining("it has 131 characters; EC2 allows 3 to 128");
        assertThatThrownBy(() -> AmiNameTemplate.of("web-${GIT_SHA}", ENV))
                .hasMessage("Invalid amiName 'web-${GIT_SHA}': ${GIT_SHA} is not set in this build.");
        assertThatThrownBy(() -> AmiNameTemplate.of("web-{{uuid}}", ENV))
                .hasMessage("Invalid amiName 'web-{{uuid}}': {{uuid}} is not a known token (use {{timestamp}} or {{isotime}}).");
        assertThatThrownBy(() -> AmiNameTemplate.of(" web-{{timestamp}}", ENV))
                .hasMessage("Invalid amiName ' web-1767225600': it starts or ends with a space.");
    }

    @Test
    void checkAmiName_forTheForm_treatsUnknownVariablesAsNumbers() {
        assertThat(BakeInput.checkAmiName("web-${BUILD_NUMBER}-{{timestamp}}")).isEmpty();
        assertThat(BakeInput.checkAmiName("${ANYTHING}-web")).isEmpty();
        assertThat(BakeInput.checkAmiName("web#${BUILD_NUMBER}")).hasValue(
                "EC2 does not allow '#' in AMI names (only letters, digits, spaces and ( ) [ ] . / - ' @ _)");
    }
}
