package io.jenkins.plugins.awsrollout.config;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AllowList;
import io.jenkins.plugins.awsrollout.engine.aws.AwsInput;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSessions;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.engine.aws.CallerIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import software.amazon.awssdk.regions.Region;

/**
 * The form logic of the connection fields ({@code region}, {@code credentialsId}, {@code roleArn},
 * {@code externalId}, {@code endpointUrl}) shared by the global configuration, every step and every builder.
 * Callers check permissions first.
 */
public final class ConnectionFields {

    private ConnectionFields() {}

    /** Every region the SDK knows; the field stays free text so that new regions work before the SDK knows them. */
    public static ComboBoxModel regions() {
        ComboBoxModel model = new ComboBoxModel();
        Region.regions().stream().map(Region::id).sorted().forEach(model::add);
        return model;
    }

    public static FormValidation checkRegion(@CheckForNull String value) {
        Optional<String> problem = AwsInput.checkRegion(value);
        if (problem.isPresent()) {
            return FormValidation.error(problem.get());
        }
        boolean known = value == null || value.isBlank()
                || Region.regions().stream().anyMatch(r -> r.id().equals(value.trim()));
        return known ? FormValidation.ok() : FormValidation.warning("'" + value + "' is not a region this plugin's AWS SDK knows; it will be used as given.");
    }

    public static FormValidation checkRoleArn(@CheckForNull String value) {
        return asValidation(AwsInput.checkRoleArn(value));
    }

    public static FormValidation checkExternalId(@CheckForNull String value) {
        return asValidation(AwsInput.checkExternalId(value));
    }

    public static FormValidation checkEndpointUrl(@CheckForNull String value) {
        return asValidation(AwsInput.checkEndpointUrl(value).or(() -> AllowList.checkTransport(value)));
    }

    /**
     * The AWS credentials a user may pick: in a job's context those the job can use, at the root (item null) those
     * of the global store, for administrators only. Without permission only the current value is listed.
     */
    public static ListBoxModel credentialsItems(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel model = new StandardListBoxModel();
        String value = current == null ? "" : current;
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return model.includeCurrentValue(value);
            }
            return model.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), AmazonWebServicesCredentials.class, List.of(),
                            CredentialsMatchers.always())
                    .includeCurrentValue(value);
        }
        if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return model.includeCurrentValue(value);
        }
        return model.includeEmptyValue()
                .includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        item, AmazonWebServicesCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(value);
    }

    /** STS GetCallerIdentity with the given settings; the message names the account and the ARN. */
    public static FormValidation testConnection(AwsConnection connection) {
        try (AwsSessions sessions = new AwsSessions()) {
            // Only administrators test from the global page: the controller's identity is theirs to see.
            AwsTarget target = connection.resolve(AwsDefaults.none(), Map.of("JOB_NAME", "test-connection"));
            CallerIdentity identity = CallerIdentity.of(sessions.session(
                    target,
                    JenkinsAwsCredentials.global(target.credentialsId()),
                    AwsDefaults.none().retry(),
                    JenkinsProxy.settings()));
            return FormValidation.ok("Connected to account " + identity.account() + " in " + target.region() + " as "
                    + identity.arn());
        } catch (OperationFailedException e) {
            return FormValidation.error(e.getMessage());
        } catch (Exception e) {
            return FormValidation.error("Could not connect: " + AwsFailure.of(e).sentence());
        }
    }

    private static FormValidation asValidation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }
}
