package io.jenkins.plugins.awsrollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.steps.AwsStepBase;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every view's {@code ${%…}} text as Stapler reads it. Stapler's {@code InternationalizedStringExpression} takes
 * {@code %key(arg1,arg2)}: whatever follows the first {@code (} is parsed as comma-separated JEXL message arguments,
 * so {@code ${%Checkpoints (percentages, one per line)}} does not parse and the whole form stops rendering, and
 * {@code ${%Timeout (minutes)}} renders "Timeout" with "(minutes)" silently dropped. Jelly's own scanner skips quoted
 * text inside {@code ${…}} while it looks for the closing brace, so a quote in a label can swallow the rest of the
 * attribute. The same rules hold for the {@code '%…'} resource literals inside other expressions. Property values
 * (view .properties and Messages.properties) go through {@link MessageFormat}, which drops a lone apostrophe.
 * (A real Jenkins renders the views in StepFormsJenkinsTest; this check runs in the offline build.)
 */
class JellyLabelsTest {

    /** {@code ${%label}}: the label runs to the first closing brace, as Jelly's CompositeExpression reads it. */
    private static final Pattern LABEL = Pattern.compile("\\$\\{%([^}]*)}");
    /** Any other {@code ${…}} expression. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^%][^}]*)}");
    /** Stapler's CustomJellyContext.RESOURCE_LITERAL_STRING: {@code "%…"} or {@code '%…'} inside an expression. */
    private static final Pattern RESOURCE_LITERAL = Pattern.compile("(\"%([^\"]+)\")|('%([^']+)')");
    /** A properties key (no blank) followed by its arguments: the one intended use of parentheses. */
    private static final Pattern MESSAGE_WITH_ARGUMENTS = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*\\([^'\"]*\\)");
    /** Characters Stapler or Jelly read as syntax inside an internationalized text. */
    private static final Pattern SPECIAL = Pattern.compile("[()'\"]");

    @Test
    void noViewTextIsReadAsMessageArguments() throws IOException {
        List<Path> views = files(".jelly");
        assertThat(views).as("views found under %s", resourcesRoot()).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            problems.addAll(problemsIn(resourcesRoot().relativize(view).toString(), Files.readString(view)));
        }
        assertThat(problems).as("${%%…} texts Stapler would misread (move the parenthesised part out of the label,"
                + " or use a properties key without parentheses)").isEmpty();
    }

    @Test
    void noPropertyValueLosesAnApostropheToMessageFormat() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files(".properties")) {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            for (String key : properties.stringPropertyNames()) {
                problems.addAll(propertyProblems(resourcesRoot().relativize(file) + ": " + key, properties.getProperty(key)));
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The scanner itself: it finds each kind of misread text and passes plain labels. */
    @Test
    void theScannerFindsWhatStaplerMisreads() {
        assertThat(problemsIn("v.jelly", "<f:entry title=\"${%Checkpoints (percentages, one per line)}\">"))
                .singleElement().asString().contains("v.jelly:1", "Checkpoints (percentages, one per line)", "arguments");
        assertThat(problemsIn("v.jelly", "\n<f:entry title=\"${%Timeout (minutes)}\" field=\"t\"/>"))
                .singleElement().asString().contains("v.jelly:2");
        assertThat(problemsIn("v.jelly", "<f:entry title=\"${%Don't wait}\"/>")).singleElement().asString().contains("quote");
        assertThat(problemsIn("v.jelly", "<f:entry title=\"${it.name ?: '%Default name (none)'}\"/>"))
                .singleElement().asString().contains("Default name (none)");
        assertThat(problemsIn("v.jelly", "<f:entry title=\"${%Timeout in minutes}\" help=\"${descriptor.x(1)}\"/>"
                + "<f:entry title=\"${%Tags: Key=Value, one per line}\"/>")).isEmpty();
        assertThat(problemsIn("v.jelly", "<div>${%message(it.count)}</div>")).isEmpty();
        assertThat(propertyProblems("p", "Don't wait")).hasSize(1);
        assertThat(propertyProblems("p", "Don''t wait {0}")).isEmpty();
        assertThat(propertyProblems("p", "Unclosed {0")).hasSize(1);
    }

    static List<String> problemsIn(String name, String text) {
        List<String> problems = new ArrayList<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            check(problems, name, text, label.start(), label.group(1));
        }
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            Matcher literal = RESOURCE_LITERAL.matcher(expression.group(1));
            while (literal.find()) {
                String inner = literal.group(2) != null ? literal.group(2) : literal.group(4);
                check(problems, name, text, expression.start(), inner);
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String name, String text, int at, String label) {
        if (MESSAGE_WITH_ARGUMENTS.matcher(label).matches()) {
            return; // a properties key with its arguments, as Stapler means them: ${%message(it.count)}
        }
        Matcher special = SPECIAL.matcher(label);
        if (!special.find()) {
            return;
        }
        String why = special.group().equals("(") || special.group().equals(")")
                ? "Stapler reads (…) as message arguments"
                : "Jelly skips quoted text while it looks for the closing brace";
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        problems.add(name + ":" + line + ": %" + label + ": " + why + " (" + special.group() + ")");
    }

    static List<String> propertyProblems(String where, String value) {
        List<String> problems = new ArrayList<>();
        try {
            new MessageFormat(value);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": not a MessageFormat pattern: " + e.getMessage());
            return problems;
        }
        if (value.replace("''", "").indexOf('\'') >= 0) {
            problems.add(where + ": a single ' is dropped by MessageFormat, write '' : " + value);
        }
        return problems;
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(resourcesRoot())) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The plugin's resources as Stapler loads them: the class output folder they are copied into. */
    private static Path resourcesRoot() {
        try {
            Path root = Path.of(AwsStepBase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return root.resolve("io/jenkins/plugins/awsrollout");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
