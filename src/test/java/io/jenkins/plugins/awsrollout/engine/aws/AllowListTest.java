package io.jenkins.plugins.awsrollout.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowListTest {

    private static final List<String> ROLES = List.of("arn:aws:iam::123456789012:role/deploy-*", " arn:aws:iam::210987654321:role/Exact ");

    @ParameterizedTest
    @CsvSource({
        "arn:aws:iam::123456789012:role/deploy-web, true",
        "arn:aws:iam::123456789012:role/deploy-, true",
        "arn:aws:iam::123456789012:role/Deploy-web, false",
        "arn:aws:iam::123456789012:role/admin, false",
        "arn:aws:iam::999999999999:role/deploy-web, false",
        "arn:aws:iam::210987654321:role/Exact, true",
        "arn:aws:iam::210987654321:role/Exactly, false",
        "arn:aws:iam::123456789012:role/deploy-web/../admin, true",
    })
    void allowsRole_matchesPatternsWithStarsOnly(String role, boolean allowed) {
        assertThat(AllowList.allowsRole(ROLES, role)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:iam::123456789012:role/a.b, arn:aws:iam::123456789012:role/a.b, true",
        "arn:aws:iam::123456789012:role/a.b, arn:aws:iam::123456789012:role/aXb, false",
        "*, arn:aws:iam::123456789012:role/anything, true",
    })
    void allowsRole_quotesEverythingButStars(String pattern, String role, boolean allowed) {
        assertThat(AllowList.allowsRole(List.of(pattern), role)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({
        "https://vpce-1.ec2.us-east-1.vpce.amazonaws.com, true",
        "HTTPS://VPCE-1.ec2.us-east-1.vpce.amazonaws.com/, true",
        "https://vpce-1.ec2.us-east-1.vpce.amazonaws.com.evil.example, false",
        "https://vpce-1.ec2.us-east-1.vpce.amazonaws.com:8443, false",
        "http://vpce-1.ec2.us-east-1.vpce.amazonaws.com, false",
        "https://evil.example, false",
    })
    void allowsEndpoint_comparesWholeUrls(String endpoint, boolean allowed) {
        assertThat(AllowList.allowsEndpoint(List.of("https://vpce-1.ec2.us-east-1.vpce.amazonaws.com"), endpoint)).isEqualTo(allowed);
        assertThat(AllowList.allowsEndpoint(List.of(), endpoint)).isFalse();
        assertThat(AllowList.allowsEndpoint(List.of("*"), endpoint)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:4566, true",
        "http://127.10.0.1, true",
        "http://localhost:4566, true",
        "http://[::1]:4566, true",
        "https://anything.example, true",
        "http://10.0.0.5:4566, false",
        "http://127.0.0.1.evil.example, false",
        "http://localhost.evil.example, false",
        "http://ec2.us-east-1.amazonaws.com, false",
    })
    void checkTransport_refusesPlainHttpExceptToLoopback(String endpoint, boolean accepted) {
        assertThat(AllowList.checkTransport(endpoint).isEmpty()).isEqualTo(accepted);
        if (!accepted) {
            assertThat(AllowList.checkTransport(endpoint).get()).startsWith("'" + endpoint + "' would send signed requests and "
                    + "session tokens unencrypted: use https");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:iam::123456789012:role/deploy-*, true",
        "*, true",
        "arn:aws:iam::*:role/deploy, true",
        "deploy-*, false",
        "arn:aws:s3:::bucket/*, false",
    })
    void checkRolePattern_wantsARoleArnShape(String pattern, boolean valid) {
        assertThat(AllowList.checkRolePattern(pattern).isEmpty()).isEqualTo(valid);
    }
}
