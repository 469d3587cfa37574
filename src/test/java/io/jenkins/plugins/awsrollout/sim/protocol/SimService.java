package io.jenkins.plugins.awsrollout.sim.protocol;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One AWS service: its name, wire protocol, routing key and handler objects.
 *
 * <p>A handler is any public method {@code XxxResponse handle(XxxRequest request, RequestContext context)}
 * whose first parameter is an SDK request class: the action is the request class name without
 * {@code Request}, so {@code RunInstancesRequest} handles {@code Action=RunInstances}. A service
 * may spread its handlers over several small objects.
 */
public final class SimService {
    private final String name;
    private final String routingKey;
    private final WireProtocol protocol;
    private final Map<String, Handler> handlers = new HashMap<>();

    private record Handler(Object target, Method method, Class<?> requestType) {}

    private SimService(String name, String routingKey, WireProtocol protocol, Object... handlerObjects) {
        this.name = name;
        this.routingKey = routingKey;
        this.protocol = protocol;
        for (Object target : handlerObjects) {
            for (Method method : target.getClass().getMethods()) {
                Class<?>[] params = method.getParameterTypes();
                if (Modifier.isStatic(method.getModifiers()) || params.length != 2
                        || !SdkPojo.class.isAssignableFrom(params[0]) || params[1] != RequestContext.class
                        || !params[0].getSimpleName().endsWith("Request")) {
                    continue;
                }
                String action = params[0].getSimpleName().substring(0, params[0].getSimpleName().length() - "Request".length());
                if (handlers.put(action, new Handler(target, method, params[0])) != null) {
                    throw new IllegalArgumentException("two handlers for " + name + " " + action);
                }
            }
        }
    }

    /** An EC2 or query service routed by its {@code Version} form field. */
    public static SimService form(String name, String version, WireProtocol protocol, Object... handlers) {
        return new SimService(name, version, protocol, handlers);
    }

    /** A JSON 1.1 service routed by its {@code X-Amz-Target} prefix. */
    public static SimService json(String name, JsonWire protocol, Object... handlers) {
        return new SimService(name, protocol.targetPrefix(), protocol, handlers);
    }

    public String name() {
        return name;
    }

    String routingKey() {
        return routingKey;
    }

    public WireProtocol protocol() {
        return protocol;
    }

    boolean handles(String action) {
        return handlers.containsKey(action);
    }

    /** Decodes the request, runs the handler and returns its result. */
    SdkPojo invoke(String action, WireRequest wire, RequestContext context) {
        Handler handler = handlers.get(action);
        if (handler == null) {
            throw protocol.unknownAction(action);
        }
        try {
            SdkPojo builder = (SdkPojo) handler.requestType().getMethod("builder").invoke(null);
            SdkPojo request = protocol.readRequest(builder, wire);
            return (SdkPojo) handler.method().invoke(handler.target(), request, context);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
