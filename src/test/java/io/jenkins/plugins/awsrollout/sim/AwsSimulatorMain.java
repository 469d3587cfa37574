package io.jenkins.plugins.awsrollout.sim;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Runs the simulator standalone until killed:
 * {@code mvn -B -q -f offline/pom.xml test-compile exec:java@aws-sim -Dsim.port=PORT [-Dsim.world=FILE] [-Dsim.speed=N]}.
 *
 * <p>System properties: {@code sim.port} (0 = any free port), {@code sim.world} (a world file;
 * default {@code docs/examples/demo-world.json} under {@code project.root}), {@code sim.speed}
 * (simulated seconds per real second, default 60), {@code sim.callLog} (a file the call log is written to when the
 * simulator is stopped: service, action, access key id, outcome, HTTP status, tab-separated).
 */
public final class AwsSimulatorMain {
    private AwsSimulatorMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("project.root", "."));
        String worldProperty = blankToNull(System.getProperty("sim.world"));
        Path worldFile = worldProperty == null ? root.resolve("docs/examples/demo-world.json") : root.resolve(worldProperty);
        String speedProperty = blankToNull(System.getProperty("sim.speed"));
        double speed = speedProperty == null ? 60 : Double.parseDouble(speedProperty);
        String portProperty = blankToNull(System.getProperty("sim.port"));
        int port = portProperty == null ? 0 : Integer.parseInt(portProperty);
        World world = World.fromFile(worldFile);
        ScaledClock clock = ScaledClock.startingAt(Instant.now().truncatedTo(ChronoUnit.SECONDS), speed);
        AwsSimulator sim = AwsSimulator.start(world, clock, port);
        String callLog = blankToNull(System.getProperty("sim.callLog"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            if (callLog != null) {
                writeCallLog(sim, root.resolve(callLog));
            }
        }));
        System.out.println("aws-sim listening on " + sim.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** One line per answered call: service, action, access key id, outcome (OK or the error code), HTTP status. */
    private static void writeCallLog(AwsSimulator sim, Path file) {
        StringBuilder text = new StringBuilder();
        for (Call call : sim.calls().all()) {
            text.append(call.service()).append('\t').append(call.action()).append('\t').append(call.accessKeyId()).append('\t')
                    .append(call.outcome()).append('\t').append(call.httpStatus()).append('\n');
        }
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            System.err.println("aws-sim: cannot write the call log to " + file + ": " + e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
