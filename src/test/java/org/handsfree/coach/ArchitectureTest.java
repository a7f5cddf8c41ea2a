package org.handsfree.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules of DESIGN.md, checked on the product's sources (a plain scan: every name a file
 * uses, in its imports or written out in full, outside comments and string literals).
 */
final class ArchitectureTest {
    private static final Path PRODUCT = Path.of("src/main/java/org/handsfree/coach");
    private static final Path TOOLS = Path.of("tools/src/main/java/org/handsfree/coach");
    private static final Pattern NAME = Pattern.compile(
            "\\b(edu\\.cmu\\.sphinx|com\\.sun\\.speech\\.freetts|javax\\.speech|javax\\.sound|org\\.handsfree\\.coach\\.\\w+)");

    /** One product source: its path below {@link #PRODUCT}, its package, and the names it uses. */
    record Source(String path, String pkg, Set<String> uses) {
        boolean uses(String prefix) {
            return uses.stream().anyMatch(u -> u.startsWith(prefix));
        }
    }

    private static List<Source> sources;

    @BeforeAll
    static void scan() throws IOException {
        sources = scan(PRODUCT);
        assertTrue(sources.size() > 50, "the product's sources are found from the project folder: " + sources.size());
    }

    static List<Source> scan(Path root) throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                String pkg = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : "";
                Set<String> uses = new TreeSet<>();
                Matcher m = NAME.matcher(code(read(f)));
                while (m.find()) {
                    uses.add(m.group(1));
                }
                out.add(new Source(rel, pkg, uses));
            }
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with comments, string and character literals blanked out: a javadoc may name anything. */
    static String code(String text) {
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
                b.append(' ');
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                i = end < 0 ? text.length() : end + 3;
                b.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c) {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                b.append(c).append(c);
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** Which sources break a rule: those that use {@code name} outside the {@code allowed} paths or packages. */
    private static List<String> usersOutside(String name, Set<String> allowed) {
        return sources.stream().filter(s -> s.uses(name))
                .filter(s -> !allowed.contains(s.path()) && !allowed.contains(s.pkg() + "/"))
                .map(Source::path).toList();
    }

    @Test
    void onlyTheSphinxDecoder_usesSphinx4() {
        // TopGaussians is the decoder's own Gaussian selection, installed by SphinxDecoder into its senone pool;
        // FlatGraph and FlatSearch are its grammar search on arrays, compiled from Sphinx4's search graph, and
        // FlatScorer that search's tied-state scores from copies of Sphinx4's mixture weights.
        assertEquals(List.of(), usersOutside("edu.cmu.sphinx", Set.of("listen/SphinxDecoder.java",
                "listen/TopGaussians.java", "listen/FlatGraph.java", "listen/FlatSearch.java",
                "listen/FlatScorer.java")));
    }

    @Test
    void onlyTheFreeTtsSynthesizer_usesFreeTts() {
        assertEquals(List.of(), usersOutside("com.sun.speech.freetts", Set.of("voice/FreeTtsSynthesizer.java")));
        assertEquals(List.of(), usersOutside("javax.speech", Set.of("voice/FreeTtsSynthesizer.java")));
    }

    @Test
    void onlyAudio_usesJavaSound() {
        // FreeTTS's AudioPlayer interface takes a javax.sound AudioFormat: the synthesizer that implements it
        // is the one class outside audio/ that must name it.
        assertEquals(List.of(), usersOutside("javax.sound", Set.of("audio/", "voice/FreeTtsSynthesizer.java")));
    }

    @Test
    void theSession_isPure() {
        for (String layer : List.of("audio", "listen", "loop", "voice", "cli", "bench")) {
            assertEquals(List.of(), sources.stream().filter(s -> s.pkg().equals("session"))
                    .filter(s -> s.uses("org.handsfree.coach." + layer)).map(Source::path).toList(),
                    "session/ must not use " + layer + "/");
        }
    }

    @Test
    void nothingUsesTheCommandLine_butItself() {
        assertEquals(List.of(), usersOutside("org.handsfree.coach.cli", Set.of("cli/")));
    }

    @Test
    void theProduct_usesNoTool() throws IOException {
        // The tools (tools/src/main/java) are compiled after the product; this keeps an incremental build, whose
        // target/classes still holds them, from letting the product reach for them.
        assertEquals(List.of(), usersOutside("org.handsfree.coach.bench", Set.of()));
        List<Source> tools = scan(TOOLS);
        assertTrue(tools.stream().anyMatch(t -> t.path().equals("bench/BenchCommand.java")), "the tools are found");
        // The tools reach Sphinx4, FreeTTS and Java Sound only through the product, as everything else does.
        for (String adapter : List.of("edu.cmu.sphinx", "com.sun.speech.freetts", "javax.sound")) {
            assertEquals(List.of(), tools.stream().filter(t -> t.uses(adapter)).map(Source::path).toList(), adapter);
        }
    }

    @Test
    void thePackages_formNoCycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source s : sources) {
            Set<String> to = graph.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            s.uses().stream().filter(u -> u.startsWith("org.handsfree.coach."))
                    .map(u -> u.substring("org.handsfree.coach.".length()))
                    .filter(p -> !p.equals(s.pkg())).forEach(to::add);
        }
        for (String start : graph.keySet()) {
            List<String> cycle = cycleFrom(start, start, graph, new ArrayList<>(List.of(start)), new TreeSet<>());
            assertEquals(List.of(), cycle, "packages that depend on each other in a circle");
        }
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> graph, List<String> path,
                                          Set<String> seen) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, graph, path, seen);
                if (!found.isEmpty()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }

    @Test
    void theScan_seesNamesInCode_notInCommentsOrStrings() {
        String text = """
                import edu.cmu.sphinx.api.Configuration;
                /** Uses {@code javax.sound.sampled}. */
                class X { String s = "com.sun.speech.freetts.Voice"; // org.handsfree.coach.cli
                  Object o = new org.handsfree.coach.loop.Trace(); char c = '"'; }
                """;
        Matcher m = NAME.matcher(code(text));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(List.of("edu.cmu.sphinx", "org.handsfree.coach.loop"), found);
    }
}
