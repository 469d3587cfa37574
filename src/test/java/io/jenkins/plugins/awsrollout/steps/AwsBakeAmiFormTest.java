package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.builders.AwsBakeAmiBuilder;
import java.beans.Introspector;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The form side of awsBakeAmi: a help file per own field, and a freestyle builder with the step's fields. */
class AwsBakeAmiFormTest {

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
        for (Class<?> type : new Class<?>[] {AwsBakeAmiStep.class, SourceAmiFilter.class}) {
            assertThat(type.getResource(type.getSimpleName() + "/config.jelly")).as(type + " config.jelly").isNotNull();
            assertThat(type.getResource(type.getSimpleName() + "/help.html")).as(type + " help.html").isNotNull();
            for (String field : ownFields(type)) {
                assertThat(type.getResource(type.getSimpleName() + "/help-" + field + ".html"))
                        .as(type.getSimpleName() + " help-" + field + ".html").isNotNull();
            }
        }
        assertThat(ownFields(AwsBakeAmiStep.class)).hasSize(26);
        assertThat(AwsBakeAmiBuilder.class.getResource("AwsBakeAmiBuilder/help.html")).isNotNull();
        assertThat(AwsBakeAmiBuilder.class.getResource("AwsBakeAmiBuilder/config.jelly")).isNotNull();
    }

    @Test
    void builder_hasTheStepsFields() {
        assertThat(ownFields(AwsBakeAmiBuilder.class)).isEqualTo(ownFields(AwsBakeAmiStep.class));
    }

    @Test
    void descriptor_checksFieldsWithoutTheBuildsVariables() {
        assertThat(AwsBakeAmiStep.DescriptorImpl.validation(io.jenkins.plugins.awsrollout.engine.ami.BakeInput
                .checkSourceAmi("ami-12")).kind).isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(new AwsBakeAmiStep.DescriptorImpl().getFunctionName()).isEqualTo("awsBakeAmi");
    }
}
