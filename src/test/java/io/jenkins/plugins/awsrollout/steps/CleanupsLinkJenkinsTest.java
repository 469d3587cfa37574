package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Manage Jenkins » AWS Rollout cleanups: administrators only, and giving a cleanup up takes a POST. */
@WithJenkins
class CleanupsLinkJenkinsTest {

    @Test
    void page_isForAdministratorsAndGiveUpTakesAPost(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("dev"));

        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        HtmlPage page = admin.goTo("manage/" + CleanupsLink.URL_NAME + "/");
        assertThat(page.asNormalizedText()).contains("AWS Rollout cleanups", "No cleanup is pending or finished lately.");
        assertThat(ControllerCleanups.get().ledger().entries()).isEmpty();
        assertThat(new CleanupsMonitor().isActivated()).isFalse();

        JenkinsRule.WebClient dev = j.createWebClient().login("dev");
        dev.setThrowExceptionOnFailingStatusCode(false);
        assertThat(dev.goTo("manage/" + CleanupsLink.URL_NAME + "/").getWebResponse().getStatusCode()).isEqualTo(403);

        admin.setThrowExceptionOnFailingStatusCode(false);
        WebRequest get = new WebRequest(admin.createCrumbedUrl("manage/" + CleanupsLink.URL_NAME + "/giveUp?id=x"), HttpMethod.GET);
        // Stapler does not dispatch a GET to a @POST method at all: 404 (a @RequirePOST one would answer 405).
        assertThat(admin.getPage(get).getWebResponse().getStatusCode()).isIn(404, 405);
    }

}
