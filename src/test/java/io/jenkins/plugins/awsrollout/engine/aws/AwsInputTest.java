package io.jenkins.plugins.awsrollout.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AwsInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-2", "ap-southeast-3", "us-gov-west-1", "cn-north-1", "il-central-1"})
    @NullAndEmptySource
    void checkRegion_acceptsRegionNames(String region) {
        assertThat(AwsInput.checkRegion(region)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east", "US-EAST-1", "useast1", "us-east-1a", "eu west 1"})
    void checkRegion_rejectsOthersNamingTheValue(String region) {
        assertThat(AwsInput.checkRegion(region)).hasValueSatisfying(p -> assertThat(p).startsWith("'" + region + "'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::123456789012:role/Deployer", "arn:aws:iam::123456789012:role/ci/deploy-web",
            "arn:aws-us-gov:iam::123456789012:role/x"})
    void checkRoleArn_acceptsRoleArns(String arn) {
        assertThat(AwsInput.checkRoleArn(arn)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Deployer", "arn:aws:iam::12345:role/x", "arn:aws:iam::123456789012:user/bob",
            "arn:aws:sts::123456789012:assumed-role/x/y"})
    void checkRoleArn_rejectsOthers(String arn) {
        assertThat(AwsInput.checkRoleArn(arn)).hasValueSatisfying(p -> assertThat(p).contains(arn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4566", "https://ec2.us-east-1.amazonaws.com", "http://localhost:8080/"})
    void checkEndpointUrl_acceptsHttpUrls(String url) {
        assertThat(AwsInput.checkEndpointUrl(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:4566", "ftp://host", "http://", "not a url"})
    void checkEndpointUrl_rejectsOthers(String url) {
        assertThat(AwsInput.checkEndpointUrl(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "has space", "semi;colon"})
    void checkExternalId_rejectsWhatStsRejects(String id) {
        assertThat(AwsInput.checkExternalId(id)).isPresent();
    }
}
