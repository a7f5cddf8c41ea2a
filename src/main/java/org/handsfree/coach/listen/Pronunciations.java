package org.handsfree.coach.listen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The user's own pronunciations of the words they enrolled, found on their takes.
 *
 * <p>For each word said alone in enrolment: the free phone loop hears each take as a string of phones; each string is
 * lined up with the dictionary's nearest pronunciation of the word (fewest substitutions, deletions and insertions),
 * and the candidates are the phone strings themselves and the dictionary's pronunciation with the substitutions or
 * deletions that most takes agree on. Each candidate is scored by a search over the word said only that way, with
 * silence around it, on every take, against the same search with the dictionary's pronunciations; its gain is the
 * difference in natural log per frame. A candidate is kept only when the choice is honest: for each take, the best
 * candidate of the <em>other</em> takes (leave one take out: chosen and generated without it) must gain on it, and
 * the mean of those held-out gains must exceed {@code margin}. So a variant that only fits the noise of the takes it
 * came from is never kept.
 *
 * <p>Phrases of several words are left as the dictionary says: the phone loop cannot say where one word ends.
 */
public final class Pronunciations {
    private Pronunciations() {
    }

    /** What was found for one word, for the report. */
    public record Found(String word, List<String> standard, List<String> variant, double gain, double heldOutGain,
                        int takes, boolean kept) {
        public String describe() {
            return String.format(Locale.ROOT, "%s: %s -> %s (gain %.3f, held out %.3f nats a frame, %d takes)%s", word,
                    String.join(" ", standard).toLowerCase(Locale.ROOT),
                    variant.isEmpty() ? "-" : String.join(" ", variant).toLowerCase(Locale.ROOT), gain, heldOutGain, takes,
                    kept ? "" : ", not kept");
        }
    }

    /** What the last {@link #find} found (kept or not), for the benchmark. */
    private static volatile List<Found> lastFound = List.of();

    public static List<Found> lastFound() {
        return lastFound;
    }

    /**
     * The user's own pronunciations from {@code takes}, heard through {@code profile}'s channel (its transform, without
     * its own means and weights): word -> the variants that beat every dictionary
     * pronunciation of it on takes they were not chosen on, by {@code margin} nats a frame. The recognizer is left
     * without a profile.
     */
    public static Map<String, List<List<String>>> find(CommandRecognizer recognizer, List<Enrolment.Take> takes,
                                                        VoiceProfile profile, double margin, Consumer<String> report) {
        SphinxDecoder decoder = recognizer.decoder();
        recognizer.useProfile(null);
        // The channel's model, not the profile's own means: those were estimated on the dictionary's alignment of these
        // very takes, and would favour it (measured: every variant lost by 0.5-3.6 nats a frame under them).
        VoiceProfile.Model model = new VoiceProfile.Model(profile.model().transform(), Map.of(), Map.of());
        // word -> the takes' longest stretches
        Map<String, List<short[]>> byWord = new TreeMap<>();
        for (Enrolment.Take t : takes) {
            String word = wordOf(recognizer, t);
            if (word == null) {
                continue;
            }
            short[] longest = null;
            for (short[] s : recognizer.stretchesOf(t.pcm())) {
                if (longest == null || s.length > longest.length) {
                    longest = s;
                }
            }
            if (longest != null) {
                byWord.computeIfAbsent(word, k -> new ArrayList<>()).add(longest);
            }
        }
        Map<String, List<List<String>>> out = new TreeMap<>();
        List<Found> found = new ArrayList<>();
        try {
            for (Map.Entry<String, List<short[]>> e : byWord.entrySet()) {
                Found f = findWord(decoder, e.getKey(), e.getValue(), model, margin);
                if (f == null) {
                    continue;
                }
                found.add(f);
                if (f.kept()) {
                    out.put(f.word(), List.of(f.variant()));
                }
                if (report != null) {
                    report.accept(f.describe());
                }
            }
        } finally {
            decoder.forgetCandidates();
        }
        lastFound = List.copyOf(found);
        return out;
    }

