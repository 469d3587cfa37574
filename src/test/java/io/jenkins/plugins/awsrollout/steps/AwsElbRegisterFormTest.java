package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.builders.AwsElbRegisterBuilder;
import java.beans.Introspector;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The form side of awsElbRegister: a help file per own field, and a freestyle builder with the step's fields. */
class AwsElbRegisterFormTest {

    /** The bound fields a class declares itself (inherited connection fields have their help with AwsStep). */
    private static Set<String> ownFields(Class<?> type) {
        Set<String> fields = new TreeSet<>();
        Arrays.stream(type.getConstructors()).filter(c -> c.isAnnotationPresent(DataBoundConstructor.class))
                .flatMap(c -> Arrays.stream(c.getParameters())).forEach(p -> fields.add(p.getName()));
        Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .forEach(m -> fields.add(Introspector.decapitalize(m.getName().substring(3))));
        return fields;
    }

    @Test
    void everyOwnField_hasItsHelpFile() {
        for (Class<?> type : new Class<?>[] {AwsElbRegisterStep.class, ElbTarget.class}) {
            assertThat(type.getResource(type.getSimpleName() + "/config.jelly")).as(type + " config.jelly").isNotNull();
            for (String field : ownFields(type)) {
                assertThat(type.getResource(type.getSimpleName() + "/help-" + field + ".html"))
                        .as(type.getSimpleName() + " help-" + field + ".html").isNotNull();
            }
        }
        assertThat(ownFields(AwsElbRegisterStep.class)).hasSize(14);
        assertThat(AwsElbRegisterStep.class.getResource("AwsElbRegisterStep/help.html")).isNotNull();
        assertThat(AwsElbRegisterBuilder.class.getResource("AwsElbRegisterBuilder/help.html")).isNotNull();
        assertThat(AwsElbRegisterBuilder.class.getResource("AwsElbRegisterBuilder/config.jelly")).isNotNull();
    }

    @Test
    void builder_hasTheStepsFields() {
        assertThat(ownFields(AwsElbRegisterBuilder.class)).isEqualTo(ownFields(AwsElbRegisterStep.class));
    }
}
