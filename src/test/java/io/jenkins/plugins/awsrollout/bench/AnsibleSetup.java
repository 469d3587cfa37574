package io.jenkins.plugins.awsrollout.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ansible for section 5: Debian's {@code ansible} (which bundles the amazon.aws collection) and
 * {@code python3-boto3} (which {@code ansible} does not pull in), installed with {@code apt-get install -y} when
 * missing. Everything runs on the system Python, {@code /usr/bin/python3}, the interpreter those packages are for.
 */
final class AnsibleSetup {

    static final Path PLAYBOOK = Path.of("/usr/bin/ansible-playbook");
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String MODULE = "/usr/lib/python3/dist-packages/ansible_collections/amazon/aws/plugins/modules/autoscaling_group.py";

    /**
     * How the set-up went.
     *
     * @param ready whether ansible-playbook, the module and boto3 are there
     * @param installedNow whether this run installed them
     * @param detail versions when ready, else why not
     */
    record Status(boolean ready, boolean installedNow, String detail) {}

    private AnsibleSetup() {}

    /** Whether everything is there, without installing anything. */
    static boolean present() {
        return Files.isExecutable(PLAYBOOK) && Files.exists(Path.of(MODULE)) && run(List.of(PYTHON.toString(), "-c", "import boto3"), 60).ok();
    }

    /** Installs what is missing (as root, with apt-get), then says what there is. */
    static Status ensure() {
        if (present()) {
            return new Status(true, false, versions());
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "ansible", "python3-boto3"));
        Result result = run(install, 1800);
        if (!result.ok()) {
            // The package lists may be missing (a fresh container): fetch them once and try again.
            Result update = run(List.of("apt-get", "update", "-q"), 900);
            result = update.ok() ? run(install, 1800) : update;
        }
        if (!present()) {
            return new Status(false, false, "apt-get install -y ansible python3-boto3 did not succeed: " + lastLine(result.output()));
        }
        return new Status(true, true, versions());
    }

    private static String versions() {
        Result ansible = run(List.of(PLAYBOOK.toString(), "--version"), 120);
        Result boto = run(List.of(PYTHON.toString(), "-c", "import boto3, botocore; print('boto3', boto3.__version__, 'botocore', botocore.__version__)"), 60);
        Result collection = run(List.of(PYTHON.toString(), "-c", "import json; print(json.load(open('/usr/lib/python3/dist-packages/"
                + "ansible_collections/amazon/aws/MANIFEST.json'))['collection_info']['version'])"), 60);
        return firstLine(ansible.output()).replace("ansible-playbook [core ", "ansible-core ").replace("]", "")
                + ", amazon.aws " + firstLine(collection.output()) + ", " + firstLine(boto.output());
    }

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Result run(List<String> command, long timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
