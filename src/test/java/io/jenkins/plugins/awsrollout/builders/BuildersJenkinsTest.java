package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Descriptor;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every freestyle build step the plugin registers (found in Jenkins' extension list, so a new one cannot be missed)
 * survives its project's configuration page with only its required fields set: rendered, submitted and bound back
 * to an equal builder, defaults included. (The same with every field set: StepFormsJenkinsTest.)
 */
@WithJenkins
class BuildersJenkinsTest {

    @Test
    void everyBuilder_withItsRequiredFieldsOnly_survivesConfigRoundtrip(JenkinsRule j) throws Exception {
        List<Descriptor<Builder>> ours = j.jenkins.getDescriptorList(Builder.class).stream()
                .filter(d -> d.getClass().getName().startsWith("io.jenkins.plugins.awsrollout."))
                .toList();
        assertThat(ours).hasSizeGreaterThanOrEqualTo(4).allSatisfy(d -> assertThat(d).isInstanceOf(BuildStepDescriptor.class));
        for (Descriptor<Builder> descriptor : ours) {
            Builder builder = minimal(descriptor.clazz);
            j.assertEqualDataBoundBeans(builder, j.configRoundtrip(builder));
        }
    }

    /** The builder around its step, the step's required parameters set to a plain name. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Builder minimal(Class<? extends Builder> type) throws Exception {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == 1 && Step.class.isAssignableFrom(constructor.getParameterTypes()[0])) {
                DescribableModel<?> model = DescribableModel.of(constructor.getParameterTypes()[0]);
                Map<String, Object> required = new LinkedHashMap<>();
                for (DescribableParameter parameter : model.getParameters()) {
                    if (parameter.isRequired()) {
                        required.put(parameter.getName(), "web");
                    }
                }
                return (Builder) constructor.newInstance(((DescribableModel) model).instantiate(required));
            }
        }
        throw new AssertionError(type + " has no constructor taking its step");
    }
}
