package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.handsfree.coach.listen.TemplateRule;

/**
 * {@code bench enroll --verdicts dump.tsv,...}: the user's-takes rule ({@link TemplateRule}, the {@code adapt.template*}
 * settings with any {@code --set}) replayed on {@code bench enroll --dump} files made with the rule off, without
 * decoding again: each profile's own test clips, the other speakers' and the non-commands, before and after, and
 * every stretch the profile decided that was wrong, unsure or changed, with what the rule saw.
 */
final class TemplateReplay {
    private static final java.util.regex.Pattern TAKE = java.util.regex.Pattern.compile("(\\d)_[a-z]+_(\\d+)\\.wav");

    private final PrintWriter out;

    TemplateReplay(PrintWriter out) {
        this.out = out;
    }

    /** One row of a dump: a stretch of a clip. */
    record Row(String file, String profile, String part, String speaker, String clip, String expected, double fit,
               String with, String without, boolean decided, String heard, String reason, Map<String, Double> distances,
               double confidence) {
    }

    /**
     * Replays {@code rule} on {@code dumps}; only the first {@code testTakes} of each speaker's test takes of each digit
     * count (so a dump of 10 test takes gives a 3-take test too); {@code list}: every
     * stretch the rule changed, and every own stretch the profile decided wrongly.
     */
    int run(List<Path> dumps, TemplateRule rule, int testTakes, boolean list) throws IOException {
        out.println("rule: " + rule + "; the first " + testTakes + " test takes of each digit");
        // dump -> profile -> part:speaker -> clip -> [right before, right after] (false accepts for non-commands)
        for (Path dump : dumps) {
            List<Row> rows = read(dump);
            Map<String, Map<String, int[]>> byPair = new TreeMap<>();
            Map<String, List<Row>> byClip = new LinkedHashMap<>();
            // Each speaker's takes of each digit, in order: only the first testTakes count.
            Map<String, java.util.TreeSet<Integer>> takes = new TreeMap<>();
            for (Row r : rows) {
                java.util.regex.Matcher m = TAKE.matcher(r.clip());
                if (m.matches()) {
                    takes.computeIfAbsent(r.profile() + r.part() + r.speaker() + m.group(1), k -> new java.util.TreeSet<>())
                            .add(Integer.parseInt(m.group(2)));
                }
            }
            for (Row r : rows) {
                java.util.regex.Matcher m = TAKE.matcher(r.clip());
                if (m.matches() && takes.get(r.profile() + r.part() + r.speaker() + m.group(1))
                        .headSet(Integer.parseInt(m.group(2))).size() >= testTakes) {
                    continue;
                }
                byClip.computeIfAbsent(r.file() + "\t" + r.profile() + "\t" + r.part() + "\t" + r.speaker() + "\t" + r.clip(),
                        k -> new ArrayList<>()).add(r);
            }
            for (List<Row> clip : byClip.values()) {
                Row first = clip.get(0);
                List<String> before = new ArrayList<>();
                List<String> plain = new ArrayList<>();
                List<String> after = new ArrayList<>();
                for (Row r : clip) {
                    before.add(r.with());
                    plain.add(r.without());
                    String now = replay(rule, r);
                    after.add(now);
                    if (list && (!now.equals(r.with()) || r.part().equals("own") && r.decided() && !r.with().equals(r.expected()))) {
                        out.println("  " + describe(r, now));
                    }
                }
                int[] c = byPair.computeIfAbsent(first.profile(), k -> new TreeMap<>())
                        .computeIfAbsent(first.part() + ":" + first.speaker(), k -> new int[4]);
                if (first.part().equals("non")) {
                    c[0] += before.stream().anyMatch(s -> !s.equals("-")) ? 1 : 0;
                    c[1] += after.stream().anyMatch(s -> !s.equals("-")) ? 1 : 0;
                    c[2] += plain.stream().anyMatch(s -> !s.equals("-")) ? 1 : 0;
                } else {
                    c[0] += right(before, first.expected()) ? 1 : 0;
                    c[1] += right(after, first.expected()) ? 1 : 0;
                    c[2] += right(plain, first.expected()) ? 1 : 0;
                }
                c[3]++;
            }
            out.println(dump + ": clips right (non-commands: clips with a command accepted) with the profile, rule off ->"
                    + " rule on (no profile)");
            double[] cross = {0, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0};
            for (Map.Entry<String, Map<String, int[]>> p : byPair.entrySet()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-9s", p.getKey()));
                for (Map.Entry<String, int[]> e : p.getValue().entrySet()) {
                    int[] c = e.getValue();
                    line.append(String.format(Locale.ROOT, "  %s %d -> %d of %d (%d)", e.getKey(), c[0], c[1], c[3], c[2]));
                    if (e.getKey().startsWith("other:")) {
                        double b = 100.0 * (c[0] - c[2]) / c[3];
                        double a = 100.0 * (c[1] - c[2]) / c[3];
                        cross[0] += b;
                        cross[1] += a;
                        cross[2] = Math.min(cross[2], b);
                        cross[3] = Math.min(cross[3], a);
                        cross[4]++;
                    }
                }
                out.println(line);
            }
            if (cross[4] > 0) {
                out.printf(Locale.ROOT, "  other speakers against no profile: mean %+.1f -> %+.1f points, worst %+.1f -> %+.1f%n",
                        cross[0] / cross[4], cross[1] / cross[4], cross[2], cross[3]);
            }
            out.flush();
        }
        return 0;
    }

