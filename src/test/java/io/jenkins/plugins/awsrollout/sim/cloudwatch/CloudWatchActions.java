package io.jenkins.plugins.awsrollout.sim.cloudwatch;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DisableAlarmActionsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DisableAlarmActionsResponse;
import software.amazon.awssdk.services.cloudwatch.model.EnableAlarmActionsRequest;
import software.amazon.awssdk.services.cloudwatch.model.EnableAlarmActionsResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;

/** CloudWatch metric alarms: PutMetricAlarm, DescribeAlarms, SetAlarmState, DeleteAlarms, Enable/DisableAlarmActions. */
public final class CloudWatchActions {
    private static final List<String> STATES = List.of("OK", "ALARM", "INSUFFICIENT_DATA");
    private static final List<String> COMPARISONS = List.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
            "LessThanOrEqualToThreshold", "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold");

    private final Cloud cloud;

    CloudWatchActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private CloudWatchRegion alarms(RequestContext context) {
        return CloudWatchRegion.of(cloud, cloud.region(context));
    }

    static software.amazon.awssdk.services.cloudwatch.model.MetricAlarm view(MetricAlarm a) {
        PutMetricAlarmRequest d = a.definition;
        return software.amazon.awssdk.services.cloudwatch.model.MetricAlarm.builder()
                .alarmName(a.name).alarmArn(a.arn).alarmDescription(d.alarmDescription())
                .alarmConfigurationUpdatedTimestamp(a.configurationUpdated)
                .actionsEnabled(d.actionsEnabled() == null || d.actionsEnabled())
                .okActions(Pojos.present(d.okActions()) ? d.okActions() : List.of())
                .alarmActions(Pojos.present(d.alarmActions()) ? d.alarmActions() : List.of())
                .insufficientDataActions(Pojos.present(d.insufficientDataActions()) ? d.insufficientDataActions() : List.of())
                .stateValue(a.state).stateReason(a.stateReason).stateReasonData(a.stateReasonData).stateUpdatedTimestamp(a.stateUpdated)
                .stateTransitionedTimestamp(a.stateUpdated)
                .metricName(d.metricName()).namespace(d.namespace()).statistic(d.statisticAsString()).extendedStatistic(d.extendedStatistic())
                .dimensions(Pojos.present(d.dimensions()) ? d.dimensions() : List.of()).period(d.period()).unit(d.unitAsString())
                .evaluationPeriods(d.evaluationPeriods()).datapointsToAlarm(d.datapointsToAlarm()).threshold(d.threshold())
                .comparisonOperator(d.comparisonOperatorAsString()).treatMissingData(d.treatMissingData())
                .metrics(Pojos.present(d.metrics()) ? d.metrics() : null)
                .build();
    }

    public PutMetricAlarmResponse handle(PutMetricAlarmRequest r, RequestContext context) {
        if (r.alarmName() == null || r.alarmName().isEmpty() || r.alarmName().length() > 255) {
            throw SimError.client("ValidationError", "1 validation error detected: Value at 'alarmName' failed to satisfy constraint: "
                    + "Member must have length between 1 and 255");
        }
        if (r.evaluationPeriods() == null || r.evaluationPeriods() < 1) {
            throw SimError.client("ValidationError", "The parameter EvaluationPeriods must be greater than or equal to 1.");
        }
        if (r.comparisonOperatorAsString() == null || !COMPARISONS.contains(r.comparisonOperatorAsString())) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + r.comparisonOperatorAsString()
                    + "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: " + COMPARISONS);
        }
        boolean metric = r.metricName() != null;
        boolean math = Pojos.present(r.metrics()) && !r.metrics().isEmpty();
        if (metric == math) {
            throw SimError.client("ValidationError", "Exactly one of MetricName and Metrics must be specified.");
        }
        if (metric && (r.namespace() == null || r.period() == null || (r.statistic() == null && r.extendedStatistic() == null))) {
            throw SimError.client("ValidationError",
                    "Namespace, Period and one of Statistic or ExtendedStatistic are required with MetricName.");
        }
        alarms(context).put(r);
        return PutMetricAlarmResponse.builder().build();
    }

    public DescribeAlarmsResponse handle(DescribeAlarmsRequest r, RequestContext context) {
        if (r.stateValueAsString() != null && !STATES.contains(r.stateValueAsString())) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + r.stateValueAsString()
                    + "' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: " + STATES);
        }
        if (Pojos.present(r.alarmNames()) && !r.alarmNames().isEmpty() && r.alarmNamePrefix() != null) {
            throw SimError.client("InvalidParameterCombination", "AlarmNames and AlarmNamePrefix cannot be used together.");
        }
        List<MetricAlarm> selected = new ArrayList<>();
        for (MetricAlarm a : alarms(context).alarms().values()) {
            if (Pojos.present(r.alarmNames()) && !r.alarmNames().isEmpty() && !r.alarmNames().contains(a.name)
                    || r.alarmNamePrefix() != null && !a.name.startsWith(r.alarmNamePrefix())
                    || r.stateValueAsString() != null && !r.stateValueAsString().equals(a.state)
                    || r.actionPrefix() != null && (!Pojos.present(a.definition.alarmActions())
                            || a.definition.alarmActions().stream().noneMatch(x -> x.startsWith(r.actionPrefix())))) {
                continue;
            }
            selected.add(a);
        }
        boolean metricAlarms = !Pojos.present(r.alarmTypes()) || r.alarmTypes().isEmpty()
                || r.alarmTypesAsStrings().contains("MetricAlarm");
        if (!metricAlarms) {
            selected.clear();
        }
        int max = r.maxRecords() == null ? 50 : r.maxRecords();
        if (max < 1 || max > 100) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + max
                    + "' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        Paging<MetricAlarm> page = Paging.page(selected, max, r.nextToken(), 50,
                SimError.client("InvalidNextToken", "The service couldn't process the NextToken."));
        return DescribeAlarmsResponse.builder().metricAlarms(page.items().stream().map(CloudWatchActions::view).toList())
                .compositeAlarms(List.of()).nextToken(page.nextToken()).build();
    }

    public SetAlarmStateResponse handle(SetAlarmStateRequest r, RequestContext context) {
        CloudWatchRegion region = alarms(context);
        MetricAlarm alarm = region.alarm(r.alarmName());
        if (!STATES.contains(r.stateValueAsString())) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + r.stateValueAsString()
                    + "' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: " + STATES);
        }
        if (r.stateReasonData() != null) {
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stateReasonData());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw SimError.client("InvalidFormat", "StateReasonData is not valid JSON: " + e.getOriginalMessage());
            }
        }
        region.setState(alarm, r.stateValueAsString(), r.stateReason(), r.stateReasonData());
        return SetAlarmStateResponse.builder().build();
    }

    public DeleteAlarmsResponse handle(DeleteAlarmsRequest r, RequestContext context) {
        CloudWatchRegion region = alarms(context);
        List<String> missing = r.alarmNames().stream().filter(n -> !region.alarms().containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new SimError(404, "ResourceNotFound", "The following alarms were not found: " + String.join(", ", missing));
        }
        r.alarmNames().forEach(region.alarms()::remove);
        return DeleteAlarmsResponse.builder().build();
    }

    public EnableAlarmActionsResponse handle(EnableAlarmActionsRequest r, RequestContext context) {
        CloudWatchRegion region = alarms(context);
        r.alarmNames().forEach(n -> region.alarm(n).definition = region.alarm(n).definition.toBuilder().actionsEnabled(true).build());
        return EnableAlarmActionsResponse.builder().build();
    }

    public DisableAlarmActionsResponse handle(DisableAlarmActionsRequest r, RequestContext context) {
        CloudWatchRegion region = alarms(context);
        r.alarmNames().forEach(n -> region.alarm(n).definition = region.alarm(n).definition.toBuilder().actionsEnabled(false).build());
        return DisableAlarmActionsResponse.builder().build();
    }
}
