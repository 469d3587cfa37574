package io.jenkins.plugins.awsrollout.runner;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Descriptor;
import hudson.tasks.Builder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * The Pipeline steps and symbols of our packages, found the way Jenkins' extension index would list them: every
 * class under {@code io.jenkins.plugins.awsrollout} on the class path (main and test classes) is looked at, a
 * {@link Step} subclass with a nested {@link StepDescriptor} subclass is a step named by that descriptor's
 * {@link StepDescriptor#getFunctionName()}, and a class with a nested descriptor carrying {@link Symbol} can be
 * written as that symbol in a nested-describable argument ({@code strategy: rolling(batchSize: 2)}).
 */
public final class StepCatalog {

    static final String PACKAGE = "io.jenkins.plugins.awsrollout";

    private static volatile StepCatalog scanned;

    private final List<Class<?>> classes;
    private final Map<String, StepDescriptor> steps;
    private final Map<String, List<Class<?>>> symbols;

    private StepCatalog(List<Class<?>> classes) {
        this.classes = List.copyOf(classes);
        this.steps = Collections.unmodifiableMap(findSteps(classes));
        this.symbols = Collections.unmodifiableMap(findSymbols(classes));
    }

    /** The catalog of everything under {@code io.jenkins.plugins.awsrollout} on this class path (scanned once). */
    public static StepCatalog scan() {
        StepCatalog catalog = scanned;
        if (catalog == null) {
            catalog = new StepCatalog(loadClasses(StepCatalog.class.getClassLoader(), PACKAGE));
            scanned = catalog;
        }
        return catalog;
    }

    /** A catalog of exactly these classes (tests). */
    public static StepCatalog of(Class<?>... classes) {
        return new StepCatalog(List.of(classes));
    }

    /** Function name to descriptor, sorted by name. */
    public Map<String, StepDescriptor> steps() {
        return steps;
    }

    /** Symbol to the classes that carry it, sorted by symbol. */
    public Map<String, List<Class<?>>> symbols() {
        return symbols;
    }

    /**
     * The steps a user can call in a Jenkinsfile: those of the plugin, not the runner's own test steps (which live
     * with the runner, in the test classes), as Jenkins would list them in its unknown-step message.
     */
    public Set<String> pluginSteps() {
        Set<String> found = new TreeSet<>();
        steps.forEach((name, descriptor) -> {
            if (!isTestClass(descriptor.clazz)) {
                found.add(name);
            }
        });
        return found;
    }

    /** The symbols of the plugin's describables (not of the runner's test classes). */
    public Set<String> pluginSymbols() {
        Set<String> found = new TreeSet<>();
        symbols.forEach((name, carriers) -> {
            if (carriers.stream().anyMatch(c -> !isTestClass(c))) {
                found.add(name);
            }
        });
        return found;
    }

    /** Whether {@code type} was loaded from where the runner itself was (the test classes), not from the plugin's. */
    private static boolean isTestClass(Class<?> type) {
        return Objects.equals(location(type), location(StepCatalog.class));
    }

    private static @CheckForNull URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** Concrete classes assignable to {@code base} (what {@code $class} and symbols choose from). */
    public List<Class<?>> implementationsOf(Class<?> base) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c : classes) {
            if (base.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface()) {
                found.add(c);
            }
        }
        return found;
    }

    private static Map<String, StepDescriptor> findSteps(List<Class<?>> classes) {
        Map<String, StepDescriptor> found = new TreeMap<>();
        for (Class<?> c : classes) {
            if (!Step.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
                continue;
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (StepDescriptor.class.isAssignableFrom(nested) && !Modifier.isAbstract(nested.getModifiers())) {
                    StepDescriptor descriptor = (StepDescriptor) instantiate(nested);
                    StepDescriptor previous = found.put(descriptor.getFunctionName(), descriptor);
                    if (previous != null) {
                        throw new IllegalStateException("two steps are named " + descriptor.getFunctionName() + ": "
                                + previous.clazz.getName() + " and " + c.getName());
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, List<Class<?>>> findSymbols(List<Class<?>> classes) {
        Map<String, List<Class<?>>> found = new TreeMap<>();
        for (Class<?> c : classes) {
            // A builder's or a step's symbol names it as a build step, not as a value of a parameter.
            if (Step.class.isAssignableFrom(c) || Builder.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
                continue;
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                Symbol symbol = nested.getAnnotation(Symbol.class);
                if (symbol != null && Descriptor.class.isAssignableFrom(nested)) {
                    for (String name : symbol.value()) {
                        found.computeIfAbsent(name, n -> new ArrayList<>()).add(c);
                    }
                }
            }
        }
        return found;
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + type.getName() + ": " + e, e);
        }
    }

    /** Loads (without initializing) every class of {@code packageName} found in the class path's directories and jars. */
    static List<Class<?>> loadClasses(ClassLoader loader, String packageName) {
        Set<String> names = new TreeSet<>();
        String resource = packageName.replace('.', '/');
        try {
            Enumeration<URL> roots = loader.getResources(resource);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    classNamesInDirectory(Path.of(root.toURI()), packageName, names);
                } else if ("jar".equals(root.getProtocol())) {
                    classNamesInJar(((JarURLConnection) root.openConnection()).getJarFile(), resource, names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                // A class whose dependencies are absent from this class path cannot be a step here either.
            }
        }
        return classes;
    }

    private static void classNamesInDirectory(Path directory, String packageName, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String relative = directory.relativize(f).toString().replace(File.separatorChar, '.');
                names.add(packageName + "." + relative.substring(0, relative.length() - ".class".length()));
            });
        }
    }

    private static void classNamesInJar(JarFile jar, String resource, Set<String> names) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(resource + "/") && entry.endsWith(".class")) {
                names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
            }
        }
    }
}
