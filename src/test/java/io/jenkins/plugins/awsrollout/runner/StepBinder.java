package io.jenkins.plugins.awsrollout.runner;

import groovy.lang.Closure;
import groovy.lang.GString;
import java.lang.reflect.Array;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.reflection.ReflectionCache;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * Turns the arguments of a step call in a script into the real {@link Step}, the way Pipeline does it
 * (workflow-cps {@code DSL.parseArgs}, then structs {@code DescribableModel.instantiate}):
 *
 * <ul>
 *   <li>named arguments bind to the {@code @DataBoundConstructor} parameters and the {@code @DataBoundSetter}s;
 *   <li>a single unnamed argument binds to the constructor's only parameter;
 *   <li>values are coerced: GString to String, numbers between boxed and primitive types and from strings,
 *       booleans from strings, enums by name, lists (and arrays) element by element into {@code List<X>}, and a map
 *       (or a symbol call) into a nested describable built the same way, recursively, its class chosen by
 *       {@code $class} or the symbol when the parameter's type is abstract.
 * </ul>
 *
 * Unlike Pipeline, which only logs a warning for an unknown parameter and passes null for a missing required one,
 * both fail here, with a message that names the step function and the parameter.
 */
public final class StepBinder {

    static final String CLASS_KEY = "$class";

    private final StepCatalog catalog;

    public StepBinder(StepCatalog catalog) {
        this.catalog = catalog;
    }

    public StepCatalog catalog() {
        return catalog;
    }

    /** Whether {@code function} is one of the catalog's steps. */
    public boolean isStep(String function) {
        return catalog.steps().containsKey(function);
    }

    /**
     * The step {@code function(args...)} stands for.
     *
     * @param function the step's function name
     * @param args the call's arguments as Groovy packs them: a map of the named ones, or one unnamed value
     * @throws IllegalArgumentException naming the function and the parameter when the arguments do not fit
     */
    public Step bind(String function, Object... args) {
        StepDescriptor descriptor = catalog.steps().get(function);
        if (descriptor == null) {
            throw new IllegalArgumentException("No such step: " + function);
        }
        try {
            DataBoundModel model = DataBoundModel.of(descriptor.clazz);
            Map<String, Object> named = namedArguments(model, args == null ? new Object[] {null} : args);
            return (Step) model.instantiate(named, this::coerce);
        } catch (IllegalArgumentException | ClassCastException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(function + ": " + e.getMessage(), e);
        }
    }

