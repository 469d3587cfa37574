package io.jenkins.plugins.awsrollout.engine.cfn;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * The events of one stack operation that were not shown yet: DescribeStackEvents answers newest first, so pages are
 * read until the last event already shown, or the first one of an earlier operation (another client request token).
 */
final class StackEvents {
    /** A first poll reads at most this many pages (a stack with a long history). */
    static final int MAX_PAGES = 10;

    private StackEvents() {}

    /** The new events of the operation, oldest first. */
    static List<StackEvent> since(CloudFormationClient cfn, String stackId, @CheckForNull String lastEventId, Set<String> tokens) {
        List<StackEvent> newestFirst = new ArrayList<>();
        String next = null;
        int pages = 0;
        outer:
        do {
            String page = next;
            DescribeStackEventsResponse response = cfn.describeStackEvents(r -> r.stackName(stackId).nextToken(page));
            for (StackEvent event : response.stackEvents()) {
                if (Objects.equals(event.eventId(), lastEventId)) {
                    break outer;
                }
                if (!tokens.contains(event.clientRequestToken())) {
                    // Older than this operation: its events are the newest ones of the stack.
                    break outer;
                }
                newestFirst.add(event);
            }
            next = response.nextToken();
        } while (next != null && ++pages < MAX_PAGES);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** {@code WebGroup AWS::AutoScaling::AutoScalingGroup CREATE_FAILED: reason}. */
    static String line(StackEvent event) {
        String reason = event.resourceStatusReason();
        return event.logicalResourceId() + " " + event.resourceType() + " " + event.resourceStatusAsString()
                + (reason == null || reason.isBlank() || reason.equals("User Initiated") ? "" : ": " + reason.strip());
    }

    /** A resource (not the stack) that failed for a reason of its own (not because another one failed first). */
    static boolean isFailure(StackEvent event) {
        String status = event.resourceStatusAsString();
        String reason = event.resourceStatusReason() == null ? "" : event.resourceStatusReason();
        return status != null && status.endsWith("_FAILED") && !"AWS::CloudFormation::Stack".equals(event.resourceType())
                && !reason.contains("cancelled");
    }

    static String failure(StackEvent event) {
        return event.logicalResourceId() + " (" + event.resourceType() + ") " + event.resourceStatusAsString()
                + (event.resourceStatusReason() == null ? "" : ": " + event.resourceStatusReason().strip());
    }
}