    /** The one word a take says, or null (several words, or an intent of several wordings). */
    private static String wordOf(CommandRecognizer recognizer, Enrolment.Take t) {
        String words = t.words();
        if (words == null) {
            List<String> w = recognizer.wordingsOf(t.intent());
            words = w.size() == 1 ? w.get(0) : null;
        }
        return words == null || words.isBlank() || words.trim().contains(" ") ? null : words.trim();
    }

    private static Found findWord(SphinxDecoder decoder, String word, List<short[]> stretches, VoiceProfile.Model model,
                                  double margin) {
        List<List<String>> standard = decoder.pronunciationsOf(word);
        if (standard.isEmpty() || stretches.size() < 2) {
            return null;
        }
        int n = stretches.size();
        double[] standardScore = new double[n];
        double[] frames = new double[n];
        List<List<String>> heard = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            short[] s = stretches.get(t);
            standardScore[t] = decoder.alignScore(s, word, standard, model);
            frames[t] = s.length / (double) SphinxDecoder.SAMPLES_PER_FRAME;
            heard.add(decoder.phonesOf(s, model));
        }
        // candidate -> its gain on each take (ln per frame against the dictionary's), scored when first asked for
        Map<List<String>, double[]> gains = new HashMap<>();
        java.util.function.Function<List<String>, double[]> gainOf = c -> gains.computeIfAbsent(c, k -> {
            double[] g = new double[n];
            for (int t = 0; t < n; t++) {
                double v = decoder.alignScore(stretches.get(t), word, List.of(k), model);
                g[t] = Double.isNaN(v) || Double.isNaN(standardScore[t]) ? Double.NEGATIVE_INFINITY
                        : (v - standardScore[t]) / frames[t];
            }
            return g;
        });
        List<Integer> all = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            all.add(t);
        }
        List<String> best = bestOf(candidates(standard, heard, all), gainOf, all);
        if (best == null) {
            return new Found(word, standard.get(0), List.of(), Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, n, false);
        }
        double gain = mean(gainOf.apply(best), all, frames);
        // Leave one take out: the candidate the other takes make and choose, on the take left out.
        double heldOut = 0;
        double heldFrames = 0;
        for (int t = 0; t < n; t++) {
            List<Integer> others = new ArrayList<>(all);
            others.remove(Integer.valueOf(t));
            List<String> chosen = bestOf(candidates(standard, heard, others), gainOf, others);
            // Where the other takes keep no variant, the dictionary stands for this one: no gain, no loss.
            boolean keeps = chosen != null && mean(gainOf.apply(chosen), others, frames) > margin;
            double g = keeps ? Math.max(gainOf.apply(chosen)[t], -1e3) : 0;
            heldOut += g * frames[t];
            heldFrames += frames[t];
        }
        heldOut /= heldFrames;
        List<String> nearest = nearest(standard, best);
        boolean kept = gain > margin && heldOut > margin;
        return new Found(word, nearest, best, gain, heldOut, n, kept);
    }

    /** The candidate with the highest mean gain over {@code takes}; null: there is none. */
    private static List<String> bestOf(Set<List<String>> candidates, java.util.function.Function<List<String>, double[]> gainOf,
                                       List<Integer> takes) {
        List<String> best = null;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (List<String> c : candidates) {
            double[] g = gainOf.apply(c);
            double sum = 0;
            for (int t : takes) {
                sum += g[t];
            }
            double m = sum / takes.size();
            if (m > bestGain) {
                bestGain = m;
                best = c;
            }
        }
        return best;
    }

    private static double mean(double[] g, List<Integer> takes, double[] frames) {
        double sum = 0;
        double f = 0;
        for (int t : takes) {
            sum += g[t] * frames[t];
            f += frames[t];
        }
        return sum / f;
    }

    /**
     * What {@code takes} suggest: each one's phone string (when it is not far longer than the word), and the
     * dictionary's pronunciations with the substitutions and deletions more than half of those takes agree on, each
     * alone and all together. The dictionary's own pronunciations are never candidates.
     */
    static Set<List<String>> candidates(List<List<String>> standard, List<List<String>> heard, List<Integer> takes) {
        Set<List<String>> out = new LinkedHashSet<>();
        int longest = standard.stream().mapToInt(List::size).max().orElse(0);
        for (int t : takes) {
            List<String> h = heard.get(t);
            if (!h.isEmpty() && h.size() <= 2 * longest + 1) {
                out.add(h);
            }
        }
        for (List<String> std : standard) {
            // position -> what each take did there ("" deleted, a phone substituted, the same phone kept)
            List<Map<String, Integer>> votes = new ArrayList<>();
            for (int i = 0; i < std.size(); i++) {
                votes.add(new LinkedHashMap<>());
            }
            int voters = 0;
            for (int t : takes) {
                List<String> h = heard.get(t);
                if (h.isEmpty() || !std.equals(nearest(standard, h))) {
                    continue;
                }
                voters++;
                String[] did = lineUp(std, h);
                for (int i = 0; i < did.length; i++) {
                    votes.get(i).merge(did[i], 1, Integer::sum);
                }
            }
            String[] agreed = new String[std.size()];
            boolean any = false;
            for (int i = 0; i < std.size(); i++) {
                for (Map.Entry<String, Integer> v : votes.get(i).entrySet()) {
                    if (!v.getKey().equals(std.get(i)) && v.getValue() * 2 > voters && voters >= 2) {
                        agreed[i] = v.getKey();
                        any = true;
                    }
                }
            }
            if (!any) {
                continue;
            }
            List<String> together = new ArrayList<>();
            for (int i = 0; i < std.size(); i++) {
                String a = agreed[i] == null ? std.get(i) : agreed[i];
                if (!a.isEmpty()) {
                    together.add(a);
                }
                if (agreed[i] != null) {
                    List<String> alone = new ArrayList<>(std);
                    if (agreed[i].isEmpty()) {
                        alone.remove(i);
                    } else {
                        alone.set(i, agreed[i]);
                    }
                    if (!alone.isEmpty()) {
                        out.add(alone);
                    }
                }
            }
            if (!together.isEmpty()) {
                out.add(together);
            }
        }
        out.removeAll(standard);
        return out;
    }

    /** The pronunciation of {@code standard} nearest {@code phones} (fewest edits; the first of equals). */
    static List<String> nearest(List<List<String>> standard, List<String> phones) {
        List<String> best = standard.get(0);
        int bestD = Integer.MAX_VALUE;
        for (List<String> s : standard) {
            int d = distance(s, phones)[s.size()][phones.size()];
            if (d < bestD) {
                bestD = d;
                best = s;
            }
        }
        return best;
    }

    private static int[][] distance(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                int same = a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + same, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return d;
    }

    /**
     * What {@code heard} did with each phone of {@code std}, by the cheapest line-up: the phone heard in its place
     * (itself when kept), or "" when it was not heard. Phones heard in between are left out.
     */
    static String[] lineUp(List<String> std, List<String> heard) {
        int[][] d = distance(std, heard);
        String[] did = new String[std.size()];
        int i = std.size();
        int j = heard.size();
        while (i > 0) {
            if (j > 0 && d[i][j] == d[i - 1][j - 1] + (std.get(i - 1).equals(heard.get(j - 1)) ? 0 : 1)) {
                did[i - 1] = heard.get(j - 1);
                i--;
                j--;
            } else if (d[i][j] == d[i - 1][j] + 1) {
                did[i - 1] = "";
                i--;
            } else {
                j--;
            }
        }
        return did;
    }
}
