package org.handsfree.coach.routine;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a routine from YAML. SnakeYAML's node tree is used rather than plain maps so that every
 * error names the line it is on.
 */
public final class RoutineLoader {
    /** Name of the built-in routine, as a resource in the jar and a file in {@code routines/}. */
    public static final String BUILT_IN = "hand-expression.yaml";

    private static final Set<String> ROUTINE_KEYS = Set.of("title", "intro", "safety", "steps", "closing");
    private static final Set<String> STEP_KEYS = Set.of("title", "say", "hold", "then", "rhythm", "tip");
    private static final Set<String> RHYTHM_KEYS = Set.of("beats", "cycles");
    private static final Pattern BEAT = Pattern.compile("(.*?)\\s*(\\d+(?:\\.\\d+)?)\\s*(s|sec|secs|seconds?)");

    /** Limits no routine a person writes comes near; past them the file is a mistake, not a routine. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    public static final int MAX_TEXT = 4000;
    public static final int MAX_WORD = 40;
    public static final int MAX_STEPS = 500;
    public static final int MAX_CYCLES = 10_000;
    public static final Duration MAX_HOLD = Duration.ofHours(4);
    /** Aliases a routine may use, such as one rhythm shared by every step (SnakeYAML's default is 50). */
    private static final int MAX_ALIASES = 2000;

    private final String source;

    private RoutineLoader(String source) {
        this.source = source;
    }

    /** Loads a routine file; the error message names the file as given. */
    public static Routine load(Path file) throws RoutineException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new RoutineException(name, 0, "a folder, not a routine file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read at most one byte past the limit: /dev/zero or a huge file is an error, not a wait.
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new RoutineException(name, 0, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new RoutineException(name, 0, "permission denied", e);
        } catch (IOException e) {
            throw new RoutineException(name, 0, "cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new RoutineException(name, 0, "the file is over 1 MB; a routine is a few kB of text");
        }
        return parse(name, utf8(name, bytes));
    }

    /** The file's text, or an error naming the line of the first byte that is not UTF-8. */
    private static String utf8(String name, byte[] bytes) throws RoutineException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new RoutineException(name, line, String.format("not UTF-8 text (byte 0x%02x); save the file as UTF-8",
                    bytes[at] & 0xff));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /** The built-in hand-expression routine, from the jar. */
    public static Routine builtIn() {
        try (InputStream in = RoutineLoader.class.getResourceAsStream("/routines/" + BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in routine is missing from the jar");
            }
            return parse(BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RoutineException e) {
            throw new IllegalStateException("the built-in routine is broken: " + e.getMessage(), e);
        }
    }

    /** Parses routine text; {@code source} names it in errors. */
    public static Routine parse(String source, String text) throws RoutineException {
        return new RoutineLoader(source).read(new StringReader(text));
    }

    private Routine read(Reader reader) throws RoutineException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new RoutineException(source, line, "not valid YAML: " + oneLine(problem), e);
        } catch (YAMLException e) {
            throw new RoutineException(source, 1, "not valid YAML: " + oneLine(e.getMessage()), e);
        }
        if (root == null) {
            throw new RoutineException(source, 1, "the routine is empty");
        }
        Map<String, Node> top = mapping(root, "the routine", ROUTINE_KEYS);
        String title = requiredText(top, "title", root, "the routine");
        String intro = optionalText(top, "intro", "the routine").orElse("");
        String closing = optionalText(top, "closing", "the routine").orElse("That is the end of the routine.");
        List<String> safety = new ArrayList<>();
        if (top.containsKey("safety")) {
            for (Node note : sequence(top.get("safety"), "safety")) {
                safety.add(text(note, "safety note"));
            }
        }
        Node stepsNode = top.get("steps");
        if (stepsNode == null) {
            throw new RoutineException(source, line(root), "the routine has no 'steps'");
        }
        List<Node> stepNodes = sequence(stepsNode, "steps");
        if (stepNodes.isEmpty()) {
            throw new RoutineException(source, line(stepsNode), "the routine has no steps");
        }
        if (stepNodes.size() > MAX_STEPS) {
            throw new RoutineException(source, line(stepsNode), "the routine has " + stepNodes.size()
                    + " steps; at most " + MAX_STEPS);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepNodes.size(); i++) {
            steps.add(step(stepNodes.get(i), "step " + (i + 1)));
        }
        return new Routine(title, intro, safety, steps, closing);
    }

