package org.handsfree.coach.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Mode;
import org.handsfree.coach.session.SessionState;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The screen's rules over plain HTTP: what it serves, to whom, and what it refuses. */
@Timeout(120)
final class ScreenServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static ScreenServer start(String where) throws Exception {
        return ScreenServer.start(ScreenAddress.parse(where), ScreenBrowserTest.routine(), new JsonArray(), "");
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status line's code for a raw request, so the Host header can be anything. */
    static int rawStatus(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void local_servesThePage_andNothingElse() throws Exception {
        try (ScreenServer s = start("127.0.0.1:0")) {
            assertTrue(s.url().matches("http://127\\.0\\.0\\.1:\\d+/"), s.url());
            HttpResponse<String> page = get(s.url());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("new EventSource(\"events\")"));
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no address outside the coach");
            for (String path : List.of("favicon.ico", "index.html", "../pom.xml", "screen/index.html", "audio.wav",
                    "events/x", "%2e%2e/etc/passwd")) {
                assertEquals(404, get(s.url() + path).statusCode(), path);
            }
            assertEquals(405, post(s.url(), "").statusCode());
            assertEquals(405, get(s.url() + "command").statusCode());
        }
    }

    @Test
    void local_answersOnlyToItsOwnName() throws Exception {
        try (ScreenServer s = start("0")) {
            int port = URI.create(s.url()).getPort();
            assertEquals(200, rawStatus(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n"));
            assertEquals(200, rawStatus(port, "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n"));
            assertEquals(403, rawStatus(port, "GET / HTTP/1.1\r\nHost: attacker.example:" + port + "\r\nConnection: close\r\n\r\n"));
        }
    }

    @Test
    void token_isNeededForEveryPath() throws Exception {
        try (ScreenServer s = start("0.0.0.0:0")) {
            URI printed = URI.create(s.url());
            String token = printed.getPath().replace("/", "");
            assertTrue(token.length() >= 20, "a token of 128 random bits: " + token);
            String base = "http://127.0.0.1:" + printed.getPort() + "/";
            assertEquals(200, get(base + token + "/").statusCode());
            for (String path : List.of("", "events", "command", "x/", token, token.substring(1) + "/",
                    token.toUpperCase() + "/")) {
                assertEquals(403, get(base + path).statusCode(), path);
            }
            assertEquals(403, post(base + "command", "intent=next").statusCode());
            assertEquals(404, get(base + token + "/index.html").statusCode());
            assertEquals(202, post(base + token + "/command", "intent=next").statusCode());
        }
    }

    @Test
    void tokens_differEachTime() throws Exception {
        try (ScreenServer a = start("0.0.0.0:0"); ScreenServer b = start("0.0.0.0:0")) {
            assertFalse(URI.create(a.url()).getPath().equals(URI.create(b.url()).getPath()));
        }
    }

    @Test
    void command_becomesTheSameIntentAsSpeech() throws Exception {
        try (ScreenServer s = start("127.0.0.1:0")) {
            assertEquals(202, post(s.url() + "command", "intent=next").statusCode());
            assertEquals(202, post(s.url() + "command", "intent=back").statusCode());
            assertEquals(400, post(s.url() + "command", "intent=quit").statusCode());
            assertEquals(400, post(s.url() + "command", "intent=").statusCode());
            assertEquals(400, post(s.url() + "command", "nothing").statusCode());
            assertEquals(413, post(s.url() + "command", "intent=" + "x".repeat(400)).statusCode());
            List<Hearing> heard = s.input().poll(1600, 160);
            assertEquals(List.of(new Utterance("next", Intent.parse("next"), 1.0, 1600, 1600),
                    new Utterance("go back", Intent.parse("back"), 1.0, 1600, 1600)), heard);
            assertTrue(s.input().poll(1760, 160).isEmpty());
            assertFalse(s.input().ended());
        }
    }

    @Test
    void command_fromAnotherSite_isRefused() throws Exception {
        try (ScreenServer s = start("127.0.0.1:0")) {
            int port = URI.create(s.url()).getPort();
            String body = "intent=next";
            assertEquals(403, rawStatus(port, "POST /command HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nOrigin: http://attacker.example\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body));
            assertEquals(202, rawStatus(port, "POST /command HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nOrigin: http://127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body));
            assertEquals(1, s.input().poll(0, 160).size());
        }
    }

    @Test
    void address_formsAndErrors() {
        ScreenAddress none = ScreenAddress.parse("");
        assertEquals(ScreenAddress.DEFAULT_PORT, none.port());
        assertFalse(none.portChosen());
        assertTrue(none.local());
        assertEquals(8080, ScreenAddress.parse("8080").port());
        assertTrue(ScreenAddress.parse("localhost:8080").local());
        assertTrue(ScreenAddress.parse("[::1]:8080").local());
        assertFalse(ScreenAddress.parse("0.0.0.0:8080").local());
        assertEquals(ScreenAddress.DEFAULT_PORT, ScreenAddress.parse("0.0.0.0").port());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ScreenAddress.parse("80:80:80"));
        assertEquals("--screen must be PORT or HOST:PORT, e.g. 8765 or 0.0.0.0:8765, got '80:80:80'", bad.getMessage());
        assertEquals("--screen port must be 0 to 65535, got 70000",
                assertThrows(IllegalArgumentException.class, () -> ScreenAddress.parse("70000")).getMessage());
    }

    @Test
    void chosenPortInUse_isAnError_unchosenOneMovesOn() throws Exception {
        try (ScreenServer first = start("127.0.0.1:0")) {
            int port = URI.create(first.url()).getPort();
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> start("127.0.0.1:" + port));
            assertTrue(e.getMessage().startsWith("--screen: can't listen on 127.0.0.1:" + port), e.getMessage());
            ScreenAddress unchosen = new ScreenAddress("127.0.0.1", java.net.InetAddress.getLoopbackAddress(), port, false);
            try (ScreenServer second = ScreenServer.start(unchosen, ScreenBrowserTest.routine(), new JsonArray(), "")) {
                assertFalse(URI.create(second.url()).getPort() == port);
                assertEquals(200, get(second.url()).statusCode());
            }
        }
    }

    /** The next state a stream sends. */
    static JsonObject nextState(java.util.Iterator<String> lines) {
        while (lines.hasNext()) {
            String l = lines.next();
            if (l.startsWith("data: ")) {
                return JsonParser.parseString(l.substring(6)).getAsJsonObject();
            }
        }
        throw new AssertionError("the stream ended");
    }

    static java.util.Iterator<String> watch(String url) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "events")).GET()
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        return r.body().iterator();
    }

    @Test
    void events_pushEveryChangeToEveryPage_andALatePageGetsTheStateAtOnce() throws Exception {
        try (ScreenServer s = start("127.0.0.1:0")) {
            ScreenFeed feed = s.feed();
            SessionState one = new SessionState(Mode.NARRATING, 1, null, null, null, 0, null, null, 0, 7);
            feed.changed(null, one, 0);
            feed.frame(one, 160, "listening");
            java.util.Iterator<String> a = watch(s.url());
            java.util.Iterator<String> b = watch(s.url());
            assertEquals(1, nextState(a).get("step").getAsInt());
            assertEquals(1, nextState(b).get("step").getAsInt());

            SessionState two = new SessionState(Mode.WAITING, 2, null, null, null, 0, null, null, 0, 7);
            feed.heard(new Utterance("next", Intent.parse("next"), 1.0, 200, 200), "screen", 320);
            feed.changed(one, two, 320);
            feed.frame(two, 480, "listening");
            for (java.util.Iterator<String> page : List.of(a, b)) {
                JsonObject st = nextState(page);
                assertEquals(2, st.get("step").getAsInt());
                assertEquals("Hold on", st.get("title").getAsString());
                assertEquals("next", st.get("heard").getAsString());
                assertEquals("screen", st.get("heardFrom").getAsString());
                assertEquals("waiting", st.get("mode").getAsString());
                assertEquals(180, st.getAsJsonObject("hold").get("min").getAsInt());
                assertFalse(st.getAsJsonObject("hold").get("started").getAsBoolean());
            }
            JsonObject late = nextState(watch(s.url()));
            assertEquals(2, late.get("step").getAsInt());

            feed.rejected(500);
            feed.frame(two, 640, "listening");
            JsonObject rejected = nextState(a);
            assertTrue(rejected.get("rejected").getAsBoolean());
            assertFalse(rejected.has("heard"));
        }
    }

    @Test
    void sessionEnd_reachesThePage_thenItsStreamEnds() throws Exception {
        ScreenServer s = start("127.0.0.1:0");
        SessionState one = new SessionState(Mode.WAITING, 1, null, null, null, 0, null, null, 0, 7);
        s.feed().changed(null, one, 0);
        s.feed().frame(one, 160, "typing");
        java.util.Iterator<String> page = watch(s.url());
        assertEquals("waiting", nextState(page).get("mode").getAsString());
        SessionState over = new SessionState(Mode.ENDED, 1, null, null, null, 0, null, null, 0, 7);
        s.feed().changed(one, over, 320);
        s.feed().ended(over, 320, true);
        s.close();
        assertEquals("ended", nextState(page).get("mode").getAsString());
        while (page.hasNext()) {
            assertFalse(page.next().startsWith("data: "));
        }
    }
}
