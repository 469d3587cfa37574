package io.jenkins.plugins.awsrollout.engine.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.Diagnostics;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;

class InstanceDiagnosisTest {

    private static final String LOG = IntStream.rangeClosed(1, 30).mapToObj(i -> "[stderr]line " + i).collect(Collectors.joining("\n"));

    private static InstanceTarget failedAt(String event, Diagnostics diagnostics) {
        return InstanceTarget.builder().targetId("i-0abc").status("Failed").lifecycleEvents(
                LifecycleEvent.builder().lifecycleEventName("ApplicationStop").status("Succeeded").build(),
                LifecycleEvent.builder().lifecycleEventName(event).status("Failed").diagnostics(diagnostics).build(),
                LifecycleEvent.builder().lifecycleEventName("AfterInstall").status("Skipped").build()).build();
    }

    @Test
    void of_failedScript_keepsEventScriptCodeAndTheLastLines() {
        InstanceDiagnosis d = InstanceDiagnosis.of(failedAt("ValidateService", Diagnostics.builder().errorCode("ScriptFailed")
                .scriptName("scripts/validate.sh").message("Script at specified location: scripts/validate.sh failed with exit code 1")
                .logTail(LOG + "\n").build()));

        assertThat(d.failedEvent()).isEqualTo("ValidateService");
        assertThat(d.logTail()).startsWith("[stderr]line 11\n").endsWith("[stderr]line 30");
        assertThat(d.logLines()).hasSize(10).startsWith("[stderr]line 21");
        assertThat(d.headline()).isEqualTo("i-0abc failed at ValidateService: ScriptFailed in scripts/validate.sh: "
                + "Script at specified location: scripts/validate.sh failed with exit code 1");
        assertThat(d.brief()).isEqualTo("i-0abc at ValidateService (scripts/validate.sh): 'line 30'");
        assertThat(d.lastErrorLine()).isEqualTo("line 30");
        assertThat(d.toMap()).containsEntry("id", "i-0abc").containsEntry("status", "Failed").containsEntry("errorCode", "ScriptFailed");
    }

    @Test
    void of_agentError_withoutScriptOrLog() {
        InstanceDiagnosis d = InstanceDiagnosis.of(failedAt("DownloadBundle", Diagnostics.builder().errorCode("UnknownError")
                .scriptName("").message("The specified key does not exist.").logTail("").build()));

        assertThat(d.scriptName()).isNull();
        assertThat(d.logTail()).isNull();
        assertThat(d.logLines()).isEmpty();
        assertThat(d.headline()).isEqualTo("i-0abc failed at DownloadBundle: UnknownError: The specified key does not exist.");
        assertThat(d.brief()).isEqualTo("i-0abc at DownloadBundle (UnknownError)");
    }

    @Test
    void of_noFailedEvent_saysOnlyTheStatus() {
        InstanceDiagnosis d = InstanceDiagnosis.of(InstanceTarget.builder().targetId("i-1").status("Failed").build());

        assertThat(d.failedEvent()).isNull();
        assertThat(d.headline()).isEqualTo("i-1 failed");
    }
}
