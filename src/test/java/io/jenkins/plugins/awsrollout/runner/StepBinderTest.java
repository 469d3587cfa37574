package io.jenkins.plugins.awsrollout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.runner.BinderSteps.AllAtOnce;
import io.jenkins.plugins.awsrollout.runner.BinderSteps.DeployStep;
import io.jenkins.plugins.awsrollout.runner.BinderSteps.EchoStep;
import io.jenkins.plugins.awsrollout.runner.BinderSteps.HealthCheck;
import io.jenkins.plugins.awsrollout.runner.BinderSteps.Mode;
import io.jenkins.plugins.awsrollout.runner.BinderSteps.Rolling;
import io.jenkins.plugins.awsrollout.runner.BinderSteps.SettingsStep;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.codehaus.groovy.runtime.GStringImpl;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The binder against test-only steps: what each kind of argument binds to, and how each mistake is reported. */
class StepBinderTest {

    private static final StepBinder BINDER = new StepBinder(StepCatalog.of(DeployStep.class, EchoStep.class,
            SettingsStep.class, Rolling.class, AllAtOnce.class, HealthCheck.class));
    private static final String DEPLOY = DeployStep.class.getName();

    static Stream<Arguments> bindings() {
        return Stream.of(
                row("named constructor parameters", "binderDeploy", deploy(), (DeployStep s) -> {
                    assertThat(s.group).isEqualTo("web");
                    assertThat(s.batchSize).isEqualTo(2);
                    assertThat(s.mode).isEqualTo(Mode.ROLLING);
                }),
                row("GString to String", "binderDeploy", deploy("group", gstring("web-", "prod")),
                        (DeployStep s) -> assertThat(s.group).isEqualTo("web-prod")),
                row("string to int", "binderDeploy", deploy("batchSize", "3"),
                        (DeployStep s) -> assertThat(s.batchSize).isEqualTo(3)),
                row("Long to int", "binderDeploy", deploy("batchSize", 4L),
                        (DeployStep s) -> assertThat(s.batchSize).isEqualTo(4)),
                row("Integer to long", "binderDeploy", deploy("timeoutMinutes", 90),
                        (DeployStep s) -> assertThat(s.timeoutMinutes).isEqualTo(90L)),
                row("Groovy decimal to Double", "binderDeploy", deploy("ratio", new BigDecimal("0.25")),
                        (DeployStep s) -> assertThat(s.ratio).isEqualTo(0.25)),
                row("string to boolean", "binderDeploy", deploy("dryRun", "true"),
                        (DeployStep s) -> assertThat(s.dryRun).isTrue()),
                row("one-letter string to Character", "binderDeploy", deploy("separator", ","),
                        (DeployStep s) -> assertThat(s.separator).isEqualTo(',')),
                row("enum by name", "binderDeploy", deploy("mode", "ALL_AT_ONCE"),
                        (DeployStep s) -> assertThat(s.mode).isEqualTo(Mode.ALL_AT_ONCE)),
                row("list of GStrings to List<String>", "binderDeploy", deploy("tags", List.of(gstring("a", "1"), "b")),
                        (DeployStep s) -> assertThat(s.tags).containsExactly("a1", "b")),
                row("array to List<String>", "binderDeploy", deploy("tags", new String[] {"x", "y"}),
                        (DeployStep s) -> assertThat(s.tags).containsExactly("x", "y")),
                row("mixed numbers to List<Integer>", "binderDeploy", deploy("weights", List.of("1", 2L, 3)),
                        (DeployStep s) -> assertThat(s.weights).containsExactly(1, 2, 3)),
                row("list to Set<String>", "binderDeploy", deploy("zones", List.of("a", "b", "a")),
                        (DeployStep s) -> assertThat(s.zones).containsExactly("a", "b")),
                row("list to String[]", "binderDeploy", deploy("aliases", List.of("w", gstring("v", "2"))),
                        (DeployStep s) -> assertThat(s.aliases).containsExactly("w", "v2")),
                row("inherited setter (AwsStepBase connection)", "binderDeploy", deploy("region", "eu-west-1"),
                        (DeployStep s) -> assertThat(s.getRegion()).isEqualTo("eu-west-1")),
                row("field setter", "binderDeploy", deploy("note", "hello"),
                        (DeployStep s) -> assertThat(s.note).isEqualTo("hello")),
                row("map to concrete nested describable", "binderDeploy",
                        deploy("check", Map.of("path", "/health", "graceSeconds", "30")),
                        (DeployStep s) -> assertThat(s.check).hasToString("HealthCheck(/health, grace 30)")),
                row("list of maps to List<nested>", "binderDeploy",
                        deploy("checks", List.of(Map.of("path", "/a"), Map.of("path", "/b"))),
                        (DeployStep s) -> assertThat(s.checks).extracting(Object::toString)
                                .containsExactly("HealthCheck(/a, grace 0)", "HealthCheck(/b, grace 0)")),
                row("abstract nested by simple $class", "binderDeploy",
                        deploy("strategy", Map.of("$class", "Rolling", "batchSize", 3, "pauseSeconds", 10)),
                        (DeployStep s) -> assertThat(s.strategy).hasToString("Rolling(3, pause 10)")),
                row("abstract nested by qualified $class", "binderDeploy",
                        deploy("strategy", Map.of("$class", AllAtOnce.class.getName())),
                        (DeployStep s) -> assertThat(s.strategy).isInstanceOf(AllAtOnce.class)),
                row("abstract nested by symbol", "binderDeploy",
                        deploy("strategy", new Uninstantiated("rolling", Map.of("batchSize", 5))),
                        (DeployStep s) -> assertThat(s.strategy).hasToString("Rolling(5, pause 0)")),
                row("symbol with one unnamed argument", "binderDeploy",
                        deploy("strategy", new Uninstantiated("rolling", Map.of(Uninstantiated.UNNAMED, 6))),
                        (DeployStep s) -> assertThat(s.strategy).hasToString("Rolling(6, pause 0)")),
                row("explicit null leaves a primitive setter alone", "binderDeploy", deploy("dryRun", null),
                        (DeployStep s) -> assertThat(s.dryRun).isFalse()),
                row("single unnamed argument to the sole constructor parameter", "binderEcho", new Object[] {"hi"},
                        (EchoStep s) -> assertThat(s.message).isEqualTo("hi")),
                row("named sole parameter and setter", "binderEcho", new Object[] {Map.of("message", "hi", "level", 2)},
                        (EchoStep s) -> assertThat(s.level).isEqualTo(2)),
                row("a map is the value of a map-only step", "binderSettings", new Object[] {Map.of("a", 1)},
                        (SettingsStep s) -> assertThat(s.settings).isEqualTo(Map.of("a", 1))),
                row("a map-only step's parameter named", "binderSettings",
                        new Object[] {Map.of("settings", Map.of("a", 1))},
                        (SettingsStep s) -> assertThat(s.settings).isEqualTo(Map.of("a", 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bindings")
    <S extends Step> void bind_binds(String title, String function, Object[] args, Consumer<S> check) {
        @SuppressWarnings("unchecked")
        S step = (S) BINDER.bind(function, args);
        check.accept(step);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                failure("unknown parameter", "binderDeploy", deploy("bogus", 1),
                        "binderDeploy: Unknown parameter(s) found for class type '" + DEPLOY + "': bogus (its parameters "
                                + "are group, batchSize, aliases, check, checks, credentialsId, dryRun, endpointUrl, "
                                + "externalId, failOnError, mode, note, ratio, region, roleArn, separator, strategy, tags, "
                                + "timeoutMinutes, weights, zones)"),
                failure("missing required parameter", "binderDeploy", new Object[] {Map.of("group", "web")},
                        "binderDeploy: Missing required parameter(s) for class type '" + DEPLOY + "': batchSize"),
                failure("no arguments at all", "binderEcho", new Object[0],
                        "binderEcho: Missing required parameter(s) for class type '" + EchoStep.class.getName() + "': message"),
                failure("list for an int", "binderDeploy", deploy("batchSize", new ArrayList<>(List.of(1, 2))),
                        "binderDeploy: batchSize must be a whole number, got [1, 2]"),
                failure("word for an int", "binderDeploy", deploy("batchSize", "two"),
                        "binderDeploy: batchSize must be a whole number, got 'two'"),
                failure("unknown enum constant", "binderDeploy", deploy("mode", "FAST"),
                        "binderDeploy: mode must be one of 'ROLLING', 'ALL_AT_ONCE', got 'FAST'"),
                failure("unnamed argument to a step with two required parameters", "binderDeploy", new Object[] {"web"},
                        "binderDeploy: Expected named arguments but got 'web'"),
                failure("two unnamed arguments", "binderEcho", new Object[] {"a", "b"},
                        "binderEcho: Expected named arguments but got [a, b]"),
                failure("unknown nested parameter", "binderDeploy", deploy("check", Map.of("path", "/", "grace", 1)),
                        "binderDeploy: Unknown parameter(s) found for class type '" + HealthCheck.class.getName()
                                + "': grace (its parameters are path, graceSeconds)"),
                failure("nested constructor rejecting a value", "binderDeploy", deploy("check", Map.of("path", "health")),
                        "binderDeploy: path must start with /: health"),
                failure("abstract nested without $class", "binderDeploy", deploy("strategy", Map.of("batchSize", 1)),
                        "binderDeploy: must specify $class with an implementation of " + BinderSteps.Strategy.class),
                failure("unknown $class", "binderDeploy", deploy("strategy", Map.of("$class", "Canary")),
                        "binderDeploy: no known implementation of " + BinderSteps.Strategy.class + " is named Canary"),
                failure("unknown symbol", "binderDeploy", deploy("strategy", new Uninstantiated("canary", Map.of())),
                        "binderDeploy: no known implementation of " + BinderSteps.Strategy.class + " is using symbol ‘canary’"),
                failure("unknown step", "binderNope", new Object[0], "No such step: binderNope"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void bind_failsNamingTheStepAndTheParameter(String title, String function, Object[] args, String message) {
        assertThatThrownBy(() -> BINDER.bind(function, args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void scan_findsOurStepsByTheirFunctionNamesAndTheSymbolsOfNestedDescribables() {
        StepCatalog catalog = StepCatalog.scan();

        assertThat(catalog.steps()).containsKeys("scriptedStep", "binderDeploy", "binderEcho", "binderSettings");
        assertThat(catalog.steps().get("scriptedStep").clazz).isEqualTo(ScriptedStep.class);
        assertThat(catalog.symbols()).containsEntry("rolling", List.of(Rolling.class))
                .containsEntry("allAtOnce", List.of(AllAtOnce.class));
        assertThat(catalog.implementationsOf(BinderSteps.Strategy.class)).containsExactlyInAnyOrder(Rolling.class, AllAtOnce.class);
    }

    private static Object[] deploy() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("group", "web");
        args.put("batchSize", 2);
        return new Object[] {args};
    }

    private static Object[] deploy(String name, Object value) {
        Object[] args = deploy();
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) args[0];
        map.put(name, value);
        return args;
    }

    private static GStringImpl gstring(String text, Object value) {
        return new GStringImpl(new Object[] {value}, new String[] {text, ""});
    }

    private static <S extends Step> Arguments row(String title, String function, Object[] args, Consumer<S> check) {
        return Arguments.of(title, function, args, check);
    }

    private static Arguments failure(String title, String function, Object[] args, String message) {
        return Arguments.of(title, function, args, message);
    }
}
