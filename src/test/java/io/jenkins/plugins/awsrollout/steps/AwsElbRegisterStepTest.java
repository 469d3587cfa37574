package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.elb.ElbWorlds;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsElbRegisterStepTest {

    private SimulatedAws aws = SimulatedAws.start(ElbWorlds.fleet(30).build());

    @AfterEach
    void close() {
        aws.close();
    }

    private List<String> spare() {
        return ElbWorlds.instances(aws.sim(), "spare");
    }

    @Test
    void register_intoTargetGroup_waitsUntilHealthy() throws Exception {
        AwsElbRegisterStep step = new AwsElbRegisterStep();
        step.setInstanceIds(spare());
        step.setTargetGroup("web-tg");

        TestStepContext build = aws.run(step);

        System.out.println(build.log());
        assertThat(build.failure()).isNull();
        System.out.println(build.result());
        System.out.println(aws.sim().calls().actions());
    }
}
