package io.jenkins.plugins.awsrollout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

/**
 * The global configuration offline: what jobs may reach is nothing beyond the defaults until an administrator says
 * so, the allow-lists bind one per line, and every form endpoint is {@code @POST} and asks Jenkins for the user's
 * permission before it does anything (offline, asking Jenkins is all that can be observed; the real check per user is
 * {@code SecurityBoundariesJenkinsTest}).
 */
class AwsRolloutGlobalConfigurationTest {

    @Test
    void newConfiguration_allowsJobsNothingBeyondTheDefaults() {
        AwsDefaults defaults = new AwsRolloutGlobalConfiguration().toDefaults();

        assertThat(defaults.useControllerIdentity()).isFalse();
        assertThat(defaults.rolesJobsMayAssume()).isEmpty();
        assertThat(defaults.endpointsJobsMayUse()).isEmpty();
    }

    @Test
    void allowLists_bindOnePerLine_fromAFormOrAList() {
        AwsRolloutGlobalConfiguration config = new AwsRolloutGlobalConfiguration();

        config.setRolesJobsMayAssume(List.of("arn:aws:iam::123456789012:role/deploy-*\r\n\n  arn:aws:iam::210987654321:role/Other  "));
        config.setEndpointsJobsMayUse(List.of("https://a.example.com", " https://b.example.com "));
        config.setUseControllerIdentity(true);

        assertThat(config.getRolesJobsMayAssume())
                .containsExactly("arn:aws:iam::123456789012:role/deploy-*", "arn:aws:iam::210987654321:role/Other");
        assertThat(config.getRolesJobsMayAssumeText())
                .isEqualTo("arn:aws:iam::123456789012:role/deploy-*\narn:aws:iam::210987654321:role/Other");
        assertThat(config.toDefaults().endpointsJobsMayUse()).containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(config.toDefaults().useControllerIdentity()).isTrue();
    }

    @Test
    void writeRates_defaultToAwsFigures_andReachTheEngine() {
        AwsRolloutGlobalConfiguration config = new AwsRolloutGlobalConfiguration();

        assertThat(config.toDefaults().writeRates()).isEqualTo(ApiRates.DEFAULTS);
        config.setAutoScalingWritesPerSecond(4);
        config.setElbWritesPerSecond(2);

        assertThat(config.toDefaults().writeRates()).isEqualTo(new ApiRates(4, 2));
    }

    @Test
    void writeRates_outOfRange_areRefusedNamingTheFieldAndTheValue() {
        AwsRolloutGlobalConfiguration config = new AwsRolloutGlobalConfiguration();

        assertThatThrownBy(() -> config.setAutoScalingWritesPerSecond(0))
                .hasMessage("autoScalingWritesPerSecond must be between 1 and 1000 writes per second, not 0.");
        assertThatThrownBy(() -> config.setElbWritesPerSecond(5000))
                .hasMessage("elbWritesPerSecond must be between 1 and 1000 writes per second, not 5000.");
        assertThat(AwsRolloutGlobalConfiguration.checkRate("elbWritesPerSecond", " 7 ").kind).isEqualTo(hudson.util.FormValidation.Kind.OK);
        assertThat(AwsRolloutGlobalConfiguration.checkRate("autoScalingWritesPerSecond", "fast").getMessage())
                .isEqualTo("autoScalingWritesPerSecond must be a whole number of writes per second from 1 to 1000, not 'fast'.");
        assertThat(config.getAutoScalingWritesPerSecond()).isEqualTo(ApiRates.DEFAULT_AUTO_SCALING);
    }

    @Test
    void everyFormEndpoint_isPost_andAsksJenkinsForThePermissionFirst() throws Exception {
        List<Method> endpoints = Arrays.stream(AwsRolloutGlobalConfiguration.class.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("do") && Modifier.isPublic(m.getModifiers())).toList();

        assertThat(endpoints).extracting(Method::getName)
                .contains("doCheckRolesJobsMayAssume", "doCheckEndpointsJobsMayUse", "doTestConnection", "doFillCredentialsIdItems");
        for (Method endpoint : endpoints) {
            assertThat(endpoint.getAnnotation(POST.class)).as(endpoint.getName()).isNotNull();
            Object[] args = new Object[endpoint.getParameterCount()];
            Arrays.fill(args, "arn:aws:iam::123456789012:role/x");
            assertThatThrownBy(() -> endpoint.invoke(new AwsRolloutGlobalConfiguration(), args)).as(endpoint.getName())
                    .hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("stand-in: there is no Jenkins offline");
        }
    }

    @Test
    void thePage_isForAdministratorsOnly() throws Exception {
        assertThat(AwsRolloutGlobalConfiguration.class.getDeclaredMethod("getRequiredGlobalConfigPagePermission").getDeclaringClass())
                .isEqualTo(AwsRolloutGlobalConfiguration.class);
    }
}
