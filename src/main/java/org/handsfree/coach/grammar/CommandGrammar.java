package org.handsfree.coach.grammar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handsfree.coach.session.Context;
import org.handsfree.coach.session.Intent;

/**
 * The command phrases and their intents, read from the JSGF grammar's tags. The same grammar file
 * drives the recognizer, so what can be typed and what can be said never disagree.
 *
 * <p>Supports the JSGF subset the grammar uses: rules, alternatives, groups, optional parts,
 * rule references and tags. A phrase's intent is its word tag ({@code goto}) with its number tag
 * appended ({@code goto:5}).
 *
 * <p>Each public rule is a listening context ({@link Context}); {@link #phrases()} is all of them
 * at once. {@link #forSteps} rewrites the {@code <num>} rule to the numbers of a routine, and
 * {@link #decoderGrammar} is the one grammar the recognizer compiles for every context.
 */
public final class CommandGrammar {
    /** Resource path of the grammar in the jar; the file users edit is {@code grammars/commands.gram}. */
    public static final String RESOURCE = "/grammars/commands.gram";

    private static final Pattern RULE = Pattern.compile(
            "(?:public\\s+)?<([\\w.]+)>\\s*=\\s*(.*?);", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("\\s*(<[\\w.]+>|\\{[^}]*\\}|[|()\\[\\]]|[^\\s|()\\[\\]<{]+)");
    private static final String[] UNITS = {"zero", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"};
    /** The highest number the grammar can spell (and the dictionary pronounce). */
    public static final int MAX_NUMBER = 99;
    private static final Pattern NUM_RULE = Pattern.compile("(<num>\\s*=).*?;", Pattern.DOTALL);

    private final String name;
    private final String source;
    private final Map<String, Intent> phrases;
    private final Map<String, Map<String, Intent>> contexts;
    private final Map<String, List<String>> contextRules;
    private final List<String> addressWords;

    private CommandGrammar(String name, String source, Map<String, Intent> phrases,
                           Map<String, Map<String, Intent>> contexts, Map<String, List<String>> contextRules,
                           List<String> addressWords) {
        this.name = name;
        this.source = source;
        this.phrases = Collections.unmodifiableMap(phrases);
        this.contexts = contexts;
        this.contextRules = contextRules;
        this.addressWords = addressWords;
    }

    /** The grammar packaged with the coach, its numbers as written (zero to twelve). */
    public static CommandGrammar builtIn() {
        return parse(builtInText());
    }

    /** The grammar packaged with the coach, its numbers those of a routine of {@code steps} steps. */
    public static CommandGrammar builtIn(int steps) {
        return forSteps(builtInText(), steps);
    }

    private static String builtInText() {
        try (InputStream in = CommandGrammar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the command grammar is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the command grammar: " + e.getMessage(), e);
        }
    }

    /**
     * Parses JSGF text with its {@code <num>} rule replaced by the numbers one to {@code steps}.
     *
     * @throws IllegalArgumentException when steps is out of range or the grammar has no {@code <num>} rule
     */
    public static CommandGrammar forSteps(String jsgf, int steps) {
        if (steps < 1 || steps > MAX_NUMBER) {
            throw new IllegalArgumentException("a routine of " + steps + " steps: steps can be numbered by voice from 1 to "
                    + MAX_NUMBER);
        }
        Matcher m = NUM_RULE.matcher(jsgf);
        if (!m.find()) {
            throw new IllegalArgumentException("grammar has no <num> rule to number the steps with");
        }
        StringBuilder body = new StringBuilder();
        for (int n = 1; n <= steps; n++) {
            body.append(n == 1 ? " " : " | ").append(spelled(n)).append(" {").append(n).append('}');
        }
        return parse(jsgf.substring(0, m.start()) + m.group(1) + body + ";" + jsgf.substring(m.end()));
    }

    /** A number as words: "five", "twenty one". */
    public static String spelled(int n) {
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("cannot spell " + n);
        }
        if (n < UNITS.length) {
            return UNITS[n];
        }
        return TENS[n / 10] + (n % 10 == 0 ? "" : " " + UNITS[n % 10]);
    }

    /**
     * Parses JSGF text and expands every phrase of its public rule.
     *
     * @throws IllegalArgumentException when the grammar is malformed or a phrase has two intents
     */
    public static CommandGrammar parse(String jsgf) {
        String text = jsgf.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ");
        Matcher header = Pattern.compile("grammar\\s+([\\w.]+)\\s*;").matcher(text);
        if (!header.find()) {
            throw new IllegalArgumentException("grammar has no 'grammar NAME;' line");
        }
        String grammarName = header.group(1);
        String body = text.substring(header.end());
        Map<String, String> rules = new LinkedHashMap<>();
        List<String> publicRules = new ArrayList<>();
        Matcher m = RULE.matcher(body);
        while (m.find()) {
            if (rules.put(m.group(1), m.group(2)) != null) {
                throw new IllegalArgumentException("rule <" + m.group(1) + "> is defined twice");
            }
            if (m.group(0).startsWith("public")) {
                publicRules.add(m.group(1));
            }
        }
        if (publicRules.isEmpty()) {
            throw new IllegalArgumentException("grammar " + grammarName + " has no public rule");
        }
        Expander expander = new Expander(rules);
        Map<String, Intent> phrases = new LinkedHashMap<>();
        Map<String, Map<String, Intent>> contexts = new LinkedHashMap<>();
        Map<String, List<String>> contextRules = new LinkedHashMap<>();
        for (String rule : publicRules) {
            Map<String, Intent> own = new LinkedHashMap<>();
            for (Expansion e : expander.rule(rule)) {
                String phrase = String.join(" ", e.words());
                Intent intent = intentOf(phrase, e.tags());
                Intent before = phrases.putIfAbsent(phrase, intent);
                if (before != null && !before.equals(intent)) {
                    throw new IllegalArgumentException(
                            "phrase '" + phrase + "' means both " + before + " and " + intent);
                }
                own.putIfAbsent(phrase, intent);
            }
            contexts.put(rule, Collections.unmodifiableMap(own));
            contextRules.put(rule, referencesOnly(rules.get(rule)));
        }
        List<String> address = new ArrayList<>();
        if (rules.containsKey("address")) {
            for (Expansion e : expander.rule("address")) {
                if (e.words().size() != 1 || !e.tags().isEmpty()) {
                    throw new IllegalArgumentException("rule <address> must list single words without tags");
                }
                address.add(e.words().get(0));
            }
        }
        return new CommandGrammar(grammarName, text, phrases, contexts, contextRules, List.copyOf(address));
    }

    /** The rules a public rule lists, when it is nothing but {@code <a> | <b> | ...}; else empty. */
    private static List<String> referencesOnly(String body) {
        List<String> refs = new ArrayList<>();
        for (String alt : body.split("\\|")) {
            String t = alt.trim();
            if (!t.matches("<[\\w.]+>")) {
                return List.of();
            }
            refs.add(t.substring(1, t.length() - 1));
        }
        return refs;
    }

    private static Intent intentOf(String phrase, List<String> tags) {
        String word = null;
        String number = null;
        for (String tag : tags) {
            if (tag.matches("\\d+")) {
                number = tag;
            } else if (word == null) {
                word = tag;
            } else {
                throw new IllegalArgumentException("phrase '" + phrase + "' has two intents: " + tags);
            }
        }
        if (word == null) {
            throw new IllegalArgumentException("phrase '" + phrase + "' has no intent tag");
        }
        try {
            return Intent.parse(number == null ? word : word + ":" + number);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phrase '" + phrase + "': " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** Every phrase the grammar accepts, lowercase words separated by one space, with its intent. */
    public Map<String, Intent> phrases() {
        return phrases;
    }

    /**
     * The phrases of one listening context, with their intents.
     *
     * @throws IllegalArgumentException when the grammar has no public rule of that name
     */
    public Map<String, Intent> phrases(Context context) {
        Map<String, Intent> p = contexts.get(context.wireName());
        if (p == null) {
            throw new IllegalArgumentException("grammar " + name + " has no public rule <" + context.wireName() + ">");
        }
        return p;
    }

    /** The intent of {@code phrase} in {@code context}, or empty when the phrase is not for that context. */
    public Optional<Intent> intentOf(String phrase, Context context) {
        return context == null ? intentOf(phrase) : Optional.ofNullable(phrases(context).get(phrase));
    }

    /** The words that may address the coach in addressed mode ({@code <address>}). */
    public List<String> addressWords() {
        return addressWords;
    }

    /**
     * Checks that {@code word} is one of {@link #addressWords()} (null: addressed mode is off).
     *
     * @param what how the word is named in the message, such as {@code --address}
     * @throws IllegalArgumentException naming the words there are
     */
    public void checkAddress(String word, String what) {
        if (word != null && !addressWords.contains(word)) {
            throw new IllegalArgumentException(what + " must be one of " + String.join(", ", addressWords)
                    + ", got '" + word + "'");
        }
    }

    /**
     * The grammar the recognizer compiles: every context's phrases in one public rule {@code <heard>},
     * each rule once, with {@code address} (or nothing, when null) optional in front. The other
     * rules are the same as here, none of them public.
     */
    public String decoderGrammar(String address) {
        Set<String> refs = new java.util.LinkedHashSet<>();
        contextRules.forEach((rule, listed) -> {
            if (listed.isEmpty()) {
                refs.add(rule);
            } else {
                refs.addAll(listed);
            }
        });
        String body = source.replaceFirst("^[\\s\\S]*?grammar\\s+[\\w.]+\\s*;", "")
                .replaceAll("public\\s+<", "<");
        StringBuilder any = new StringBuilder();
        for (String r : refs) {
            any.append(any.length() == 0 ? "" : " | ").append('<').append(r).append('>');
        }
        String front = address == null ? "" : "[" + address + "] ";
        return "#JSGF V1.0;\ngrammar " + name + ";\n" + "public <heard> = " + front + "(" + any + ");\n" + body;
    }

    /** The intent of a recognised phrase, exactly as the grammar spells it. */
    public Optional<Intent> intentOf(String phrase) {
        return Optional.ofNullable(phrases.get(phrase));
    }

    /**
     * The intent of something a person typed: case, punctuation and spacing don't matter, and
     * digits stand for their words ("go to step 5").
     */
    public Optional<Intent> interpretTyped(String typed) {
        return intentOf(normalize(typed));
    }

    /** Lowercase words with single spaces; numbers 0-99 spelt out; punctuation other than apostrophes dropped. */
    public static String normalize(String typed) {
        String s = typed.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("[^a-z0-9' ]", " ");
        List<String> words = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (w.matches("\\d+")) {
                int n = w.length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(w);
                words.add(n <= MAX_NUMBER ? spelled(n) : w);
            } else if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return String.join(" ", words);
    }

    private record Expansion(List<String> words, List<String> tags) {
        Expansion then(Expansion next) {
            List<String> w = new ArrayList<>(words);
            w.addAll(next.words);
            List<String> t = new ArrayList<>(tags);
            t.addAll(next.tags);
            return new Expansion(w, t);
        }

        Expansion tagged(String tag) {
            List<String> t = new ArrayList<>(tags);
            t.add(tag);
            return new Expansion(words, t);
        }
    }

    /** Recursive-descent expansion of rule bodies into all their phrases. */
    private static final class Expander {
        private final Map<String, String> rules;
        private final Map<String, List<Expansion>> done = new HashMap<>();
        private final List<String> active = new ArrayList<>();
        private List<String> tokens;
        private int pos;

        Expander(Map<String, String> rules) {
            this.rules = rules;
        }

        List<Expansion> rule(String name) {
            List<Expansion> cached = done.get(name);
            if (cached != null) {
                return cached;
            }
            String body = rules.get(name);
            if (body == null) {
                throw new IllegalArgumentException("grammar refers to <" + name + ">, which is not defined");
            }
            if (active.contains(name)) {
                throw new IllegalArgumentException("rule <" + name + "> refers to itself");
            }
            active.add(name);
            List<String> savedTokens = tokens;
            int savedPos = pos;
            tokens = tokenize(body, name);
            pos = 0;
            List<Expansion> result = alternatives();
            if (pos != tokens.size()) {
                throw new IllegalArgumentException("rule <" + name + ">: unexpected '" + tokens.get(pos) + "'");
            }
            tokens = savedTokens;
            pos = savedPos;
            active.remove(name);
            done.put(name, result);
            return result;
        }

        private static List<String> tokenize(String body, String rule) {
            List<String> out = new ArrayList<>();
            Matcher m = TOKEN.matcher(body);
            int at = 0;
            while (at < body.length() && m.find(at) && m.start() == at) {
                out.add(m.group(1));
                at = m.end();
            }
            if (!body.substring(at).isBlank()) {
                throw new IllegalArgumentException("rule <" + rule + ">: cannot read '" + body.substring(at).trim() + "'");
            }
            return out;
        }

        private List<Expansion> alternatives() {
            List<Expansion> all = new ArrayList<>(sequence());
            while (pos < tokens.size() && tokens.get(pos).equals("|")) {
                pos++;
                all.addAll(sequence());
            }
            return all;
        }

        private List<Expansion> sequence() {
            List<Expansion> acc = List.of(new Expansion(List.of(), List.of()));
            while (pos < tokens.size() && !tokens.get(pos).equals("|") && !tokens.get(pos).equals(")")
                    && !tokens.get(pos).equals("]")) {
                List<Expansion> item = item();
                List<Expansion> next = new ArrayList<>();
                for (Expansion a : acc) {
                    for (Expansion b : item) {
                        next.add(a.then(b));
                    }
                }
                acc = next;
            }
            return acc;
        }

        private List<Expansion> item() {
            String t = tokens.get(pos++);
            List<Expansion> atom;
            if (t.equals("(") || t.equals("[")) {
                String close = t.equals("(") ? ")" : "]";
                List<Expansion> inner = alternatives();
                if (pos >= tokens.size() || !tokens.get(pos).equals(close)) {
                    throw new IllegalArgumentException("missing '" + close + "' in grammar");
                }
                pos++;
                atom = new ArrayList<>(inner);
                if (close.equals("]")) {
                    atom.add(new Expansion(List.of(), List.of()));
                }
            } else if (t.startsWith("<")) {
                atom = rule(t.substring(1, t.length() - 1));
            } else if (t.startsWith("{")) {
                throw new IllegalArgumentException("tag " + t + " has nothing before it");
            } else {
                atom = List.of(new Expansion(List.of(t.toLowerCase(Locale.ROOT)), List.of()));
            }
            while (pos < tokens.size() && tokens.get(pos).startsWith("{")) {
                String tag = tokens.get(pos++);
                String value = tag.substring(1, tag.length() - 1).trim();
                atom = atom.stream().map(e -> e.tagged(value)).toList();
            }
            return atom;
        }
    }
}
