package io.jenkins.plugins.awsrollout.sim.cloudformation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.Change;

/** A change set: what would change, computed when it was created, and whether it can still be executed. */
final class ChangeSet {
    final String name;
    final String id;
    final Stack stack;
    final String type;
    final Instant created;
    final String clientToken;
    String description;
    String status = "CREATE_PENDING";
    String statusReason;
    String executionStatus = "UNAVAILABLE";
    Template template;
    Map<String, Object> parameters = new LinkedHashMap<>();
    Set<String> noEcho = new LinkedHashSet<>();
    Map<String, String> tags = new LinkedHashMap<>();
    List<String> capabilities = new ArrayList<>();
    String roleArn;
    List<String> notificationArns = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    boolean deleted;

    ChangeSet(String name, String id, Stack stack, String type, Instant created, String clientToken) {
        this.name = name;
        this.id = id;
        this.stack = stack;
        this.type = type;
        this.created = created;
        this.clientToken = clientToken;
    }
}