    /** DSL.parseArgs: a map is the named arguments (unless the step takes only that map), else one unnamed value. */
    private static Map<String, Object> namedArguments(DataBoundModel model, Object[] args) {
        List<Object> list = Arrays.asList(args);
        String soleKey = model.soleArgumentKey();
        if (list.isEmpty()) {
            return Map.of();
        }
        if (list.size() == 1 && list.get(0) instanceof Map<?, ?> map && !map.containsKey(CLASS_KEY)) {
            if (!model.singleArgumentOnly() || (map.size() == 1 && map.containsKey(soleKey))) {
                return stringKeys(map);
            }
        }
        if (list.size() == 1 && !(list.get(0) instanceof Closure<?>)) {
            if (soleKey == null) {
                throw new IllegalArgumentException("Expected named arguments but got " + describe(list.get(0)));
            }
            Map<String, Object> single = new LinkedHashMap<>();
            single.put(soleKey, list.get(0));
            return single;
        }
        throw new IllegalArgumentException("Expected named arguments but got " + describe(list));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            copy.put(String.valueOf(e.getKey()), e.getValue());
        }
        return copy;
    }

    /** structs' {@code DescribableModel.coerce}, plus arrays for lists and clearer messages for enums. */
    Object coerce(String context, Type type, Object value) {
        Class<?> erased = erasure(type);
        Object o = value;
        if (type instanceof Class<?> && o != null) {
            o = ReflectionCache.getCachedClass(erased).coerceArgument(o);
        }
        if (o instanceof GString) {
            o = o.toString();
        }
        if (o != null && o.getClass().isArray() && Collection.class.isAssignableFrom(erased)) {
            o = Arrays.asList(toObjectArray(o));
        }
        if (o instanceof List<?> list && Collection.class.isAssignableFrom(erased)) {
            List<Object> items = coerceList(context, elementType(type), list);
            return Set.class.isAssignableFrom(erased) ? new LinkedHashSet<>(items) : items;
        }
        if (o == null) {
            return null;
        }
        if (wrap(erased).isInstance(o)) {
            return o;
        }
        if (o instanceof Uninstantiated symbolCall) {
            Class<?> implementation = resolveSymbol(erased, symbolCall.symbol());
            Map<String, Object> arguments = symbolCall.arguments();
            if (arguments.containsKey(Uninstantiated.UNNAMED)) {
                List<String> required = DataBoundModel.of(implementation).required();
                if (required.size() != 1) {
                    throw new IllegalArgumentException("Arguments to " + implementation + " have to be explicitly named");
                }
                arguments = new LinkedHashMap<>();
                arguments.put(required.get(0), symbolCall.arguments().get(Uninstantiated.UNNAMED));
            }
            return instantiate(implementation, arguments);
        }
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> arguments = stringKeys(map);
            Object className = arguments.remove(CLASS_KEY);
            return instantiate(resolveClass(erased, className == null ? null : className.toString()), arguments);
        }
        if (o instanceof String s) {
            return coerceString(context, type, erased, s);
        }
        if (o instanceof List<?> list && erased.isArray()) {
            List<Object> items = coerceList(context, erased.getComponentType(), list);
            return items.toArray((Object[]) Array.newInstance(erased.getComponentType(), items.size()));
        }
        throw new ClassCastException(mismatch(context, erased, o));
    }

    private Object coerceString(String context, Type type, Class<?> erased, String s) {
        if (erased.isEnum()) {
            for (Object constant : erased.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(s)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(mismatch(context, erased, s));
        }
        if (erased == URL.class) {
            try {
                return new URL(s);
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(mismatch(context, erased, s), e);
            }
        }
        if ((erased == char.class || erased == Character.class) && s.length() == 1) {
            return s.charAt(0);
        }
        Class<?> wrapped = wrap(erased);
        if (Number.class.isAssignableFrom(wrapped)) {
            try {
                return switch (wrapped.getSimpleName()) {
                    case "Integer" -> Integer.valueOf(s);
                    case "Long" -> Long.valueOf(s);
                    case "Double" -> Double.valueOf(s);
                    case "Float" -> Float.valueOf(s);
                    case "Short" -> Short.valueOf(s);
                    case "Byte" -> Byte.valueOf(s);
                    default -> s;
                };
            } catch (NumberFormatException e) {
                throw new ClassCastException(mismatch(context, erased, s));
            }
        }
        if (wrapped == Boolean.class) {
            return Boolean.valueOf(s);
        }
        throw new ClassCastException(mismatch(context, erased, s));
    }

    /**
     * {@code minHealthyPercentage must be a whole number, got 'ninety'}: the parameter as the script names it and the
     * value as the script wrote it, never Java's class names (structs says {@code expects class java.lang.Integer}).
     */
    private static String mismatch(String context, Class<?> type, Object value) {
        String parameter = context.substring(context.lastIndexOf('.') + 1);
        return parameter + " must be " + expected(type) + ", got " + describe(value);
    }

    /** What a value of {@code type} is, in the words of a Jenkinsfile. */
    private static String expected(Class<?> type) {
        Class<?> wrapped = wrap(type);
        if (wrapped == Integer.class || wrapped == Long.class || wrapped == Short.class || wrapped == Byte.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(wrapped)) {
            return "a number";
        }
        if (wrapped == Boolean.class) {
            return "true or false";
        }
        if (wrapped == String.class || wrapped == Character.class) {
            return "text";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add("'" + ((Enum<?>) constant).name() + "'");
            }
            return "one of " + String.join(", ", names);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == URL.class) {
            return "a URL";
        }
        return "a " + type.getSimpleName();
    }

    private List<Object> coerceList(String context, Type elementType, List<?> list) {
        List<Object> items = new ArrayList<>(list.size());
        for (Object item : list) {
            items.add(coerce(context, elementType, item));
        }
        return items;
    }

    private Object instantiate(Class<?> type, Map<String, Object> arguments) {
        return DataBoundModel.of(type).instantiate(arguments, this::coerce);
    }

    /** structs' {@code resolveClass}: a fully qualified or simple {@code $class} name, else the type itself if concrete. */
    private Class<?> resolveClass(Class<?> base, String name) {
        if (name != null) {
            if (name.contains(".")) {
                try {
                    return Class.forName(name, true, StepBinder.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new UnsupportedOperationException("no class " + name, e);
                }
            }
            Class<?> found = null;
            for (Class<?> c : catalog.implementationsOf(base)) {
                if (c.getSimpleName().equals(name)) {
                    if (found != null) {
                        throw new UnsupportedOperationException(name + " as a " + base + " could mean either "
                                + found.getName() + " or " + c.getName());
                    }
                    found = c;
                }
            }
            if (found == null) {
                throw new UnsupportedOperationException("no known implementation of " + base + " is named " + name);
            }
            return found;
        }
        if (Modifier.isAbstract(base.getModifiers()) || base.isInterface()) {
            throw new UnsupportedOperationException("must specify " + CLASS_KEY + " with an implementation of " + base);
        }
        return base;
    }

    private Class<?> resolveSymbol(Class<?> base, String symbol) {
        for (Class<?> c : catalog.symbols().getOrDefault(symbol, List.of())) {
            if (base.isAssignableFrom(c)) {
                return c;
            }
        }
        throw new UnsupportedOperationException("no known implementation of " + base + " is using symbol ‘" + symbol + "’");
    }

    private static Type elementType(Type collectionType) {
        if (collectionType instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            Type element = p.getActualTypeArguments()[0];
            if (element instanceof WildcardType w) {
                return w.getUpperBounds()[0];
            }
            return element;
        }
        return Object.class;
    }

    private static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return erasure(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Class<?> wrap(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return Array.get(Array.newInstance(type, 1), 0).getClass();
    }

    private static Object[] toObjectArray(Object array) {
        Object[] items = new Object[Array.getLength(array)];
        for (int i = 0; i < items.length; i++) {
            items[i] = Array.get(array, i);
        }
        return items;
    }

    private static String describe(Object o) {
        if (o instanceof String s) {
            return "'" + s + "'";
        }
        if (o instanceof Closure<?>) {
            return "a closure";
        }
        return String.valueOf(o);
    }
}
