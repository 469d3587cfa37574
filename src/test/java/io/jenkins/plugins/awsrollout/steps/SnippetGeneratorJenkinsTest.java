package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.Binding;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.GroovyShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.codehaus.groovy.runtime.GStringImpl;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What the Snippet Generator writes for a step is the call the docs show: every call of an aws-rollout step in the
 * {@code groovy} blocks of README.md and docs/steps/*.md is bound into its step as Pipeline would bind it, turned
 * back into text by the real Snippetizer, and that text must name the same step with the same arguments and values
 * (an argument the docs spell out at its default value is the only thing the generator may leave out). Variables
 * the docs use ({@code bake.amiId}) stand for themselves as text; calls holding other method calls
 * ({@code readFile(…)}) are left out.
 */
@WithJenkins
class SnippetGeneratorJenkinsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Map<String, Class<? extends Step>> STEPS = Map.of(
            "awsAsgRollout", AwsAsgRolloutStep.class,
            "awsBakeAmi", AwsBakeAmiStep.class,
            "awsCodeDeploy", AwsCodeDeployStep.class,
            "awsElbRegister", AwsElbRegisterStep.class);
    private static final Pattern BLOCK = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile(
            "^\\s*(?:def\\s+\\w+\\s*=\\s*|\\w+\\s*=\\s*)?(" + String.join("|", STEPS.keySet()) + ")\\s+(\\w+\\s*:.*)$");

    @Test
    void snippetOfEveryDocumentedCall_isThatCall(JenkinsRule j) throws Exception {
        List<DocCall> calls = documentedCalls();
        Map<String, Integer> checked = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (DocCall call : calls) {
            Map<String, Object> documented;
            try {
                documented = plain(arguments(call.arguments()));
            } catch (RuntimeException notLiteral) {
                continue; // holds a call such as readFile(…): not something a form can say
            }
            Step step = new DescribableModel<>(STEPS.get(call.function())).instantiate(documented);
            String snippet = Snippetizer.object2Groovy(step);
            assertThat(snippet).as(call.where()).startsWith(call.function() + " ");
            Map<String, Object> generated = withoutClassKeys(arguments(snippet.substring(call.function().length() + 1)));
            Map<String, Object> expected = withoutClassKeys(documented);
            for (Map.Entry<String, Object> argument : expected.entrySet()) {
                if (!generated.containsKey(argument.getKey())) {
                    // left out by the generator: must be the parameter's default
                    Map<String, Object> without = new LinkedHashMap<>(documented);
                    without.remove(argument.getKey());
                    Step defaulted = new DescribableModel<>(STEPS.get(call.function())).instantiate(without);
                    if (!Snippetizer.object2Groovy(defaulted).equals(snippet)) {
                        mismatches.add(call.where() + ": " + argument.getKey() + " missing from " + snippet);
                    }
                }
            }
            generated.keySet().stream().filter(k -> !expected.containsKey(k))
                    .forEach(k -> mismatches.add(call.where() + ": " + k + " added in " + snippet));
            generated.forEach((k, v) -> {
                if (expected.containsKey(k) && !expected.get(k).equals(v)) {
                    mismatches.add(call.where() + ": " + k + " is " + v + " in the snippet, " + expected.get(k)
                            + " in the docs: " + snippet);
                }
            });
            checked.merge(call.function(), 1, Integer::sum);
        }
        assertThat(mismatches).isEmpty();
        assertThat(checked).as("documented calls checked per step").containsOnlyKeys(STEPS.keySet())
                .allSatisfy((function, count) -> assertThat(count).isPositive());
    }

    record DocCall(String where, String function, String arguments) {}

    /** Every call of an aws-rollout step at the start of a statement, continuation lines joined. */
    static List<DocCall> documentedCalls() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> steps = Files.list(ROOT.resolve("docs/steps"))) {
            steps.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<DocCall> calls = new ArrayList<>();
        for (Path doc : docs) {
            Matcher block = BLOCK.matcher(Files.readString(doc));
            while (block.find()) {
                String[] lines = block.group(1).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    Matcher call = CALL.matcher(lines[i]);
                    if (!call.matches()) {
                        continue;
                    }
                    StringBuilder arguments = new StringBuilder(call.group(2));
                    while ((open(arguments) > 0 || arguments.toString().strip().endsWith(",")) && i + 1 < lines.length) {
                        arguments.append('\n').append(lines[++i]);
                    }
                    calls.add(new DocCall(ROOT.relativize(doc) + ": " + call.group(1) + " " + call.group(2),
                            call.group(1), arguments.toString()));
                }
            }
        }
        return calls;
    }

    /** Brackets opened and not closed, outside quotes. */
    private static int open(CharSequence text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            }
        }
        return depth;
    }

    /**
     * Named arguments as Groovy reads them: {@code [a: 1, b: sym(x: 2)]}; a describable's symbol call gives its
     * arguments, a variable gives its own name.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> arguments(String text) {
        String script = "def methodMissing(String name, args) {\n"
                + "  if (args.length == 1 && args[0] instanceof Map) { return args[0] }\n"
                + "  throw new IllegalArgumentException('not literal: ' + name)\n"
                + "}\n"
                + "[" + text + "\n]";
        return (Map<String, Object>) new GroovyShell(new Binding() {
            @Override
            public Object getVariable(String name) {
                return new Reference(name);
            }
        }).evaluate(script);
    }

    /** A variable of the docs, standing for its own name. */
    public static final class Reference extends GroovyObjectSupport {
        private final String path;

        Reference(String path) {
            this.path = path;
        }

        @Override
        public Object getProperty(String property) {
            return new Reference(path + "." + property);
        }

        public Object getAt(Object key) {
            return new Reference(path + "[" + key + "]");
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** References and GStrings as plain strings, recursively. */
    @SuppressWarnings("unchecked")
    static <T> T plain(T value) {
        if (value instanceof Reference || value instanceof GStringImpl) {
            return (T) value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k.toString(), plain(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(SnippetGeneratorJenkinsTest::plain).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutClassKeys(Map<String, Object> arguments) {
        Map<String, Object> copy = new LinkedHashMap<>();
        arguments.forEach((k, v) -> {
            if (!k.equals("$class")) {
                copy.put(k, v instanceof Map<?, ?> m ? withoutClassKeys((Map<String, Object>) m) : plain(v));
            }
        });
        return copy;
    }
}
