package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Result;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsRolloutGlobalConfiguration;
import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.core.Authentication;

/**
 * Credentials belong to the build: a step names an id that only a folder's store holds, and the build of a job in
 * that folder gets them while a job outside it is refused, naming the id. The folders plugin is not among the sources
 * this harness builds, so the folder is the test harness's {@link MockFolder} and its store a {@link TeamFolderStore}
 * provider serving items inside it, looked up through the same {@link CredentialsProvider} API a folder store answers.
 */
@WithJenkins
class FolderCredentialsJenkinsTest {

    static final String TEAM_CREDENTIALS_ID = "team-aws";
    static final String TEAM_ACCESS_KEY = "AKIATEAMFOLDER000001";

    private AwsSimulator sim;

    @BeforeEach
    void startSimulator() throws Exception {
        sim = AwsStepsPipelineJenkinsTest.demoWorld();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void aFoldersCredentials_serveItsJobs_andNoOtherJob(JenkinsRule j) throws Exception {
        AwsRolloutGlobalConfiguration config = AwsRolloutGlobalConfiguration.get();
        config.setRegion("us-east-1");
        config.setEndpointUrl(sim.endpoint().toString());
        config.setPollIntervalSeconds(1);
        String script = "def r = awsElbRegister autoScalingGroup: 'web', targetGroup: 'web-tg', waitFor: 'none', "
                + "credentialsId: '" + TEAM_CREDENTIALS_ID + "'\necho \"${r.targets.size()} targets\"";
        MockFolder team = j.createFolder("team");
        WorkflowJob inside = team.createProject(WorkflowJob.class, "deploy");
        inside.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowJob outside = j.createProject(WorkflowJob.class, "deploy-elsewhere");
        outside.setDefinition(new CpsFlowDefinition(script, true));

        WorkflowRun ok = j.buildAndAssertSuccess(inside);
        j.assertLogContains("6 targets", ok);
        assertThat(sim.calls().all()).isNotEmpty().extracting(Call::accessKeyId).containsOnly(TEAM_ACCESS_KEY);

        int callsBefore = sim.calls().size();
        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, outside);
        j.assertLogContains("No AWS credentials with id '" + TEAM_CREDENTIALS_ID + "' are available to deploy-elsewhere #1", refused);
        assertThat(sim.calls().size()).isEqualTo(callsBefore);

        // The form offers the folder's credentials to its jobs only.
        AwsElbRegisterStep.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(AwsElbRegisterStep.DescriptorImpl.class);
        assertThat(values(descriptor.doFillCredentialsIdItems(inside, ""))).contains(TEAM_CREDENTIALS_ID);
        assertThat(values(descriptor.doFillCredentialsIdItems(outside, ""))).doesNotContain(TEAM_CREDENTIALS_ID);
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }

    static boolean insideTeam(@Nullable ItemGroup<?> group) {
        for (ItemGroup<?> g = group; g instanceof Item item; g = item.getParent()) {
            if (g instanceof MockFolder && item.getFullName().equals("team")) {
                return true;
            }
        }
        return false;
    }

    /** The team folder's credentials store, as a provider: what it holds is visible to items inside the folder. */
    @TestExtension
    public static final class TeamFolderStore extends CredentialsProvider {
        @NonNull
        @Override
        public <C extends Credentials> List<C> getCredentialsInItemGroup(@NonNull Class<C> type,
                @Nullable ItemGroup itemGroup, @Nullable Authentication authentication,
                @NonNull List<DomainRequirement> domainRequirements) {
            if (!insideTeam(itemGroup) || !type.isAssignableFrom(AWSCredentialsImpl.class)) {
                return List.of();
            }
            return List.of(type.cast(new AWSCredentialsImpl(CredentialsScope.GLOBAL, TEAM_CREDENTIALS_ID, TEAM_ACCESS_KEY,
                    "team/secret/key/0123456789", "the team folder's deployer", null, null, null)));
        }
    }
}