    /** What the rule makes of a row: the intent accepted, or "-". */
    static String replay(TemplateRule rule, Row r) {
        if (r.distances().isEmpty() || !r.decided() && !rule.judgesUndecided(r.fit())) {
            return r.with();
        }
        if (r.decided() && rule.notThisVoice(r.distances())) {
            return r.without();
        }
        TemplateRule.Decision d = rule.decide(r.heard().equals("-") ? "" : r.heard(), r.reason(), r.confidence(), r.distances());
        return switch (d.kind()) {
            case KEEP -> r.with();
            case ACCEPT -> d.intent();
            case REJECT -> "-";
        };
    }

    private static boolean right(List<String> accepted, String expected) {
        List<String> got = accepted.stream().filter(s -> !s.equals("-")).toList();
        return got.size() == 1 && got.get(0).equals(expected);
    }

    private static String describe(Row r, String now) {
        Iterator<Map.Entry<String, Double>> it = r.distances().entrySet().iterator();
        Map.Entry<String, Double> n1 = it.hasNext() ? it.next() : null;
        Map.Entry<String, Double> n2 = it.hasNext() ? it.next() : null;
        return String.format(Locale.ROOT, "%s %s on %s %s%s: expected %s, %s decode %s (%s, conf %.3f, fit %.1f); nearest %s %.2f,"
                        + " next %s %.2f, heard's own %.2f; rule -> %s", r.profile(), r.part(), r.speaker(), r.clip(),
                "", r.expected(), r.decided() ? "profile" : "plain", r.heard(), r.reason(), r.confidence(), r.fit(),
                n1 == null ? "-" : n1.getKey(), n1 == null ? Double.NaN : n1.getValue(), n2 == null ? "-" : n2.getKey(),
                n2 == null ? Double.NaN : n2.getValue(), r.distances().getOrDefault(r.heard(), Double.NaN),
                now.equals(r.with()) ? "kept " + now : now);
    }

    private static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).startsWith("profile\tpart")) {
            throw new IOException(file + ": not a bench enroll --dump file (no header)");
        }
        List<String> head = List.of(lines.get(0).split("\t"));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length < head.size()) {
                throw new IOException(file + ":" + (i + 1) + ": " + f.length + " columns, the header has " + head.size());
            }
            Map<String, Double> d = new LinkedHashMap<>();
            String t = f[head.indexOf("templates")];
            if (!t.equals("-")) {
                for (String kv : t.split(";")) {
                    int eq = kv.lastIndexOf('=');
                    d.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
                }
            }
            int conf = head.indexOf("confidence");
            rows.add(new Row(file.getFileName().toString(), f[0], f[1], f[2], f[3], f[5], Double.parseDouble(f[6]), f[7],
                    f[8], f[9].equals("profile"), f[10], f[11], d, conf < 0 ? Double.NaN : Double.parseDouble(f[conf])));
        }
        return rows;
    }
}
