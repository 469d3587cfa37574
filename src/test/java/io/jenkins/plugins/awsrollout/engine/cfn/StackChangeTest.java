package io.jenkins.plugins.awsrollout.engine.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.ResourceTargetDefinition;

class StackChangeTest {

    @ParameterizedTest
    @CsvSource({"Add, , false", "Remove, , true", "Modify, False, false", "Modify, True, true", "Modify, Conditional, true"})
    void destroys_whenRemovedOrReplaced(String action, String replacement, boolean destroys) {
        assertThat(new StackChange(action, "Db", "AWS::RDS::DBInstance", replacement, List.of()).destroys()).isEqualTo(destroys);
    }

    @org.junit.jupiter.api.Test
    void of_whenDetailsRepeatAProperty_listsItOnceWithWhatItDoes() {
        ResourceChange change = ResourceChange.builder().action("Modify").logicalResourceId("WebTargetGroup")
                .resourceType("AWS::ElasticLoadBalancingV2::TargetGroup").replacement("True")
                .details(detail("Port", "Always"), detail("Port", "Always"), detail("HealthCheckPath", "Never"))
                .build();
        StackChange row = StackChange.of(change);
        assertThat(row.details()).containsExactly("Port (replaces)", "HealthCheckPath");
        assertThat(row.line()).isEqualTo("Modify WebTargetGroup (AWS::ElasticLoadBalancingV2::TargetGroup), replacement True: "
                + "Port (replaces), HealthCheckPath");
    }

    private static ResourceChangeDetail detail(String name, String recreation) {
        return ResourceChangeDetail.builder().target(ResourceTargetDefinition.builder().attribute("Properties").name(name)
                .requiresRecreation(recreation).build()).evaluation("Static").changeSource("DirectModification").build();
    }
}
