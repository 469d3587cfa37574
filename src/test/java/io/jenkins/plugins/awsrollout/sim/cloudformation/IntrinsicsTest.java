package io.jenkins.plugins.awsrollout.sim.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** YAML short forms and the intrinsic functions, each against the same small scope. */
class IntrinsicsTest {

    private static final Intrinsics.Scope SCOPE = new Intrinsics.Scope() {
        @Override
        public Object parameter(String name) {
            return switch (name) {
                case "Env" -> "prod";
                case "Zones" -> List.of("a", "b", "c");
                case "AWS::Region" -> "eu-west-1";
                default -> null;
            };
        }

        @Override
        public boolean condition(String name) {
            return name.equals("IsProd");
        }

        @Override
        public Object resource(String logicalId) {
            return "phys-" + logicalId;
        }

        @Override
        public Object attribute(String logicalId, String attribute) {
            return logicalId + "." + attribute;
        }

        @Override
        public String importValue(String exportName) {
            return "imported-" + exportName;
        }

        @Override
        public Object mapping(String map, String key, String second) {
            return map + "/" + key + "/" + second;
        }

        @Override
        public List<String> availabilityZones() {
            return List.of("eu-west-1a", "eu-west-1b");
        }
    };

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "!Ref Env | prod",
        "!Ref Queue | phys-Queue",
        "!GetAtt Queue.Arn | Queue.Arn",
        "!GetAtt [Queue, Arn] | Queue.Arn",
        "!Sub 'web-${Env}-${Queue}-${Queue.Arn}-${!Literal}' | web-prod-phys-Queue-Queue.Arn-${Literal}",
        "!Sub ['${A}-${Env}', {A: !Ref Queue}] | phys-Queue-prod",
        "!Join ['-', [a, !Ref Env, c]] | a-prod-c",
        "!Select [1, !Ref Zones] | b",
        "!Select [0, !Split [',', 'x,y']] | x",
        "!If [IsProd, big, small] | big",
        "!If [IsStaging, big, small] | small",
        "!FindInMap [Sizes, !Ref Env, Max] | Sizes/prod/Max",
        "!ImportValue shared-vpc | imported-shared-vpc",
        "!Base64 hi | aGk=",
        "!Select [1, !GetAZs ''] | eu-west-1b",
        "!Equals [!Ref Env, prod] | true",
        "!Not [!Equals [!Ref Env, prod]] | false",
        "!And [!Condition IsProd, !Equals [a, a]] | true",
        "!Or [!Condition IsStaging, !Equals [a, b]] | false",
        "'2010-09-09' | 2010-09-09",
        "2010-09-09 | 2010-09-09",
    })
    void yamlShortForms_evaluateAsTheLongForms(String yaml, String expected) {
        Object node = TemplateReader.read("V: " + yaml).get("V");
        assertThat(Intrinsics.text(Intrinsics.eval(node, SCOPE))).isEqualTo(expected);
    }

    @Test
    void json_isReadAsIs_andNoValueDropsAProperty() {
        Map<String, Object> root = TemplateReader.read("{\"P\": {\"A\": {\"Ref\": \"AWS::NoValue\"}, \"B\": {\"Fn::Join\": [\"\", [\"x\", \"y\"]]}}}");
        assertThat(Intrinsics.eval(root.get("P"), SCOPE)).isEqualTo(Map.of("B", "xy"));
    }

    @Test
    void badTemplates_areFormatErrors() {
        assertThatThrownBy(() -> TemplateReader.read("A: [")).hasMessageStartingWith("Template format error: YAML not well-formed.");
        assertThatThrownBy(() -> TemplateReader.read("{\"A\": ")).hasMessageStartingWith("Template format error: JSON not well-formed.");
        assertThatThrownBy(() -> Intrinsics.eval(TemplateReader.read("V: !Select [5, [a]]").get("V"), SCOPE))
                .hasMessageContaining("Fn::Select cannot select nonexistent value at index 5");
    }
}
