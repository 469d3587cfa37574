package io.jenkins.plugins.awsrollout;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.awsrollout.builders.AwsBuilder;
import io.jenkins.plugins.awsrollout.steps.AwsStepBase;
import java.beans.Introspector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * The forms of every step, every describable a step takes as a parameter, every freestyle build step and the global
 * configuration, found by reflection from the plugin's classes: what the Snippet Generator and the freestyle form show
 * and bind is what a Jenkinsfile can say. (The forms rendered and submitted in a real Jenkins: StepFormsJenkinsTest.)
 */
class StepFormsTest {

    private static final String PACKAGE = "io.jenkins.plugins.awsrollout";
    private static final Pattern FIELD = Pattern.compile("\\bfield=\"([^\"]+)\"");
    private static final Pattern INCLUDE = Pattern.compile("<st:include\\s([^>]*)/>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /**
     * List parameters whose entries are kept whole: in a Jenkinsfile one {@code ssmCommands} entry is one command and
     * may hold several lines, so its setter does not split (the form's text is split by the step's descriptor).
     */
    private static final Set<String> ENTRIES_KEPT_WHOLE = Set.of("AwsBakeAmiStep.ssmCommands");

    /**
     * Parameters a form shows under another field or not at all: a Jenkinsfile's map (pipeline variables, stack
     * parameters) is {@code NAME=value} lines in the form's {@code variablesText} / {@code parametersText}; {@code approve} answers an approval after an
     * {@code input} step, which only a Jenkinsfile has.
     */
    private static final Set<String> NOT_IN_FORM = Set.of("AwsCodePipelineStep.variables", "AwsCodePipelineStep.approve",
            "AwsCfnDeployStep.parameters");

    private static final List<Class<?>> MAIN_CLASSES = mainClasses();

    @Test
    void everyStepAndParameterDescribable_hasAFormAndHelpForEachField() {
        List<Class<?>> forms = new ArrayList<>(steps());
        forms.addAll(parameterDescribables());
        for (Class<?> type : forms) {
            assertThat(resource(type, "config.jelly")).as(type.getSimpleName() + "/config.jelly").isNotNull();
            assertThat(resource(type, "help.html")).as(type.getSimpleName() + "/help.html").isNotNull();
            Set<String> formFields = formFields(type);
            for (String field : boundFields(type).keySet()) {
                assertThat(helpFile(type, field)).as("help-%s.html of %s or an ancestor", field, type.getSimpleName()).isNotNull();
                if (!NOT_IN_FORM.contains(type.getSimpleName() + "." + field)) {
                    assertThat(formFields).as("field=\"%s\" in %s/config.jelly or a page it includes", field, type.getSimpleName())
                            .contains(field);
                }
            }
        }
    }

    @Test
    void listParameters_showOneValuePerLineAndSplitWhatAFormSends() throws Exception {
        int lists = 0;
        for (Class<?> type : concat(steps(), parameterDescribables())) {
            String form = formText(type);
            for (Map.Entry<String, Type> field : boundFields(type).entrySet()) {
                if (!isListOf(field.getValue(), String.class)) {
                    continue;
                }
                lists++;
                String name = field.getKey();
                String where = type.getSimpleName() + "." + name;
                Method text = type.getMethod("get" + capitalized(name) + "Text");
                assertThat(text.getReturnType()).as(where + "Text").isEqualTo(String.class);
                assertThat(form).as("%s shown one per line", where).contains("value=\"${instance." + name + "Text}\"");

                Object instance = newInstance(type);
                Method setter = setter(type, name);
                setter.invoke(instance, List.of("a", "b"));
                assertThat(getter(type, name).invoke(instance)).as("%s from a Jenkinsfile", where).isEqualTo(List.of("a", "b"));
                assertThat(text.invoke(instance)).as(where + "Text").isEqualTo("a\nb");

                setter.invoke(instance, new ArrayList<>(List.of(" a \r\n\n  b  \n")));
                List<String> fromForm = ENTRIES_KEPT_WHOLE.contains(where) ? List.of(" a \r\n\n  b  \n") : List.of("a", "b");
                assertThat(getter(type, name).invoke(instance)).as("%s from a form's text area", where).isEqualTo(fromForm);
            }
        }
        assertThat(lists).as("list parameters found").isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyFormEndpoint_isPost() {
        List<String> endpoints = new ArrayList<>();
        for (Class<?> type : MAIN_CLASSES) {
            if (!Descriptor.class.isAssignableFrom(type)) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String name = method.getName();
                boolean endpoint = name.startsWith("doCheck") || name.startsWith("doFill") || name.startsWith("doTest");
                if (endpoint && method.getDeclaringClass().getName().startsWith(PACKAGE)) {
                    endpoints.add(type.getSimpleName() + "." + name);
                    assertThat(method.isAnnotationPresent(POST.class)).as("%s.%s is @POST", type.getName(), name).isTrue();
                }
            }
        }
        assertThat(endpoints).as("form endpoints found").hasSizeGreaterThan(30)
                .contains("AwsRolloutGlobalConfiguration.doTestConnection", "DescriptorImpl.doCheckAmiName",
                        "DescriptorImpl.doFillCredentialsIdItems");
    }

    @Test
    void everyBuilder_isTheFormOfItsStep() throws Exception {
        List<Class<?>> builders = MAIN_CLASSES.stream()
                .filter(c -> AwsBuilder.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())).toList();
        assertThat(builders).extracting(Class::getSimpleName).contains("AwsAsgRolloutBuilder", "AwsBakeAmiBuilder",
                "AwsCodeDeployBuilder", "AwsElbRegisterBuilder");
        for (Class<?> builder : builders) {
            Constructor<?> constructor = dataBoundConstructor(builder);
            assertThat(constructor.getParameterCount()).as(builder.getSimpleName() + " takes its step only").isEqualTo(1);
            Class<?> step = constructor.getParameterTypes()[0];
            String field = constructor.getParameters()[0].getName();
            assertThat(steps()).as(builder.getSimpleName() + " wraps a step").contains(step);
            // f:property takes the step's type from this getter, and the step's form from that type's descriptor.
            assertThat(builder.getMethod("get" + capitalized(field)).getReturnType()).isEqualTo(step);
            assertThat(boundFields(builder)).containsOnlyKeys(field);
            assertThat(withoutComments(text(resource(builder, "config.jelly"))))
                    .as(builder.getSimpleName() + "/config.jelly")
                    .matches("(?s)\\s*<j:jelly[^>]*>\\s*<f:property field=\"" + field + "\"/>\\s*</j:jelly>\\s*");
            assertThat(resource(builder, "help.html")).as(builder.getSimpleName() + "/help.html").isNotNull();
            Class<?> descriptor = Class.forName(builder.getName() + "$DescriptorImpl");
            assertThat(descriptor.getAnnotation(Symbol.class)).as(builder.getSimpleName() + " @Symbol").isNotNull();
        }
    }

