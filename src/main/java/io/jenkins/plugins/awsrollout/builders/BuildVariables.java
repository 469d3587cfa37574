package io.jenkins.plugins.awsrollout.builders;

import hudson.Util;
import io.jenkins.plugins.awsrollout.steps.AwsStepBase;
import io.jenkins.plugins.awsrollout.steps.Verbatim;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands the build's variables ({@code $NAME}, {@code ${NAME}}, as Jenkins' own build steps do) in the text
 * parameters of a freestyle build step: what a Jenkinsfile gets from Groovy interpolation, a freestyle job gets here.
 * It works on a copy of the step (the saved configuration keeps the variables) and walks every text and list-of-text
 * field, also those of the describables the step takes, except fields marked {@link Verbatim}. Unknown variables
 * are left as they are.
 */
final class BuildVariables {

    private static final String PACKAGE = "io.jenkins.plugins.awsrollout.";

    private BuildVariables() {}

    /** A copy of {@code step} with {@code env} expanded in its text fields. */
    static <S extends AwsStepBase> S expand(S step, Map<String, String> env) {
        S copy = copy(step);
        expandFields(copy, env, new IdentityHashMap<>());
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <S> S copy(S step) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(step);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                @Override
                protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                    // The plugin's class loader, not the caller's: Jenkins loads plugins in their own loaders.
                    return Class.forName(desc.getName(), false, BuildVariables.class.getClassLoader());
                }
            }) {
                return (S) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("could not copy " + step.getClass().getSimpleName() + " to expand its variables", e);
        }
    }

    private static void expandFields(Object target, Map<String, String> env, Map<Object, Boolean> seen) {
        if (seen.put(target, Boolean.TRUE) != null) {
            return;
        }
        for (Class<?> c = target.getClass(); c != null && c.getName().startsWith(PACKAGE); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isAnnotationPresent(Verbatim.class)) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    Object value = field.get(target);
                    Object expanded = expandValue(value, env, seen);
                    if (expanded != value) {
                        field.set(target, expanded);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("could not expand " + c.getSimpleName() + "." + field.getName(), e);
                }
            }
        }
    }

    /** The expanded value, or {@code value} itself when it is not text, a list, or one of the plugin's describables. */
    private static Object expandValue(Object value, Map<String, String> env, Map<Object, Boolean> seen) {
        if (value instanceof String text) {
            return Util.replaceMacro(text, env);
        }
        if (value instanceof List<?> list) {
            List<Object> expanded = new ArrayList<>(list.size());
            for (Object item : list) {
                expanded.add(expandValue(item, env, seen));
            }
            return expanded;
        }
        if (value != null && value.getClass().getName().startsWith(PACKAGE)) {
            expandFields(value, env, seen);
        }
        return value;
    }
}
