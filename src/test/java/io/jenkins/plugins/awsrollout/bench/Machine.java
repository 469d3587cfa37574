package io.jenkins.plugins.awsrollout.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Where and when the benchmarks ran. */
record Machine(String cpu, int cores, String memory, String java, String os, String date) {

    static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemory(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    }

    String markdown(String duration) {
        return "| Machine | |\n| --- | --- |\n"
                + "| CPU | " + cpu + " |\n"
                + "| Cores | " + cores + " |\n"
                + "| Memory | " + memory + " (JVM max heap " + Table.bytes(Runtime.getRuntime().maxMemory()) + ") |\n"
                + "| Java | " + java + " |\n"
                + "| OS | " + os + " |\n"
                + "| Date | " + date + " |\n"
                + "| Full run took | " + duration + " |\n";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux: the architecture is all we know.
        }
        return System.getProperty("os.arch");
    }

    private static String totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Table.bytes(os.getTotalMemorySize());
        }
        return "unknown";
    }
}
