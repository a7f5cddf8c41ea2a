package org.handsfree.coach.screen;

import com.google.gson.JsonArray;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.handsfree.coach.routine.Routine;

/**
 * The companion screen: one page, its stream of states (Server-Sent Events) and its buttons, served
 * by the JDK's own HTTP server. Nothing else: no files from disk, no audio, 404 for any other path.
 * On 127.0.0.1 only this machine can reach it (and requests must name it as their host, so a web
 * page elsewhere can't reach it through a renamed address); on any other address every path must
 * start with a random token that is part of the printed address, or the answer is 403.
 */
public final class ScreenServer implements AutoCloseable {
    /** How many pages can watch at once; more get 503. */
    static final int MAX_WATCHERS = 16;
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final int MAX_BODY = 256;

    private final HttpServer server;
    private final ExecutorService threads;
    private final Broadcast broadcast = new Broadcast();
    private final ScreenInput input = new ScreenInput();
    private final ScreenFeed feed;
    private final byte[] page;
    private final String token;
    private final Set<String> hosts;
    private final String url;
    private final Semaphore watchers = new Semaphore(MAX_WATCHERS);

    private ScreenServer(HttpServer server, ExecutorService threads, Routine routine, JsonArray history, String week,
                         String token, Set<String> hosts, String url) {
        this.server = server;
        this.threads = threads;
        this.feed = new ScreenFeed(routine, broadcast, history, week);
        this.token = token;
        this.hosts = hosts;
        this.url = url;
        try (InputStream in = ScreenServer.class.getResourceAsStream("/screen/index.html")) {
            if (in == null) {
                throw new IllegalStateException("the screen's page is missing from the jar");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("can't read the screen's page: " + e.getMessage(), e);
        }
    }

    /**
     * Starts serving at {@code where}. A port that is busy is an error when it was chosen, and when it
     * was not, any free port is taken instead.
     *
     * @param history the last few sessions, newest first (see {@link ScreenFeed})
     * @throws IOException with a one-line message when the address can't be used
     */
    public static ScreenServer start(ScreenAddress where, Routine routine, JsonArray history, String week)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(where.address(), where.port()), 32);
        } catch (BindException e) {
            if (where.portChosen()) {
                throw new IOException("--screen: can't listen on " + where.host() + ":" + where.port() + " ("
                        + e.getMessage() + "); choose another port, e.g. --screen " + (where.port() + 1), e);
            }
            server = HttpServer.create(new InetSocketAddress(where.address(), 0), 32);
        }
        int port = server.getAddress().getPort();
        String token = where.local() ? null : newToken();
        String shownHost = where.local() ? hostForUrl(where.host()) : hostForUrl(reachableHost(where.address()));
        Set<String> hosts = where.local()
                ? Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port)
                : Set.of();
        String url = "http://" + shownHost + ":" + port + "/" + (token == null ? "" : token + "/");
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "screen-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        ScreenServer s = new ScreenServer(server, threads, routine, history, week, token, hosts, url);
        server.createContext("/", s::handle);
        server.start();
        return s;
    }

    /** The address to open, token included: what {@code ./coach --screen} prints. */
    public String url() {
        return url;
    }

    /** Follows the session: attach to the loop with {@code watchedBy}. */
    public ScreenFeed feed() {
        return feed;
    }

    /** The buttons: attach to the loop with {@code takingCommandsFrom("screen", ...)}. */
    public ScreenInput input() {
        return input;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            String host = x.getRequestHeaders().getFirst("Host");
            if (!hosts.isEmpty() && (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT)))) {
                plain(x, 403, "forbidden: this screen answers only at " + url);
                return;
            }
            String path = x.getRequestURI().getRawPath();
            if (token != null) {
                String prefix = "/" + token + "/";
                boolean ok = path.length() >= prefix.length()
                        && MessageDigest.isEqual(path.substring(0, prefix.length()).getBytes(StandardCharsets.UTF_8),
                        prefix.getBytes(StandardCharsets.UTF_8));
                if (!ok) {
                    plain(x, 403, "forbidden: open the address the coach printed, token included");
                    return;
                }
                path = path.substring(prefix.length() - 1);
            }
            String method = x.getRequestMethod();
            switch (path) {
                case "/" -> {
                    if (allowed(x, method, "GET", "HEAD")) {
                        x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                        x.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; "
                                + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
                                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
                        send(x, 200, method.equals("HEAD") ? null : page);
                    }
                }
                case "/events" -> {
                    if (allowed(x, method, "GET")) {
                        events(x);
                    }
                }
                case "/command" -> {
                    if (allowed(x, method, "POST")) {
                        command(x);
                    }
                }
                default -> plain(x, 404, "not found");
            }
        } catch (IOException e) {
            // The page went away mid-answer: nothing to tell anyone.
        }
    }

    private static boolean allowed(HttpExchange x, String method, String... ok) throws IOException {
        for (String m : ok) {
            if (m.equals(method)) {
                return true;
            }
        }
        x.getResponseHeaders().set("Allow", String.join(", ", ok));
        plain(x, 405, "method not allowed");
        return false;
    }

    private void events(HttpExchange x) throws IOException {
        if (!watchers.tryAcquire()) {
            plain(x, 503, "too many pages are watching this session");
            return;
        }
        try {
            x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long seen = 0;
            while (true) {
                Broadcast.Versioned v = broadcast.await(seen, KEEP_ALIVE_MILLIS);
                if (v == null) {
                    if (broadcast.closed()) {
                        return;
                    }
                    out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    seen = v.version();
                    out.write(("data: " + v.state() + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchers.release();
        }
    }

    private void command(HttpExchange x) throws IOException {
        String origin = x.getRequestHeaders().getFirst("Origin");
        String host = x.getRequestHeaders().getFirst("Host");
        if (origin != null && !origin.equals("null") && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            plain(x, 403, "forbidden: commands come only from the screen's own page");
            return;
        }
        byte[] body = x.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            plain(x, 413, "command too long");
            return;
        }
        String button = null;
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals("intent")) {
                button = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        if (button == null) {
            plain(x, 400, "send intent=NAME, one of " + String.join(", ", new java.util.TreeSet<>(ScreenInput.BUTTONS.keySet())));
            return;
        }
        if (!input.press(button)) {
            plain(x, 400, "unknown command '" + button + "'");
            return;
        }
        plain(x, 202, "ok");
    }

    private static void plain(HttpExchange x, int code, String text) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(x, code, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int code, byte[] body) throws IOException {
        x.sendResponseHeaders(code, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** For a wildcard address, one this machine can be reached at from the network; else the address itself. */
    private static String reachableHost(InetAddress a) {
        if (!a.isAnyLocalAddress()) {
            return a.getHostAddress();
        }
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress ia : Collections.list(ni.getInetAddresses())) {
                    if (ia instanceof Inet4Address && ia.isSiteLocalAddress()) {
                        return ia.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to the host name
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return a.getHostAddress();
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Sends every page the last state, ends their streams and stops serving. */
    @Override
    public void close() {
        broadcast.close();
        // A second for the pages to get the last state ("the session is over").
        server.stop(1);
        threads.shutdownNow();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
