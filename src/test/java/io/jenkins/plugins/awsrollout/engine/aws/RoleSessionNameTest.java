package io.jenkins.plugins.awsrollout.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleSessionNameTest {

    @Test
    void of_namesJobAndBuild() {
        assertThat(RoleSessionName.of("web-deploy", "42")).isEqualTo("jenkins-web-deploy-42");
    }

    @Test
    void of_replacesWhatStsRejects() {
        assertThat(RoleSessionName.of("team a/web deploy (prod)", "7")).isEqualTo("jenkins-team-a-web-deploy--prod--7");
    }

    @Test
    void of_keepsTheEndOfLongFolderPathsAndTheBuildNumber() {
        String name = RoleSessionName.of("org/very-long-folder-name/another-long-folder/service-name-web-frontend", "123456");

        assertThat(name).hasSize(64).startsWith("jenkins-").endsWith("service-name-web-frontend-123456")
                .matches("[\\w+=,.@-]{2,64}");
    }

    @Test
    void of_withNothingKnown_stillValid() {
        assertThat(RoleSessionName.of("", "")).isEqualTo("jenkins-job-0");
    }
}
