package io.jenkins.plugins.awsrollout.bench;

import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import io.jenkins.plugins.awsrollout.sim.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Section 2: what the rollouts of section 1 cost in API calls, from the simulator's call log. */
final class ApiCost {

    /** Concurrent rollouts in one account and Region the limits are checked for. */
    static final int CONCURRENT = 10;

    /**
     * A service's default request limit as AWS documents it.
     *
     * @param label the service
     * @param service the simulator's service name for its calls
     * @param reads the documented bucket for its Describe calls, as text
     * @param readRefill the documented refill rate of that bucket, per second (0 when AWS publishes none)
     * @param source where the figure comes from
     * @param pace the controller's default pace for the service's writes, per second (0: not paced)
     */
    record Limit(String label, String service, String reads, double readRefill, String source, int pace) {}

    static final List<Limit> LIMITS = List.of(
            new Limit("Auto Scaling", "autoscaling", "one bucket shared by every Auto Scaling call; size not published", 0,
                    "AWS re:Post knowledge center, \"autoscaling-api-calls-throttled\"", ApiRates.DEFAULT_AUTO_SCALING),
            new Limit("ELBv2", "elbv2", "Describe*: bucket 40, refill 10/s", 10,
                    "Elastic Load Balancing user guide, \"Request throttling for the ELB API\"", ApiRates.DEFAULT_ELB),
            new Limit("EC2", "ec2", "each non-mutating action: bucket 100, refill 20/s", 20,
                    "Amazon EC2 developer guide, \"Request throttling for the Amazon EC2 API\"", 0));

    private final List<RolloutRun.Measurement> measurements;

    ApiCost(List<RolloutRun.Measurement> measurements) {
        this.measurements = List.copyOf(measurements);
    }

    /** Reads per poll of every rollout: the same whatever the size of the group (the check of the smoke test). */
    List<Double> readsPerPoll() {
        return measurements.stream().map(m -> (double) m.reads() / Math.max(1, m.polls())).toList();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        Table summary = new Table("Strategy", "Mode", ">Instances", ">Batch", ">Calls", ">Reads", ">Writes", ">Polls",
                ">Reads per poll", ">Reads per batch", ">Writes per instance replaced", ">Calls per minute", ">Most calls in one second");
        for (RolloutRun.Measurement m : measurements) {
            RolloutCase c = m.rolloutCase();
            double minutes = m.duration().toMillis() / 60_000.0;
            summary.row(c.strategy(), c.mode(), c.size(), c.batchPercent() + "%", m.calls().size(), m.reads(), m.writes(), m.polls(),
                    Table.fixed((double) m.reads() / Math.max(1, m.polls()), 2), Table.fixed((double) m.reads() / c.batches(), 1),
                    Table.fixed((double) m.writes() / c.size(), 2), Table.fixed(m.calls().size() / minutes, 1),
                    m.busiestSecond(call -> true));
        }
        out.append(summary.markdown()).append('\n');
        out.append(byAction()).append('\n');
        out.append(limits());
        return out.toString();
    }

    /** Calls by action for terminate first, 10% batches, each size: reads stay flat, only terminations grow. */
    private String byAction() {
        List<RolloutRun.Measurement> chosen = measurements.stream()
                .filter(m -> !m.rolloutCase().launchFirst() && m.rolloutCase().batchPercent() == 10).toList();
        if (chosen.isEmpty()) {
            chosen = measurements;
        }
        TreeSet<String> actions = new TreeSet<>();
        chosen.forEach(m -> actions.addAll(m.byAction().keySet()));
        List<String> columns = new ArrayList<>();
        columns.add("Action (terminate first, " + chosen.get(0).rolloutCase().batchPercent() + "% batches)");
        chosen.forEach(m -> columns.add(">" + m.rolloutCase().strategy() + " × " + m.rolloutCase().size()));
        Table table = new Table(columns.toArray(String[]::new));
        for (String action : actions) {
            List<Object> row = new ArrayList<>();
            row.add(action);
            chosen.forEach(m -> row.add(m.byAction().getOrDefault(action, 0L)));
            table.row(row.toArray());
        }
        List<Object> total = new ArrayList<>();
        total.add("**total**");
        chosen.forEach(m -> total.add(m.calls().size()));
        table.row(total.toArray());
        return table.markdown();
    }

    /**
     * The busiest configuration, ten at once, against each service's documented limit. Their reads add up; their
     * writes share the controller's pace for the service (none for EC2), so at most that many land in one second.
     */
    private String limits() {
        Table table = new Table("Service", ">Worst rate, 1 rollout", ">10 rollouts", ">Of which reads",
                ">Most calls in one second, 10 at once", "Default limit (reads)", "Source");
        for (Limit limit : LIMITS) {
            Predicate<Call> ofService = c -> c.service().equals(limit.service());
            double rate = 0;
            double readRate = 0;
            long readBurst = 0;
            long writeBurst = 0;
            for (RolloutRun.Measurement m : measurements) {
                double seconds = m.duration().toMillis() / 1000.0;
                rate = Math.max(rate, m.count(ofService) / seconds);
                readRate = Math.max(readRate, m.count(ofService.and(c -> !c.mutating())) / seconds);
                readBurst = Math.max(readBurst, m.busiestSecond(ofService.and(c -> !c.mutating())));
                writeBurst = Math.max(writeBurst, m.busiestSecond(ofService.and(Call::mutating)));
            }
            long writes = writeBurst * CONCURRENT;
            if (limit.pace() > 0) {
                writes = Math.min(writes, limit.pace());
            }
            table.row(limit.label(), Table.fixed(rate, 3) + "/s", Table.fixed(rate * CONCURRENT, 2) + "/s",
                    Table.fixed(readRate * CONCURRENT, 2) + "/s", readBurst * CONCURRENT + writes, limit.reads(), limit.source());
        }
        return table.markdown();
    }
}
