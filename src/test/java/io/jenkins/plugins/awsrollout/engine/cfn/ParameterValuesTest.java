package io.jenkins.plugins.awsrollout.engine.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @Test
    void ofJson_whenCloudFormationsListForm_keepsUsePreviousValueAsNull() {
        Map<String, String> values = ParameterValues.ofJson("""
                [{"ParameterKey": "Env", "ParameterValue": "prod"},
                 {"ParameterKey": "ImageId", "UsePreviousValue": true},
                 {"ParameterKey": "Zones", "ParameterValue": ["a", "b"]}]""", "p.json");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Env", "prod");
        expected.put("ImageId", null);
        expected.put("Zones", "a,b");
        assertThat(values).containsExactlyEntriesOf(expected);
    }

    @Test
    void ofJson_whenPlainObject_turnsNumbersAndBooleansIntoText() {
        assertThat(ParameterValues.ofJson("{\"Size\": 4, \"Public\": false, \"Env\": \"qa\"}", "p.json"))
                .containsExactly(Map.entry("Size", "4"), Map.entry("Public", "false"), Map.entry("Env", "qa"));
    }

    @Test
    void ofEntries_whenValuesHoldEqualSigns_splitsAtTheFirst() {
        assertThat(ParameterValues.ofEntries(List.of("Query=a=b", " Key =v"))).containsExactly(Map.entry("Query", "a=b"),
                Map.entry("Key", "v"));
    }
}