    private Step step(Node node, String where) throws RoutineException {
        Map<String, Node> keys = mapping(node, where, STEP_KEYS);
        String text = requiredText(keys, "say", node, where);
        String title = optionalText(keys, "title", where).orElse(firstWords(text));
        Optional<Hold> hold = Optional.empty();
        if (keys.containsKey("hold")) {
            hold = Optional.of(hold(keys.get("hold"), where));
        }
        Optional<Rhythm> rhythm = Optional.empty();
        if (keys.containsKey("rhythm")) {
            rhythm = Optional.of(rhythm(keys.get("rhythm"), where));
        }
        Step.Then then = Step.Then.WAIT;
        if (keys.containsKey("then")) {
            Node thenNode = keys.get("then");
            String value = text(thenNode, where + ": then").toLowerCase(Locale.ROOT);
            switch (value) {
                case "next" -> then = Step.Then.NEXT;
                case "wait" -> then = Step.Then.WAIT;
                default -> throw new RoutineException(source, line(thenNode),
                        where + ": then must be 'next' or 'wait', got '" + value + "'");
            }
            boolean ends = hold.isPresent() || rhythm.map(r -> r.cycles().isPresent()).orElse(false);
            if (!ends) {
                throw new RoutineException(source, line(thenNode),
                        where + ": 'then' needs a hold or a rhythm with cycles to end");
            }
        }
        Optional<String> tip = optionalText(keys, "tip", where);
        return new Step(title, text, hold, rhythm, tip, then);
    }

    private Hold hold(Node node, String where) throws RoutineException {
        String value = text(node, where + ": hold");
        Optional<Duration[]> range = Durations.parseRange(value);
        if (range.isEmpty()) {
            throw new RoutineException(source, line(node),
                    where + ": hold must look like '3-5 min' or '90 s', got '" + value + "'");
        }
        Duration min = range.get()[0];
        Duration max = range.get()[1];
        if (min.isZero()) {
            throw new RoutineException(source, line(node), where + ": hold must be longer than zero, got '" + value + "'");
        }
        if (max.compareTo(min) < 0) {
            throw new RoutineException(source, line(node),
                    where + ": hold range must go from short to long, got '" + value + "'");
        }
        if (max.compareTo(MAX_HOLD) > 0) {
            throw new RoutineException(source, line(node), where + ": hold can be at most 4 hours, got '" + value + "'");
        }
        return new Hold(min, max);
    }

