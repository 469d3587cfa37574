package io.jenkins.plugins.awsrollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.User;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import net.sf.json.JSONSerializer;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Every form endpoint of the plugin (every {@code do…} method of every descriptor it registers, found by reflection)
 * called over HTTP as Jenkins serves it: GET finds nothing, and a user without the permission (Item/Configure on the
 * job, or Overall/Administer on the global configuration) gets a 403 or an empty answer: no option, no verdict on
 * the value, no credentials id, no call to AWS. The same calls by a user with the permission get real answers.
 */
@WithJenkins
class FormEndpointsJenkinsTest {

    private static final String PACKAGE = "io.jenkins.plugins.awsrollout.";
    private static final String SECRET_ID = "deployer-keys";
    private static final String BAD = "%not valid%";

    @Test
    void everyFormEndpoint_refusesAUserWithoutThePermission(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        WorkflowJob job = j.createProject(WorkflowJob.class, "p");
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader", "configurer")
                .grant(Item.READ).onItems(job).to("reader")
                .grant(Item.READ, Item.CONFIGURE).onItems(job).to("configurer"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                SECRET_ID, "AKIAFORMENDPOINTS001", "form/secret/0123456789", "", null, null, null));

        // API tokens: no login page per call, no crumb (the verb and the permission are what is tested)
        JenkinsRule.WebClient admin = client(j, "admin");
        JenkinsRule.WebClient configurer = client(j, "configurer");
        JenkinsRule.WebClient reader = client(j, "reader");
        List<String> problems = new ArrayList<>();
        int endpoints = 0;
        int answeredDifferently = 0;
        for (Descriptor<?> descriptor : j.jenkins.getExtensionList(Descriptor.class)) {
            if (!descriptor.getClass().getName().startsWith(PACKAGE)) {
                continue;
            }
            boolean global = descriptor instanceof GlobalConfiguration;
            String base = (global ? "" : job.getUrl()) + "descriptorByName/" + descriptor.getId() + "/";
            for (Method method : descriptor.getClass().getMethods()) {
                if (!method.getName().matches("do[A-Z].*") || !method.getDeclaringClass().getName().startsWith(PACKAGE)) {
                    continue;
                }
                String where = descriptor.getClass().getSimpleName() + "." + method.getName();
                endpoints++;
                if (method.getAnnotation(POST.class) == null) {
                    problems.add(where + " is not @POST");
                }
                String path = base + Character.toLowerCase(method.getName().charAt(2)) + method.getName().substring(3);
                List<NameValuePair> parameters = parameters(method);

                JenkinsRule.WebClient permitted = global ? admin : configurer;
                Answer allowed = call(j, permitted, path, parameters, HttpMethod.POST);
                Answer refused = call(j, reader, path, parameters, HttpMethod.POST);
                Answer viaGet = call(j, permitted, path, parameters, HttpMethod.GET);

                if (allowed.status() != 200) {
                    problems.add(where + ": " + allowed.status() + " for a user with the permission");
                }
                if (viaGet.status() != 405 && viaGet.status() != 404) {
                    problems.add(where + ": GET gives " + viaGet.status() + ", not 404 or 405");
                }
                String leak = leak(method, refused, parameters);
                if (leak != null) {
                    problems.add(where + ": a user without the permission gets " + leak);
                }
                if (!allowed.body().equals(refused.body())) {
                    answeredDifferently++;
                }
                if (ListBoxModel.class.isAssignableFrom(method.getReturnType()) && method.getName().contains("Credentials")
                        && !allowed.body().contains(SECRET_ID)) {
                    problems.add(where + ": the credentials are not offered to a user with the permission");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(endpoints).as("form endpoints found").isGreaterThan(40);
        // The sweep is not vacuous: most answers depend on the permission (bad values flagged, options listed).
        assertThat(answeredDifferently).as("endpoints whose answer depends on the permission").isGreaterThan(endpoints / 3);
    }

    /** A bad value for every query parameter (the credentials id blank, so that the list would hold them all). */
    private static List<NameValuePair> parameters(Method method) {
        List<NameValuePair> parameters = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParameter query = parameter.getAnnotation(QueryParameter.class);
            if (query != null) {
                String name = query.value().isEmpty() ? parameter.getName() : query.value();
                parameters.add(new NameValuePair(name, name.equals("credentialsId") ? "" : BAD));
            }
        }
        return parameters;
    }

    /** What the refused answer gives away, or null when it gives nothing. */
    private static String leak(Method method, Answer refused, List<NameValuePair> sent) {
        if (refused.status() == 403) {
            return null;
        }
        if (refused.status() != 200) {
            return "HTTP " + refused.status();
        }
        Class<?> type = method.getReturnType();
        if (FormValidation.class.isAssignableFrom(type)) {
            return refused.body().strip().equals("<div/>") ? null : "a verdict: " + refused.body();
        }
        Object json = JSONSerializer.toJSON(refused.body());
        if (ComboBoxModel.class.isAssignableFrom(type)) {
            return ((JSONArray) json).isEmpty() ? null : "options: " + json;
        }
        if (ListBoxModel.class.isAssignableFrom(type)) {
            Set<String> echoed = new HashSet<>(List.of(""));
            sent.forEach(p -> echoed.add(p.getValue()));
            for (Object option : ((JSONObject) json).getJSONArray("values")) {
                if (!echoed.contains(((JSONObject) option).getString("value"))) {
                    return "options: " + json;
                }
            }
            return null;
        }
        return "an answer of type " + type.getSimpleName() + ": " + refused.body();
    }

    record Answer(int status, String body) {}

    private static JenkinsRule.WebClient client(JenkinsRule j, String user) {
        JenkinsRule.WebClient web = j.createWebClient().withBasicApiToken(User.getById(user, true));
        web.setThrowExceptionOnFailingStatusCode(false);
        web.getOptions().setPrintContentOnFailingStatusCode(false);
        return web;
    }

    private static Answer call(JenkinsRule j, JenkinsRule.WebClient web, String path, List<NameValuePair> parameters,
            HttpMethod verb) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), path), verb);
        request.setRequestParameters(parameters);
        WebResponse response = web.loadWebResponse(request);
        return new Answer(response.getStatusCode(), response.getContentAsString());
    }
}
