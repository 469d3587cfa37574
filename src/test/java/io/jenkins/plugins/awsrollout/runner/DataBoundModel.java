package io.jenkins.plugins.awsrollout.runner;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * How one class is built from named arguments, as structs' {@code DescribableModel} sees it: the parameters of its
 * {@link DataBoundConstructor} (required, in declaration order, names from {@code -parameters}) followed by its
 * {@link DataBoundSetter} methods and fields, inherited ones included (optional, alphabetically).
 */
final class DataBoundModel {

    private static final Map<Class<?>, DataBoundModel> CACHE = new ConcurrentHashMap<>();

    private final Class<?> type;
    private final Constructor<?> constructor;
    private final List<String> required;
    private final Map<String, Type> parameters;
    private final Map<String, AccessibleObject> setters;

    private DataBoundModel(Class<?> type) {
        this.type = type;
        this.constructor = dataBoundConstructor(type);
        Map<String, Type> all = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        Parameter[] declared = constructor.getParameters();
        Type[] generic = constructor.getGenericParameterTypes();
        for (int i = 0; i < declared.length; i++) {
            if (!declared[i].isNamePresent()) {
                throw new IllegalStateException(type.getName() + " was compiled without -parameters: its "
                        + "@DataBoundConstructor parameter names are unknown");
            }
            names.add(declared[i].getName());
            all.put(declared[i].getName(), generic[i]);
        }
        Map<String, AccessibleObject> found = new TreeMap<>();
        Map<String, Type> foundTypes = new TreeMap<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class) && !found.containsKey(f.getName())) {
                    found.put(f.getName(), f);
                    foundTypes.put(f.getName(), f.getGenericType());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(DataBoundSetter.class)) {
                    continue;
                }
                if (!m.getName().startsWith("set") || m.getParameterCount() != 1) {
                    throw new IllegalStateException(m + " cannot be a @DataBoundSetter");
                }
                String name = java.beans.Introspector.decapitalize(m.getName().substring(3));
                if (!found.containsKey(name)) {
                    found.put(name, m);
                    foundTypes.put(name, m.getGenericParameterTypes()[0]);
                }
            }
        }
        for (Map.Entry<String, Type> setter : foundTypes.entrySet()) {
            all.putIfAbsent(setter.getKey(), setter.getValue());
        }
        found.keySet().removeAll(names);
        this.required = List.copyOf(names);
        this.parameters = Collections.unmodifiableMap(all);
        this.setters = Collections.unmodifiableMap(found);
    }

    static DataBoundModel of(Class<?> type) {
        return CACHE.computeIfAbsent(type, DataBoundModel::new);
    }

    Class<?> type() {
        return type;
    }

    /** Every parameter with its type: constructor ones first, then setters alphabetically. */
    Map<String, Type> parameters() {
        return parameters;
    }

    /** The constructor's parameters: the ones a call must give. */
    List<String> required() {
        return required;
    }

    /** The name an unnamed argument binds to: the constructor's only parameter, or null. */
    String soleArgumentKey() {
        return required.size() == 1 ? required.get(0) : null;
    }

    /** Whether the class takes exactly one parameter and it is required (then a map argument may be its value). */
    boolean singleArgumentOnly() {
        return parameters.size() == 1 && required.size() == 1;
    }

    /** Builds an instance from {@code arguments}, every value coerced by {@code coercion}. */
    Object instantiate(Map<String, ?> arguments, Coercion coercion) {
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeMap<>(arguments).keySet()) {
            if (!parameters.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown parameter(s) found for class type '" + type.getName() + "': "
                    + String.join(",", unknown) + " (its parameters are " + String.join(", ", parameters.keySet()) + ")");
        }
        List<String> missing = new ArrayList<>(required);
        missing.removeAll(arguments.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Missing required parameter(s) for class type '" + type.getName() + "': "
                    + String.join(",", missing));
        }
        Object[] values = new Object[required.size()];
        Class<?>[] raw = constructor.getParameterTypes();
        for (int i = 0; i < values.length; i++) {
            String name = required.get(i);
            Object value = coercion.coerce(type.getName() + "." + name, parameters.get(name), arguments.get(name));
            values[i] = value == null && raw[i].isPrimitive() ? primitiveDefault(raw[i]) : value;
        }
        Object instance = invoke(() -> constructor.newInstance(values));
        for (Map.Entry<String, AccessibleObject> setter : setters.entrySet()) {
            String name = setter.getKey();
            if (arguments.containsKey(name)) {
                Object value = coercion.coerce(type.getName() + "." + name, parameters.get(name), arguments.get(name));
                set(instance, setter.getValue(), value);
            }
        }
        return instance;
    }

    private static void set(Object instance, AccessibleObject setter, Object value) {
        setter.setAccessible(true);
        if (setter instanceof Method m) {
            if (value == null && m.getParameterTypes()[0].isPrimitive()) {
                return;
            }
            invoke(() -> m.invoke(instance, value));
        } else {
            Field f = (Field) setter;
            if (value == null && f.getType().isPrimitive()) {
                return;
            }
            invoke(() -> {
                f.set(instance, value);
                return null;
            });
        }
    }

    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    /** Runs a constructor or setter; what it throws (validation of a value) becomes the failure's message. */
    private static Object invoke(Reflective call) {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object primitiveDefault(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == char.class) {
            return '\0';
        }
        return switch (primitive.getName()) {
            case "byte" -> (byte) 0;
            case "short" -> (short) 0;
            case "int" -> 0;
            case "long" -> 0L;
            case "float" -> 0f;
            default -> 0d;
        };
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no public @DataBoundConstructor");
    }

    /** Turns a script value into a parameter's type (see {@link Coercion}). */
    interface Coercion {
        Object coerce(String context, Type type, Object value);
    }
}
