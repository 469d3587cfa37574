package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationRevisionsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationRevisionsResponse;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;

/**
 * ListApplicationRevisions: the revisions an application knows (registered or deployed), filtered by bucket and key
 * prefix and by being some deployment group's target revision ({@code deployed}), sorted as asked.
 */
public final class RevisionListActions {
    private final Cloud cloud;

    RevisionListActions(Cloud cloud) {
        this.cloud = cloud;
    }

    public ListApplicationRevisionsResponse listApplicationRevisions(ListApplicationRevisionsRequest request, RequestContext context) {
        if (request.applicationName() == null || request.applicationName().isEmpty()) {
            throw SimError.client("ApplicationNameRequiredException", "The minimum number of required application names was not specified.");
        }
        Application application = CodeDeployRegion.of(cloud.region(context)).application(request.applicationName());
        if (request.s3KeyPrefix() != null && request.s3Bucket() == null) {
            throw SimError.client("BucketNameFilterRequiredException", "A bucket name is required, but was not provided.");
        }
        String deployed = request.deployedAsString() == null ? "ignore" : request.deployedAsString();
        if (!List.of("include", "exclude", "ignore").contains(deployed)) {
            throw SimError.client("InvalidDeployedStateFilterException", "The deployed state filter was specified in an invalid format.");
        }
        String sortBy = request.sortByAsString() == null ? "registerTime" : request.sortByAsString();
        Function<Application.RegisteredRevision, Instant> key = switch (sortBy) {
            case "registerTime" -> r -> r.registerTime;
            case "firstUsedTime" -> r -> r.firstUsedTime;
            case "lastUsedTime" -> r -> r.lastUsedTime;
            default -> throw SimError.client("InvalidSortByException", "The column name to sort by is either not present or was specified in an invalid format.");
        };
        String sortOrder = request.sortOrderAsString() == null ? "ascending" : request.sortOrderAsString();
        if (!sortOrder.equals("ascending") && !sortOrder.equals("descending")) {
            throw SimError.client("InvalidSortOrderException", "The sort order was specified in an invalid format.");
        }
        List<Application.RegisteredRevision> selected = new ArrayList<>();
        for (Application.RegisteredRevision r : application.revisions) {
            RevisionLocation location = r.revision;
            if (request.s3Bucket() != null && (location.s3Location() == null || !request.s3Bucket().equals(location.s3Location().bucket())
                    || request.s3KeyPrefix() != null && !location.s3Location().key().startsWith(request.s3KeyPrefix()))) {
                continue;
            }
            boolean isTarget = application.groups.values().stream()
                    .anyMatch(g -> g.targetRevision != null && Revisions.same(g.targetRevision, location));
            if (deployed.equals("include") && !isTarget || deployed.equals("exclude") && isTarget) {
                continue;
            }
            selected.add(r);
        }
        Comparator<Application.RegisteredRevision> order = Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
        selected.sort(sortOrder.equals("descending") ? order.reversed() : order);
        Paging<Application.RegisteredRevision> page = Paging.page(selected, null, request.nextToken(), 50, ApplicationActions.invalidToken());
        return ListApplicationRevisionsResponse.builder().revisions(page.items().stream().map(r -> r.revision).toList())
                .nextToken(page.nextToken()).build();
    }
}