    private Rhythm rhythm(Node node, String where) throws RoutineException {
        String rwhere = where + ": rhythm";
        Map<String, Node> keys = mapping(node, rwhere, RHYTHM_KEYS);
        Node beatsNode = keys.get("beats");
        if (beatsNode == null) {
            throw new RoutineException(source, line(node), rwhere + " has no 'beats'");
        }
        List<Node> beatNodes = sequence(beatsNode, rwhere + ": beats");
        if (beatNodes.isEmpty()) {
            throw new RoutineException(source, line(beatsNode), rwhere + " has no beats");
        }
        List<Beat> beats = new ArrayList<>();
        for (int i = 0; i < beatNodes.size(); i++) {
            Node b = beatNodes.get(i);
            String bwhere = rwhere + ": beat " + (i + 1);
            String value = text(b, bwhere);
            Matcher m = BEAT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new RoutineException(source, line(b),
                        bwhere + " must look like 'press 1 s', got '" + value + "'");
            }
            if (m.group(1).isBlank()) {
                throw new RoutineException(source, line(b),
                        bwhere + " has no word, like 'press 1 s', got '" + value + "'");
            }
            double seconds = Double.parseDouble(m.group(2));
            if (seconds < 0.2 || seconds > 10) {
                throw new RoutineException(source, line(b),
                        bwhere + " must last 0.2 to 10 s, got '" + value + "'");
            }
            beats.add(new Beat(m.group(1), seconds));
        }
        OptionalInt cycles = OptionalInt.empty();
        if (keys.containsKey("cycles")) {
            Node c = keys.get("cycles");
            String value = text(c, rwhere + ": cycles");
            try {
                int n = Integer.parseInt(value.trim());
                if (n < 1 || n > MAX_CYCLES) {
                    throw new NumberFormatException();
                }
                cycles = OptionalInt.of(n);
            } catch (NumberFormatException e) {
                throw new RoutineException(source, line(c),
                        rwhere + ": cycles must be a whole number from 1 to " + MAX_CYCLES + ", got '" + value + "'");
            }
        }
        return new Rhythm(beats, cycles);
    }

    private Map<String, Node> mapping(Node node, String where, Set<String> known) throws RoutineException {
        if (!(node instanceof MappingNode map)) {
            throw new RoutineException(source, line(node), where + " must be a set of 'key: value' lines");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = text(tuple.getKeyNode(), where + " key");
            if (!known.contains(key)) {
                throw new RoutineException(source, line(tuple.getKeyNode()),
                        where + ": unknown key '" + key + "' (known: " + String.join(", ", sorted(known)) + ")");
            }
            if (out.put(key, tuple.getValueNode()) != null) {
                throw new RoutineException(source, line(tuple.getKeyNode()), where + ": '" + key + "' is given twice");
            }
        }
        return out;
    }

    private List<Node> sequence(Node node, String where) throws RoutineException {
        if (!(node instanceof SequenceNode seq)) {
            throw new RoutineException(source, line(node), where + " must be a list of '- ' lines");
        }
        return seq.getValue();
    }

    private String text(Node node, String where) throws RoutineException {
        if (!(node instanceof ScalarNode scalar)) {
            throw new RoutineException(source, line(node), where + " must be text");
        }
        if (Tag.NULL.equals(scalar.getTag())) {
            return ""; // "~", "null" or nothing: YAML's empty value, never words to read aloud
        }
        String value = scalar.getValue().strip();
        if (value.length() > MAX_TEXT) {
            throw new RoutineException(source, line(node), where + " is " + value.length() + " characters long; at most "
                    + MAX_TEXT + " (about four minutes of speech): split it into steps");
        }
        for (String word : value.split("\\s+")) {
            if (word.length() > MAX_WORD) {
                throw new RoutineException(source, line(node), where + " has a word of " + word.length()
                        + " letters ('" + word.substring(0, 12) + "...'); at most " + MAX_WORD);
            }
        }
        return value;
    }

    private String requiredText(Map<String, Node> keys, String key, Node owner, String where)
            throws RoutineException {
        Node node = keys.get(key);
        if (node == null) {
            throw new RoutineException(source, line(owner), where + " has no '" + key + "'");
        }
        String value = text(node, where + ": " + key);
        if (value.isEmpty()) {
            throw new RoutineException(source, line(node), where + ": '" + key + "' is empty");
        }
        return value.replaceAll("\\s+", " ");
    }

    private Optional<String> optionalText(Map<String, Node> keys, String key, String where) throws RoutineException {
        Node node = keys.get(key);
        if (node == null) {
            return Optional.empty();
        }
        String value = text(node, where + ": " + key).replaceAll("\\s+", " ");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String firstWords(String text) {
        String[] words = text.split("\\s+");
        return String.join(" ", List.of(words).subList(0, Math.min(4, words.length))).replaceAll("[.,;:!?]+$", "");
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
