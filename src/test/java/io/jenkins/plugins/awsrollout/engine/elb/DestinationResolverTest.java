package io.jenkins.plugins.awsrollout.engine.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationResolverTest {

    private static Destination destination(String kind) {
        return switch (kind) {
            case "instance" -> Destination.targetGroup("web-tg", "arn:x", 80, "instance");
            case "ip" -> Destination.targetGroup("ip-tg", "arn:y", 80, "ip");
            default -> Destination.classic("web-elb");
        };
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", delimiter = '|', value = {
        "instance | i-0123456789abcdef0 | -    | -",
        "instance | i-0123456789abcdef0 | 8080 | -",
        "instance | 10.0.3.7            | 80   | Target group web-tg takes instance targets, not the IP address 10.0.3.7 on port 80.",
        "ip       | 10.0.3.7            | 80   | -",
        "ip       | fd00::7             | -    | -",
        "ip       | i-0123456789abcdef0 | -    | Target group ip-tg takes IP targets, not the instance i-0123456789abcdef0: give its private IP address in targets.",
        "classic  | i-0123456789abcdef0 | -    | -",
        "classic  | i-0123456789abcdef0 | 8080 | Classic load balancer web-elb takes instance ids without ports, not the instance i-0123456789abcdef0 on port 8080.",
        "classic  | 10.0.3.7            | -    | Classic load balancer web-elb takes instance ids without ports, not the IP address 10.0.3.7.",
    })
    void mismatch_whenDestinationAndTarget_acceptsOnlyWhatFits(String kind, String id, Integer port, String expected) {
        assertThat(DestinationResolver.mismatch(destination(kind), List.of(new Target(id, port, null))).orElse(null))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "web-tg, web-tg",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123456789abcdef, web-tg",
    })
    void shortName_whenNameOrArn_isTheName(String given, String expected) {
        assertThat(ElbRegisterOperation.shortName(given)).isEqualTo(expected);
    }
}
