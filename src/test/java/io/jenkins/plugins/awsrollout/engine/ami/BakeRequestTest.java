package io.jenkins.plugins.awsrollout.engine.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class BakeRequestTest {

    private static final Map<String, String> ENV = Map.of("BUILD_NUMBER", "7", "JOB_NAME", "web",
            "BUILD_URL", "https://ci/job/web/7/");

    private static BakeRequest.Builder valid() {
        return BakeRequest.builder("web-${BUILD_NUMBER}-{{timestamp}}")
                .sourceAmi("ami-0123456789abcdef0")
                .userData("echo hi");
    }

    private static String failure(UnaryOperator<BakeRequest.Builder> change) {
        try {
            change.apply(valid()).build(ENV);
        } catch (OperationFailedException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void build_appliesDefaultsAndExpandsBuildVariables() {
        BakeRequest request = valid()
                .description("Web #${BUILD_NUMBER}")
                .tags(List.of("app=web", "build=${BUILD_NUMBER}\nteam = platform"))
                .securityGroupIds(List.of("sg-0123456789abcdef0", " "))
                .regions(List.of("eu-west-1", "eu-west-1", "ap-south-1"))
                .build(ENV);

        assertThat(request.instanceType()).isEqualTo("t3.micro");
        assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(120));
        assertThat(request.provisionTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(request.onError()).isEqualTo(OnError.CLEANUP);
        assertThat(request.description()).isEqualTo("Web #7");
        assertThat(request.tags()).containsExactly(Map.entry("app", "web"), Map.entry("build", "7"), Map.entry("team", "platform"));
        assertThat(request.securityGroupIds()).containsExactly("sg-0123456789abcdef0");
        assertThat(request.regions()).containsExactly("eu-west-1", "ap-south-1");
        assertThat(request.usesSsm()).isFalse();
        assertThat(request.usesTemporarySecurityGroup()).isFalse();
        assertThat(request.jobName()).isEqualTo("web");
        assertThat(request.buildUrl()).isEqualTo("https://ci/job/web/7/");
    }

    @Test
    void build_failsOnBadInputNamingTheFieldAndTheValue() {
        assertThat(failure(b -> b.sourceAmi(null))).isEqualTo(
                "No source AMI: give sourceAmi (an AMI id) or sourceAmiFilter (a name pattern and owners).");
        assertThat(failure(b -> b.sourceAmiFilter(new AmiFilter("base-*", List.of(), Map.of(), false))))
                .isEqualTo("Give either sourceAmi or sourceAmiFilter, not both.");
        assertThat(failure(b -> b.sourceAmi("ami-xyz"))).isEqualTo(
                "Invalid sourceAmi 'ami-xyz': expected an AMI id such as ami-0123456789abcdef0.");
        assertThat(failure(b -> b.instanceType("huge"))).isEqualTo(
                "Invalid instanceType 'huge': expected an EC2 instance type such as t3.micro.");
        assertThat(failure(b -> b.subnetId("subnet-1"))).startsWith("Invalid subnetId 'subnet-1'");
        assertThat(failure(b -> b.securityGroupIds(List.of("web")))).startsWith("Invalid securityGroupIds 'web'");
        assertThat(failure(b -> b.iamInstanceProfile("arn:aws:iam::1:role/x"))).startsWith(
                "Invalid iamInstanceProfile 'arn:aws:iam::1:role/x'");
        assertThat(failure(b -> b.rootVolumeSize(-1))).isEqualTo(
                "Invalid rootVolumeSize '-1': use 0 to 16384 GiB (0 keeps the source AMI's size).");
        assertThat(failure(b -> b.userData(null))).isEqualTo(
                "Nothing to provision: give userData (a shell script) or ssmCommands.");
        assertThat(failure(b -> b.ssmCommands(List.of("echo")))).isEqualTo("Give either userData or ssmCommands, not both.");
        assertThat(failure(b -> b.userData(null).ssmCommands(List.of("echo")))).startsWith(
                "ssmCommands need iamInstanceProfile");
        assertThat(failure(b -> b.userData("#!/usr/bin/python3\nprint(1)"))).startsWith(
                "Invalid userData: it starts with '#!/usr/bin/python3'");
        assertThat(failure(b -> b.provisionTimeoutMinutes(120))).isEqualTo(
                "Invalid provisionTimeoutMinutes '120': use 1 to 119 minutes (less than timeoutMinutes).");
        assertThat(failure(b -> b.timeoutMinutes(2))).isEqualTo("Invalid timeoutMinutes '2': use 5 to 1440 minutes.");
        assertThat(failure(b -> b.kmsKeyId("alias/ami"))).isEqualTo(
                "Invalid kmsKeyId 'alias/ami': a KMS key only applies with encrypted: true.");
        assertThat(failure(b -> b.imdsSupport("v1"))).isEqualTo("Invalid imdsSupport 'v1': the only value EC2 accepts is v2.0.");
        assertThat(failure(b -> b.regions(List.of("europe")))).startsWith("Invalid regions: 'europe' is not an AWS region name");
        assertThat(failure(b -> b.encrypted(true).regions(List.of("eu-west-1")).regionKmsKeyIds(List.of("us-west-2=alias/x"))))
                .isEqualTo("Invalid regionKmsKeyIds 'us-west-2=alias/x': the region is not one of regions [eu-west-1].");
        assertThat(failure(b -> b.regionKmsKeyIds(List.of("eu-west-1")))).isEqualTo(
                "Invalid regionKmsKeyIds entry 'eu-west-1': write it as Key=Value.");
        assertThat(failure(b -> b.shareWithAccounts(List.of("12345")))).isEqualTo(
                "Invalid shareWithAccounts '12345': expected a 12-digit AWS account id.");
        assertThat(failure(b -> b.tags(List.of("aws:owner=me")))).isEqualTo(
                "Invalid tags entry 'aws:owner=me': tag keys starting with aws: are reserved for AWS.");
        assertThat(failure(b -> b.tags(List.of("a=1", "a=2")))).isEqualTo("Invalid tags: the key 'a' is given twice.");
        assertThat(failure(b -> b.onError("ask"))).isEqualTo("Invalid onError 'ask': use cleanup or keep.");
        assertThat(failure(b -> b.keep(-1))).isEqualTo("Invalid keep '-1': use 0 to 1000 AMIs (0: keep all).");
        assertThat(failure(b -> b.deprecateAfterDays(-3))).startsWith("Invalid deprecateAfterDays '-3'");
        assertThat(failure(b -> b.description("d".repeat(300)))).endsWith("EC2 allows at most 255 characters.");
    }

    @Test
    void build_withKeep_needsANameThatStartsTheSameForEveryBuild() {
        assertThatThrownBy(() -> BakeRequest.builder("${BUILD_NUMBER}-web").sourceAmi("ami-0123456789abcdef0")
                .userData("echo").keep(3).build(ENV))
                .hasMessageStartingWith("Invalid amiName '${BUILD_NUMBER}-web': keep deregisters older AMIs whose names start "
                        + "like this one, but the name has no fixed beginning ('')");
        assertThat(valid().keep(3).build(ENV).amiName().retentionPrefix()).isEqualTo("web-");
    }

    @Test
    void bakeKey_changesWithWhatGoesIntoTheImage_notWithWhereItGoes() {
        BakeRequest base = valid().build(ENV);
        String key = BakeKey.of(base, "ami-0123456789abcdef0");

        assertThat(BakeKey.of(valid().regions(List.of("eu-west-1")).tags(List.of("a=b")).keep(3)
                .shareWithAccounts(List.of("111111111111")).build(Map.of("BUILD_NUMBER", "8")), "ami-0123456789abcdef0"))
                .isEqualTo(key);
        assertThat(BakeKey.of(base, "ami-0123456789abcdef1")).isNotEqualTo(key);
        assertThat(BakeKey.of(valid().userData("echo hi!").build(ENV), "ami-0123456789abcdef0")).isNotEqualTo(key);
        assertThat(BakeKey.of(valid().instanceType("t3.large").build(ENV), "ami-0123456789abcdef0")).isNotEqualTo(key);
        assertThat(BakeKey.of(valid().rootVolumeSize(20).build(ENV), "ami-0123456789abcdef0")).isNotEqualTo(key);
        assertThat(key).hasSize(32).matches("[0-9a-f]+");
    }

    @Test
    void amiFilter_defaultsOwnersToSelf() {
        assertThat(new AmiFilter("base-*", List.of(), Map.of(), false).owners()).containsExactly("self");
        assertThatThrownBy(() -> new AmiFilter("base-*", List.of("everyone"), Map.of(), false))
                .hasMessage("Invalid sourceAmiFilter owner 'everyone': use self, amazon, aws-marketplace or a 12-digit account id.");
        assertThatThrownBy(() -> new AmiFilter(" ", List.of(), Map.of(), false))
                .hasMessageStartingWith("Invalid sourceAmiFilter: give the name pattern");
    }
}
