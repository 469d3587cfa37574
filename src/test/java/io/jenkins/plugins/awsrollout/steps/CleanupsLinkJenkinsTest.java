package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.ScriptedOperation;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void abortPathHeldByItsStep_isShownRunningInItsBuild_andCannotBeGivenUp(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy().grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(10), Duration.ofHours(1), 2);
        DurableOperation<?> aborting = new DurableOperation<>(
                new AwsTarget("eu-west-1", null, "deployer", null, null, "jenkins-deploy-3"),
                OperationRun.begin(op, Instant.now()).abort(AbortReason.STOPPED, "Scripted operation was stopped."));
        CleanupLedger ledger = ControllerCleanups.get().ledger();
        assertThat(ledger.hold("held-1", 0, "awsTest", "deploy#3", null, aborting)).isEqualTo(1);

        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        HtmlPage page = admin.goTo("manage/" + CleanupsLink.URL_NAME + "/");
        assertThat(page.asNormalizedText()).contains("deploy #3", "Scripted operation: aborting: waiting for step 1 of the script",
                "region eu-west-1, credentials deployer", "running in its build (lease until ");
        assertThat(page.getForms()).noneMatch(f -> "giveUp".equals(f.getAttribute("name")));

        // A POST to give it up is refused while its step holds it: the step keeps driving it.
        WebRequest post = new WebRequest(admin.createCrumbedUrl("manage/" + CleanupsLink.URL_NAME + "/giveUp?id=held-1"),
                HttpMethod.POST);
        admin.getPage(post);
        assertThat(ledger.entry("held-1")).satisfies(e -> assertThat(e.held()).isTrue());
        assertThat(new CleanupsMonitor().isActivated()).isFalse();
        assertThat(ledger.release("held-1", 1)).isTrue();
    }

}