    // ---- what the plugin declares

    private static List<Class<?>> steps() {
        List<Class<?>> steps = MAIN_CLASSES.stream()
                .filter(c -> Step.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())).toList();
        assertThat(steps).extracting(Class::getSimpleName)
                .contains("AwsAsgRolloutStep", "AwsBakeAmiStep", "AwsCodeDeployStep", "AwsElbRegisterStep");
        return steps;
    }

    /** The describables the steps take as parameters (alone or in lists), and theirs in turn. */
    private static List<Class<?>> parameterDescribables() {
        Set<Class<?>> found = new LinkedHashSet<>();
        List<Class<?>> pending = new ArrayList<>(steps());
        while (!pending.isEmpty()) {
            Class<?> type = pending.remove(0);
            for (Type parameter : boundFields(type).values()) {
                Class<?> candidate = parameter instanceof ParameterizedType p && isListOf(p, Object.class)
                        && p.getActualTypeArguments()[0] instanceof Class<?> item ? item : erasure(parameter);
                if (Describable.class.isAssignableFrom(candidate) && !Step.class.isAssignableFrom(candidate)
                        && found.add(candidate)) {
                    pending.add(candidate);
                }
            }
        }
        assertThat(found).extracting(Class::getSimpleName).contains("SourceAmiFilter", "CodeDeployS3Location",
                "CodeDeployGitHubLocation", "CodeDeployTargetInstances", "CodeDeployAutoRollback", "CodeDeployAlarms",
                "ElbTarget");
        return new ArrayList<>(found);
    }

    /** The bound parameters of a class, as Pipeline and Stapler see them: constructor parameters, then setters. */
    private static Map<String, Type> boundFields(Class<?> type) {
        Map<String, Type> fields = new LinkedHashMap<>();
        Constructor<?> constructor = dataBoundConstructor(type);
        for (int i = 0; i < constructor.getParameterCount(); i++) {
            fields.put(constructor.getParameters()[i].getName(), constructor.getGenericParameterTypes()[i]);
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                fields.put(Introspector.decapitalize(method.getName().substring(3)), method.getGenericParameterTypes()[0]);
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) {
                    fields.put(f.getName(), f.getGenericType());
                }
            }
        }
        return fields;
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        return Stream.of(type.getConstructors()).filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " has no @DataBoundConstructor"));
    }

    // ---- forms and help, as Jenkins finds them

    /** Help as {@code Descriptor.getHelpFile(field)} finds it: the class's folder, then each superclass's. */
    private static URL helpFile(Class<?> type, String field) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            URL help = resource(c, "help-" + field + ".html");
            if (help != null) {
                return help;
            }
        }
        return null;
    }

    private static Set<String> formFields(Class<?> type) {
        Set<String> fields = new TreeSet<>();
        Matcher m = FIELD.matcher(formText(type));
        while (m.find()) {
            fields.add(m.group(1));
        }
        return fields;
    }

    /** The class's config.jelly with the pages it includes ({@code <st:include page=".." class=".."/>}). */
    private static String formText(Class<?> type) {
        StringBuilder out = new StringBuilder();
        appendPage(type, "config.jelly", out, new LinkedHashSet<>());
        return out.toString();
    }

    private static void appendPage(Class<?> type, String page, StringBuilder out, Set<String> seen) {
        if (!seen.add(type.getName() + "/" + page)) {
            return;
        }
        URL url = resource(type, page);
        assertThat(url).as(type.getSimpleName() + "/" + page).isNotNull();
        String jelly = withoutComments(text(url));
        out.append(jelly);
        Matcher include = INCLUDE.matcher(jelly);
        while (include.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher a = ATTRIBUTE.matcher(include.group(1));
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            Class<?> owner = attributes.containsKey("class") ? load(attributes.get("class")) : type;
            appendPage(owner, attributes.get("page"), out, seen);
        }
    }

    private static URL resource(Class<?> type, String name) {
        return type.getClassLoader().getResource(type.getName().replace('.', '/').replace('$', '/') + "/" + name);
    }

    private static String text(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(url.toString(), e);
        }
    }

    private static String withoutComments(String jelly) {
        return jelly.replaceAll("(?s)<!--.*?-->", "").replaceAll("<\\?jelly[^>]*\\?>", "");
    }

    // ---- reflection

    /** The plugin's own classes (nested ones too), from where the main classes were compiled, not the tests. */
    private static List<Class<?>> mainClasses() {
        try {
            Path root = Path.of(AwsStepBase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path base = root.resolve(PACKAGE.replace('.', '/'));
            assertThat(base).as("the plugin's classes, as a folder").isDirectory();
            try (Stream<Path> files = Files.walk(base)) {
                return files.map(root::relativize).map(Path::toString).filter(f -> f.endsWith(".class"))
                        .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                        .sorted().map(StepFormsTest::load).toList();
            }
        } catch (IOException | URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, StepFormsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** An instance with neutral constructor arguments, to call setters on. */
    private static Object newInstance(Class<?> type) throws Exception {
        Constructor<?> constructor = dataBoundConstructor(type);
        Object[] args = new Object[constructor.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            Class<?> parameter = constructor.getParameterTypes()[i];
            args[i] = parameter == String.class ? "name" : parameter == int.class ? 0 : parameter == boolean.class ? false : null;
        }
        return constructor.newInstance(args);
    }

    private static Method setter(Class<?> type, String field) throws NoSuchMethodException {
        return type.getMethod("set" + capitalized(field), List.class);
    }

    private static Method getter(Class<?> type, String field) throws NoSuchMethodException {
        return type.getMethod("get" + capitalized(field));
    }

    private static boolean isListOf(Type type, Class<?> item) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> c && item.isAssignableFrom(c);
    }

    private static Class<?> erasure(Type type) {
        return type instanceof Class<?> c ? c : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
    }

    private static String capitalized(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private static List<Class<?>> concat(List<Class<?>> a, List<Class<?>> b) {
        List<Class<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
