package io.jenkins.plugins.awsrollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsRolloutGlobalConfiguration;
import io.jenkins.plugins.awsrollout.steps.AwsAsgRolloutStep;
import io.jenkins.plugins.awsrollout.steps.AwsStepDescriptor;
import java.util.concurrent.Callable;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue #13 (plugin build only): every form endpoint of the global configuration and of the steps' connection fields,
 * called by a user who lacks the permission, answers nothing (an empty list, "ok" for any value) or is refused; an
 * administrator (or a job configurer, for a step's fields) gets the real answer. The endpoints only answer POST. The
 * global configuration page needs Overall/Administer, not Manage.
 */
@WithJenkins
class SecurityBoundariesJenkinsTest {

    private static final String BAD_ROLE = "not-a-role";

    private JenkinsRule j;
    private FreeStyleProject job;
    private AwsRolloutGlobalConfiguration config;
    private AwsStepDescriptor step;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        job = j.createFreeStyleProject("deploy");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).onItems(job).to("configurer"));
        config = AwsRolloutGlobalConfiguration.get();
        step = (AwsStepDescriptor) j.jenkins.getDescriptorByType(AwsAsgRolloutStep.DescriptorImpl.class);
    }

    private <T> T as(String user, Callable<T> call) throws Exception {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return call.call();
        }
    }

    @Test
    void globalChecks_withoutAdminister_validateNothing() throws Exception {
        for (String user : new String[] {"reader", "configurer"}) {
            assertThat(as(user, () -> config.doCheckRoleArn(BAD_ROLE)).kind).as(user).isEqualTo(FormValidation.Kind.OK);
            assertThat(as(user, () -> config.doCheckRegion("nowhere 1")).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(as(user, () -> config.doCheckExternalId("x")).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(as(user, () -> config.doCheckEndpointUrl("ftp://x")).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(as(user, () -> config.doCheckPollIntervalSeconds("0")).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(as(user, () -> config.doCheckMaxPollIntervalSeconds("0")).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(as(user, () -> config.doCheckApiMaxAttempts("0")).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(as(user, () -> config.doCheckRolesJobsMayAssume(BAD_ROLE)).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(as(user, () -> config.doCheckEndpointsJobsMayUse("http://10.0.0.5")).kind).isEqualTo(FormValidation.Kind.OK);
        }
        assertThat(as("admin", () -> config.doCheckRoleArn(BAD_ROLE)).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(as("admin", () -> config.doCheckRolesJobsMayAssume(BAD_ROLE)).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(as("admin", () -> config.doCheckEndpointsJobsMayUse("http://10.0.0.5")).kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void globalFills_withoutAdminister_listNothing() throws Exception {
        assertThat(as("reader", () -> config.doFillRegionItems())).isEmpty();
        assertThat(as("admin", () -> config.doFillRegionItems())).isNotEmpty();
        ListBoxModel credentials = as("reader", () -> config.doFillCredentialsIdItems("current-id"));
        assertThat(credentials).extracting(o -> o.value).containsExactly("current-id");
    }

    @Test
    void globalTestConnection_withoutAdminister_isRefused() throws Exception {
        assertThatThrownBy(() -> as("configurer", () -> config.doTestConnection("us-east-1", "", "", "", "")))
                .isInstanceOf(AccessDeniedException3.class);
    }

    @Test
    void globalPage_needsAdminister() {
        assertThat(config.getRequiredGlobalConfigPagePermission()).isEqualTo(Jenkins.ADMINISTER);
    }

    @Test
    void stepChecks_withoutConfigure_validateAndListNothing() throws Exception {
        assertThat(as("reader", () -> step.doCheckRoleArn(job, BAD_ROLE)).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(as("reader", () -> step.doCheckRegion(job, "nowhere 1")).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(as("reader", () -> step.doCheckExternalId(job, "x")).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(as("reader", () -> step.doCheckEndpointUrl(job, "ftp://x")).kind).isEqualTo(FormValidation.Kind.OK);
        ComboBoxModel regions = as("reader", () -> step.doFillRegionItems(job));
        assertThat(regions).isEmpty();
        assertThat(as("reader", () -> step.doFillCredentialsIdItems(job, "current-id"))).extracting(o -> o.value)
                .containsExactly("current-id");
        assertThat(as("configurer", () -> step.doCheckRoleArn(job, BAD_ROLE)).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(as("configurer", () -> step.doCheckEndpointUrl(job, "http://10.0.0.5")).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(as("configurer", () -> step.doFillRegionItems(job))).isNotEmpty();
    }

    @Test
    void endpoints_answerPostOnly() throws Exception {
        JenkinsRule.WebClient web = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        String base = j.getURL() + "descriptorByName/" + AwsRolloutGlobalConfiguration.class.getName() + "/";
        for (String endpoint : new String[] {"checkRoleArn?value=x", "fillRegionItems", "testConnection?region=us-east-1",
                "checkRolesJobsMayAssume?value=x", "checkEndpointsJobsMayUse?value=x"}) {
            int status = web.getPage(new WebRequest(new java.net.URL(base + endpoint), HttpMethod.GET)).getWebResponse().getStatusCode();
            // Stapler does not dispatch a GET to a @POST method at all (404); either way nothing runs.
            assertThat(status).as(endpoint).isIn(404, 405);
        }
    }
}
