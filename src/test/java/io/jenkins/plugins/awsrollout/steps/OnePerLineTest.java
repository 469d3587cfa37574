package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnePerLineTest {

    @Test
    void split_readsAFormsTextAreaOneValuePerLine() {
        assertThat(OnePerLine.split(List.of(" 25\r\n\n50 \n  \n75"))).containsExactly("25", "50", "75");
    }

    @Test
    void split_keepsAJenkinsfilesListAsItIs() {
        assertThat(OnePerLine.split(List.of("web-tg", "api-tg"))).containsExactly("web-tg", "api-tg");
        assertThat(OnePerLine.split(null)).isEmpty();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void split_takesWhatAScriptHandsAListOfStrings() {
        List numbers = new ArrayList<>(Arrays.asList(25, null, 50));
        assertThat(OnePerLine.split(numbers)).containsExactly("25", "50");
    }

    @Test
    void join_showsOneValuePerLine() {
        assertThat(OnePerLine.join(List.of("a", "b"))).isEqualTo("a\nb");
        assertThat(OnePerLine.join(null)).isEmpty();
    }
}
