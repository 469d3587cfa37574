package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.elb.ElbWorlds;
import io.jenkins.plugins.awsrollout.steps.AwsElbRegisterStep;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The freestyle build step: the step it wraps, blocking on the build's executor, list fields as a form sends them. */
class AwsElbRegisterBuilderTest {

    private final SimulatedAws aws = SimulatedAws.start(ElbWorlds.fleet(30).build());

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void perform_deregistersOneInstancePerLineAndWaitsUntilDrained() throws Exception {
        List<String> web = ElbWorlds.instances(aws.sim(), "web");
        AwsElbRegisterStep registration = new AwsElbRegisterStep();
        registration.setAction("deregister");
        registration.setInstanceIds(List.of(web.get(0) + "\n\n  " + web.get(1) + "  \n"));
        registration.setTargetGroup("web-tg");
        registration.setLoadBalancers(List.of("web-elb\n"));
        registration.setMinHealthyTargets(2);
        registration.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        LogListener listener = new LogListener();

        Map<String, Object> result = new AwsElbRegisterBuilder(registration).perform(aws.runtime(), null, null,
                Map.of("JOB_NAME", "freestyle", "BUILD_NUMBER", "4"), listener);

        assertThat(result).containsEntry("action", "deregister").containsEntry("changed", 4);
        assertThat((List<Map<String, Object>>) result.get("targets")).extracting(t -> t.get("state"))
                .containsExactly("unused", "unused", "OutOfService", "OutOfService");
        assertThat(listener.text()).contains("[awsElbRegister] DEREGISTER deregistered " + web.get(0) + ":80, " + web.get(1)
                + ":80 from web-tg; they drain for up to 30s (deregistration delay)",
                "[awsElbRegister] DONE 4 targets drained (4 changed by this step)")
                .doesNotContain(SimulatedAws.SECRET_KEY);
        assertThat(aws.sim().state().targetHealth("web-tg")).hasSize(2);
        assertThat(aws.sim().state().classicHealth("web-elb")).hasSize(2);
    }
}
