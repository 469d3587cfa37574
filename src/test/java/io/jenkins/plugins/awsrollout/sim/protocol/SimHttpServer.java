package io.jenkins.plugins.awsrollout.sim.protocol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The one HTTP endpoint on 127.0.0.1 for every simulated service.
 *
 * <p>Routing, as AWS's own endpoints would be told apart: a request with {@code X-Amz-Target}
 * is JSON 1.1 and goes to the service with that target prefix; a form post (or a GET with an
 * {@code Action} query parameter) goes to the service registered for its {@code Version}, then
 * to the handler for its {@code Action}; anything else goes to the first {@link RawHandler} that
 * accepts it (S3's path-style requests).
 */
public final class SimHttpServer implements AutoCloseable {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Map<String, SimService> formServices = new LinkedHashMap<>();
    private final Map<String, SimService> jsonServices = new LinkedHashMap<>();
    private final List<RawHandler> rawHandlers = new CopyOnWriteArrayList<>();
    private final CallHost host;
    private final AtomicInteger requestIds = new AtomicInteger();
    private HttpServer server;
    private ExecutorService pool;

    public SimHttpServer(CallHost host) {
        this.host = host;
    }

    /** Registers a service; a form service by its Version, a JSON one by its target prefix. */
    public synchronized SimHttpServer register(SimService service) {
        Map<String, SimService> table = service.protocol() instanceof JsonWire ? jsonServices : formServices;
        if (table.putIfAbsent(service.routingKey(), service) != null) {
            throw new IllegalArgumentException("a service is already registered for " + service.routingKey());
        }
        return this;
    }

    /** Registers a handler for requests that are neither JSON nor form posts. */
    public SimHttpServer register(RawHandler handler) {
        rawHandlers.add(handler);
        return this;
    }

    /** Starts listening on 127.0.0.1:{@code port} (0 picks a free port). */
    public synchronized void start(int port) throws IOException {
        // The JDK server closes keep-alive connections beyond 200 idle ones by default; 200+
        // concurrent SDK clients would then keep reconnecting.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "1000");
        }
        // The JDK server writes headers and body separately; with Nagle's algorithm against the
        // client's delayed ACKs every small response would wait ~40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "aws-sim-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        pool = Executors.newFixedThreadPool(16, factory);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String requestId = nextRequestId();
            Map<String, String> query = decodeForm(exchange.getRequestURI().getRawQuery());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null) {
                handleJson(exchange, target, body, requestId);
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean form = "POST".equals(exchange.getRequestMethod()) && contentType != null
                    && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
            if (form || query.containsKey("Action")) {
                Map<String, String> params = new LinkedHashMap<>(query);
                params.putAll(decodeForm(new String(body, StandardCharsets.UTF_8)));
                handleForm(exchange, params, requestId);
                return;
            }
            handleRaw(exchange, query, body, requestId);
        } catch (RuntimeException e) {
            // A bug in a handler: answer 500 rather than hang the client.
            byte[] text = ("simulator error: " + e).getBytes(StandardCharsets.UTF_8);
            send(exchange, 500, "text/plain", Map.of(), text);
        }
    }

    private void handleForm(HttpExchange exchange, Map<String, String> params, String requestId) throws IOException {
        String version = params.get("Version");
        String action = params.getOrDefault("Action", "");
        SimService service;
        synchronized (this) {
            service = formServices.get(version);
        }
        if (service == null) {
            WireProtocol fallback = new QueryWire("https://sim.invalid/");
            SimError error = SimError.client("InvalidAction", "No service for Version=" + version);
            send(exchange, error.status(), fallback.contentType(), Map.of(), fallback.writeError(error, requestId));
            return;
        }
        WireRequest wire = new WireRequest(params, null);
        respond(exchange, service, action, wire, requestId);
    }

    private void handleJson(HttpExchange exchange, String target, byte[] body, String requestId) throws IOException {
        int dot = target.lastIndexOf('.');
        String prefix = dot < 0 ? target : target.substring(0, dot);
        String action = dot < 0 ? "" : target.substring(dot + 1);
        SimService service;
        synchronized (this) {
            service = jsonServices.get(prefix);
        }
        if (service == null) {
            JsonWire fallback = new JsonWire(prefix);
            SimError error = fallback.unknownAction(action);
            send(exchange, error.status(), fallback.contentType(), fallback.headers(requestId), fallback.writeError(error, requestId));
            return;
        }
        Map<String, String> flat;
        try {
            flat = JsonWire.flatten(JsonWire.parse(body));
        } catch (SimError e) {
            flat = Map.of();
        }
        respond(exchange, service, action, new WireRequest(flat, body), requestId);
    }

    private void respond(HttpExchange exchange, SimService service, String action, WireRequest wire, String requestId)
            throws IOException {
        WireProtocol protocol = service.protocol();
        Credentials credentials = credentials(exchange, wire.params());
        RequestContext context = new RequestContext(service.name(), action,
                credentials == null ? null : credentials.region(),
                credentials == null ? null : credentials.accessKeyId(), requestId, wire.params());
        try {
            if (credentials == null) {
                throw new SimError(403, protocol instanceof JsonWire ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
                        "Request is missing Authentication Token");
            }
            if (!service.handles(action)) {
                throw protocol.unknownAction(action);
            }
            SdkPojo result = host.run(context, ServiceErrors.of(protocol),
                    () -> service.invoke(action, wire, context));
            byte[] bytes = protocol.writeResult(action, result, requestId);
            host.record(context, "OK", 200);
            send(exchange, 200, protocol.contentType(), protocol.headers(requestId), bytes);
        } catch (SimError error) {
            host.record(context, error.code(), error.status());
            send(exchange, error.status(), protocol.contentType(), protocol.headers(requestId), protocol.writeError(error, requestId));
        } catch (RuntimeException bug) {
            // A simulator bug: answer in the service's own 5xx envelope (so clients fail cleanly) and say where.
            bug.printStackTrace();
            SimError error = new SimError(500, protocol.serverError().code(), "simulator bug in " + action + ": " + bug);
            host.record(context, error.code(), error.status());
            send(exchange, error.status(), protocol.contentType(), protocol.headers(requestId), protocol.writeError(error, requestId));
        }
    }

    private void handleRaw(HttpExchange exchange, Map<String, String> query, byte[] body, String requestId) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        String path = exchange.getRequestURI().getPath();
        RawRequest request = new RawRequest(exchange.getRequestMethod(), path, query, headers, body);
        RawHandler handler = rawHandlers.stream().filter(h -> h.accepts(request)).findFirst().orElse(null);
        if (handler == null) {
            send(exchange, 404, "text/plain", Map.of(), ("no simulated service for " + request.method() + " " + path)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        Credentials credentials = Credentials.parse(request.header("Authorization"), query.get("X-Amz-Credential"));
        Map<String, String> params = new LinkedHashMap<>(query);
        params.put("path", path);
        RequestContext context = new RequestContext(handler.service(), handler.action(request),
                credentials == null ? null : credentials.region(),
                credentials == null ? null : credentials.accessKeyId(), requestId, params);
        RawResponse response;
        try {
            if (credentials == null) {
                throw new SimError(403, "AccessDenied", "Request is missing Authentication Token");
            }
            response = host.run(context, handler.errors(), () -> handler.handle(request, context));
            host.record(context, "OK", response.status());
        } catch (SimError error) {
            host.record(context, error.code(), error.status());
            response = handler.error(error, requestId);
        }
        String type = response.headers().getOrDefault("Content-Type", "application/xml");
        send(exchange, response.status(), type, response.headers(), response.body());
    }

    private static Credentials credentials(HttpExchange exchange, Map<String, String> params) {
        return Credentials.parse(exchange.getRequestHeaders().getFirst("Authorization"), params.get("X-Amz-Credential"));
    }

    private static void send(HttpExchange exchange, int status, String contentType, Map<String, String> headers, byte[] body)
            throws IOException {
        var out = exchange.getResponseHeaders();
        out.set("Content-Type", contentType);
        // The real time, not simulated time: the SDK compares it with its own clock to detect skew.
        out.set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type")) {
                out.set(k, v);
            }
        });
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private String nextRequestId() {
        int n = requestIds.incrementAndGet();
        return String.format("00000000-0000-4000-8000-%012x", n);
    }

    /** Decodes an application/x-www-form-urlencoded string (later duplicates win). */
    static Map<String, String> decodeForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
