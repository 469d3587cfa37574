package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Every own field of awsCodeDeploy and of its nested describables has a help file, and each class a form. */
class AwsCodeDeployHelpTest {

    private static final Set<String> CONNECTION = Set.of("region", "credentialsId", "roleArn", "externalId", "endpointUrl");

    @ParameterizedTest
    @ValueSource(classes = {AwsCodeDeployStep.class, CodeDeployS3Location.class, CodeDeployGitHubLocation.class,
            CodeDeployTargetInstances.class, CodeDeployAutoRollback.class, CodeDeployAlarms.class})
    void everyOwnField_hasHelp(Class<?> type) {
        String folder = type.getName().replace('.', '/') + "/";
        ClassLoader loader = type.getClassLoader();
        assertThat(loader.getResource(folder + "config.jelly")).as(folder + "config.jelly").isNotNull();
        assertThat(loader.getResource(folder + "help.html")).as(folder + "help.html").isNotNull();
        for (String field : fields(type)) {
            if (!CONNECTION.contains(field)) {
                assertThat(loader.getResource(folder + "help-" + field + ".html")).as(folder + "help-" + field + ".html").isNotNull();
            }
        }
    }

    private static Set<String> fields(Class<?> type) {
        Set<String> fields = new TreeSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    fields.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                fields.add(Introspector.decapitalize(m.getName().substring(3)));
            }
        }
        assertThat(fields).isNotEmpty();
        return fields;
    }
}
