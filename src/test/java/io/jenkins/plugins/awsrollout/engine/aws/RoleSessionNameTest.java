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

    @Test
    void forBuild_namesWhatSanitisingConfuses_apartWithAShortHashOfTheBuildId() {
        String a = RoleSessionName.forBuild("team-a/deploy#7", "team-a/deploy", "7");
        String b = RoleSessionName.forBuild("team/a-deploy#7", "team/a-deploy", "7");

        assertThat(RoleSessionName.of("team-a/deploy", "7")).isEqualTo(RoleSessionName.of("team/a-deploy", "7"));
        assertThat(a).startsWith("jenkins-team-a-deploy-7-").matches("jenkins-team-a-deploy-7-[0-9a-f]{10}");
        assertThat(b).startsWith("jenkins-team-a-deploy-7-").isNotEqualTo(a);
        assertThat(RoleSessionName.forBuild("team-a/deploy#7", "team-a/deploy", "7")).as("stable for one build").isEqualTo(a);
    }

    @Test
    void forBuild_longPathsThatShareTheirEnd_stayDistinctAndValid() {
        String tail = "/service-name-web-frontend-and-a-long-suffix-that-fills-the-room";
        String a = RoleSessionName.forBuild("org-one" + tail + "#123456", "org-one" + tail, "123456");
        String b = RoleSessionName.forBuild("org-two" + tail + "#123456", "org-two" + tail, "123456");

        assertThat(a).hasSize(64).matches("[\\w+=,.@-]{2,64}").isNotEqualTo(b);
        assertThat(a.substring(0, a.length() - 10)).isEqualTo(b.substring(0, b.length() - 10));
        assertThat(RoleSessionName.forBuild("x#" + "9".repeat(80), "x", "9".repeat(80))).hasSize(64).matches("[\\w+=,.@-]{2,64}");
    }
}
