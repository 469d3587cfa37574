package io.jenkins.plugins.awsrollout.runner;

import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.steps.AwsStepBase;
import io.jenkins.plugins.awsrollout.steps.StepWorkspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Test-only steps and describables covering every binding rule: constructor and setter parameters (inherited and
 * field setters too), primitives and boxes, enums, lists, nested describables (concrete, and abstract chosen by
 * {@code $class} or symbol), a step whose single parameter is a map, a step without parameters. Each step returns
 * what it was bound with, so scripts can show it.
 */
final class BinderSteps {

    private BinderSteps() {}

    enum Mode { ROLLING, ALL_AT_ONCE }

    /** {@code binderDeploy}: two required parameters and optional ones of every kind, plus AwsStepBase's connection. */
    public static final class DeployStep extends AwsStepBase {
        private static final long serialVersionUID = 1L;
        final String group;
        final int batchSize;
        Mode mode = Mode.ROLLING;
        List<String> tags = List.of();
        List<Integer> weights = List.of();
        Set<String> zones = Set.of();
        boolean dryRun;
        long timeoutMinutes = 30;
        Double ratio;
        Character separator;
        Strategy strategy;
        HealthCheck check;
        List<HealthCheck> checks = List.of();
        String[] aliases = new String[0];
        @DataBoundSetter
        String note;

        @DataBoundConstructor
        public DeployStep(String group, int batchSize) {
            this.group = group;
            this.batchSize = batchSize;
        }

        @DataBoundSetter
        public void setMode(Mode mode) {
            this.mode = mode;
        }

        @DataBoundSetter
        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        @DataBoundSetter
        public void setWeights(List<Integer> weights) {
            this.weights = weights;
        }

        @DataBoundSetter
        public void setZones(Set<String> zones) {
            this.zones = zones;
        }

        @DataBoundSetter
        public void setDryRun(boolean dryRun) {
            this.dryRun = dryRun;
        }

        @DataBoundSetter
        public void setTimeoutMinutes(long timeoutMinutes) {
            this.timeoutMinutes = timeoutMinutes;
        }

        @DataBoundSetter
        public void setRatio(Double ratio) {
            this.ratio = ratio;
        }

        @DataBoundSetter
        public void setSeparator(Character separator) {
            this.separator = separator;
        }

        @DataBoundSetter
        public void setStrategy(Strategy strategy) {
            this.strategy = strategy;
        }

        @DataBoundSetter
        public void setCheck(HealthCheck check) {
            this.check = check;
        }

        @DataBoundSetter
        public void setChecks(List<HealthCheck> checks) {
            this.checks = checks;
        }

        @DataBoundSetter
        public void setAliases(String[] aliases) {
            this.aliases = aliases;
        }

        /** What the step was bound with, as the script sees it. */
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", group);
            m.put("batchSize", batchSize);
            m.put("mode", mode.name());
            m.put("tags", tags);
            m.put("weights", weights);
            m.put("dryRun", dryRun);
            m.put("timeoutMinutes", timeoutMinutes);
            m.put("ratio", ratio);
            m.put("strategy", String.valueOf(strategy));
            m.put("check", String.valueOf(check));
            m.put("region", getRegion());
            m.put("note", note);
            return m;
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Immediate(context, describe());
        }

        @Override
        public String functionName() {
            return "binderDeploy";
        }

        /** Never called: this step returns what it was bound with instead of running an operation. */
        @Override
        public Operation<? extends Cursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
            throw new UnsupportedOperationException("binderDeploy runs no operation");
        }

        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of();
            }

            @Override
            public String getFunctionName() {
                return "binderDeploy";
            }
        }
    }

    /** {@code binderEcho 'text'}: one required parameter, so a single unnamed argument binds to it. */
    public static final class EchoStep extends Step {
        final String message;
        int level;

        @DataBoundConstructor
        public EchoStep(String message) {
            this.message = message;
        }

        @DataBoundSetter
        public void setLevel(int level) {
            this.level = level;
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Immediate(context, Map.of("message", message, "level", level));
        }

        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of();
            }

            @Override
            public String getFunctionName() {
                return "binderEcho";
            }
        }
    }

    /** {@code binderSettings a: 1}: its only parameter is a map, so a map argument is that map. */
    public static final class SettingsStep extends Step {
        final Map<String, Object> settings;

        @DataBoundConstructor
        public SettingsStep(Map<String, Object> settings) {
            this.settings = settings;
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Immediate(context, settings);
        }

        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of();
            }

            @Override
            public String getFunctionName() {
                return "binderSettings";
            }
        }
    }

    /** A strategy: abstract, so a map needs {@code $class} and a symbol call names its implementation. */
    public abstract static class Strategy implements Describable<Strategy> {}

    public static final class Rolling extends Strategy {
        final int batchSize;
        int pauseSeconds;

        @DataBoundConstructor
        public Rolling(int batchSize) {
            this.batchSize = batchSize;
        }

        @DataBoundSetter
        public void setPauseSeconds(int pauseSeconds) {
            this.pauseSeconds = pauseSeconds;
        }

        @Override
        public String toString() {
            return "Rolling(" + batchSize + ", pause " + pauseSeconds + ")";
        }

        @Symbol("rolling")
        public static final class DescriptorImpl extends Descriptor<Strategy> {}
    }

    public static final class AllAtOnce extends Strategy {
        @DataBoundConstructor
        public AllAtOnce() {}

        @Override
        public String toString() {
            return "AllAtOnce";
        }

        @Symbol("allAtOnce")
        public static final class DescriptorImpl extends Descriptor<Strategy> {}
    }

    /** A concrete nested value: a map binds to it directly. */
    public static final class HealthCheck {
        final String path;
        int graceSeconds;

        @DataBoundConstructor
        public HealthCheck(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
            this.path = path;
        }

        @DataBoundSetter
        public void setGraceSeconds(int graceSeconds) {
            this.graceSeconds = graceSeconds;
        }

        @Override
        public String toString() {
            return "HealthCheck(" + path + ", grace " + graceSeconds + ")";
        }
    }

    /** Completes at once with a value. */
    static final class Immediate extends StepExecution {
        private static final long serialVersionUID = 1L;
        private final transient Object value;

        Immediate(StepContext context, Object value) {
            super(context);
            this.value = value;
        }

        @Override
        public boolean start() {
            getContext().onSuccess(value);
            return true;
        }
    }
}
