package io.jenkins.plugins.awsrollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.steps.AwsStepBase;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every data-bound parameter can be read back the way structs' {@code DescribableParameter} reads it: a public field
 * of its name, or {@code "get"}/{@code "is"} + the name with its first letter upper-cased. Without it the Snippet
 * Generator writes {@code <object of type …>} for the whole describable (as it did for {@code s3} of
 * {@code awsCodeDeploy}, whose {@code eTag} had only {@code geteTag()}; found by SnippetGeneratorJenkinsTest).
 */
class DataBoundGettersTest {

    @Test
    void everyDataBoundParameter_hasTheGetterStructsLooksFor() throws Exception {
        List<String> missing = new ArrayList<>();
        int parameters = 0;
        for (Class<?> type : pluginClasses()) {
            List<String> names = new ArrayList<>();
            for (Constructor<?> constructor : type.getConstructors()) {
                if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                    for (Parameter parameter : constructor.getParameters()) {
                        names.add(parameter.getName());
                    }
                }
            }
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(DataBoundSetter.class) && method.getName().startsWith("set")) {
                    names.add(Introspector.decapitalize(method.getName().substring(3)));
                }
            }
            for (String name : names) {
                parameters++;
                if (!readable(type, name)) {
                    String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
                    missing.add(type.getSimpleName() + "." + name + ": no public get" + capitalized + "()");
                }
            }
        }
        assertThat(parameters).as("data-bound parameters found").isGreaterThan(100);
        assertThat(missing).isEmpty();
    }

    private static boolean readable(Class<?> type, String name) {
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String getter : List.of("get" + capitalized, "is" + capitalized)) {
            try {
                type.getMethod(getter);
                return true;
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        try {
            return Modifier.isPublic(type.getField(name).getModifiers());
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static List<Class<?>> pluginClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(AwsStepBase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/jenkins/plugins/awsrollout"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, DataBoundGettersTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
