package org.handsfree.coach.listen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link VoiceProfile} from a user's takes of known phrases.
 *
 * <p>Each take is aligned with its own phrase: a search over that phrase only (its words, or the ways of saying its
 * intent), with the model as it is ({@link Options#standard()}; the older way, a decode with the whole grammar and
 * the best path through the phrase among those still alive, is kept for the benchmark). Each aligned frame adds its
 * state's Gaussian posteriors with the frame's features. From those statistics:
 * <ul>
 *   <li>MLLR: one affine transform per stream on top of the channel's transform, for what the
 *       voice and microphone do to every Gaussian at once (little data moves all of them);</li>
 *   <li>MAP means: each Gaussian the takes reached moves from its (transformed) mean towards the
 *       mean of the frames it explained, by {@code occupancy / (occupancy + prior)};</li>
 *   <li>MAP mixture weights: each tied state the takes visited moves its weights towards the share
 *       of its frames each Gaussian took, the same way.</li>
 * </ul>
 * The means and weights can be estimated again from a new alignment with the adapted model, for more rounds
 * (one is the standard: more gave the same accuracy, acoustic/README.md).
 */
public final class Enrolment {
    private Enrolment() {
    }

    /** How many takes the last alignment of the last {@link #build} used (aligned with, or decoded to, their phrase). */
    private static volatile int lastUsed;

    public static int lastUsed() {
        return lastUsed;
    }

    /** Options from a short spec, for the benchmark: "mllr+means+weights/mp=10/wp=10/lp=0.05/r=3". */
    public static Options parse(String spec) {
        String[] parts = spec.split("/");
        List<String> what = List.of(parts[0].split("\\+"));
        double lp = 0.05;
        double mp = 10;
        double wp = 10;
        int r = 3;
        double beam = PHRASE_BEAM;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            double v = Double.parseDouble(kv[1]);
            switch (kv[0]) {
                case "lp" -> lp = v;
                case "mp" -> mp = v;
                case "wp" -> wp = v;
                case "r" -> r = (int) v;
                case "beam" -> beam = v;
                default -> throw new IllegalArgumentException("unknown enrolment setting '" + kv[0] + "' in " + spec);
            }
        }
        return new Options(what.contains("mllr"), what.contains("means"), what.contains("weights"), lp, mp, wp, r,
                !what.contains("unforced"), what.contains("phrase"), beam);
    }

    /**
     * One recording of the user saying a phrase whose intent is known (16 kHz mono).
     *
     * @param words the words said, lowercase, when known (a script's phrase, a label); null: any phrase of the intent
     */
    public record Take(short[] pcm, String intent, String words) {
        public Take(short[] pcm, String intent) {
            this(pcm, intent, null);
        }
    }

    /** The relative beam of the search over one phrase (Sphinx4's linear form). */
    static final double PHRASE_BEAM = 1e-60;

    /**
     * What to adapt.
     *
     * @param mllr estimate a transform of all means
     * @param means MAP of the Gaussians' means
     * @param weights MAP of the tied states' mixture weights
     * @param mllrPrior weight pulling the transform towards the channel's own
     * @param meanPrior frames' worth of belief in the model's mean
     * @param weightPrior frames' worth of belief in the model's weights
     * @param rounds how many times to align and estimate the means and weights
     * @param forced a take decoded as another phrase is aligned with its own (full-grammar alignment only)
     * @param phrase align each take by a search over its own phrase only, not by a decode with the whole grammar
     * @param beam the relative beam of that search
     */
    public record Options(boolean mllr, boolean means, boolean weights, double mllrPrior, double meanPrior,
                          double weightPrior, int rounds, boolean forced, boolean phrase, double beam) {
        /**
         * What the benchmark supports (acoustic/README.md, "Enrolment"): one round, since a second alignment with the
         * adapted model gave the same accuracy on every FSDD speaker for a third more CPU (session 10); each take
         * aligned by a search over its own phrase, the same alignment as the whole grammar's for a twentieth of the
         * CPU (session 11).
         */
        public static Options standard() {
            return new Options(false, true, true, 0.05, 2, 2, 1, true, true, PHRASE_BEAM);
        }

        public String describe() {
            return name() + (phrase ? "+phrase" + (beam == PHRASE_BEAM ? "" : "/beam=" + beam) : forced ? "" : "+unforced")
                    + (means || weights ? "/r=" + rounds : "") + (means ? "/mp=" + fmt(meanPrior) : "")
                    + (weights ? "/wp=" + fmt(weightPrior) : "") + (mllr ? "/lp=" + fmt(mllrPrior) : "");
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }

        public String name() {
            StringBuilder b = new StringBuilder();
            if (mllr) {
                b.append("mllr");
            }
            if (means) {
                b.append(b.length() > 0 ? "+" : "").append("map-means");
            }
            if (weights) {
                b.append(b.length() > 0 ? "+" : "").append("map-weights");
            }
            return b.length() == 0 ? "none" : b.toString();
        }
    }

    /**
     * A profile of the voice in {@code takes}. The recognizer is left without a profile.
     *
     * @throws IllegalArgumentException when no take decodes to its phrase (saying so)
     */
    public static VoiceProfile build(CommandRecognizer recognizer, List<Take> takes, Options options) {
        SphinxDecoder decoder = recognizer.decoder();
        recognizer.useModel(null, false);
        Mllr first = recognizer.newAdaptation();
        int narrow = 0;
        int used = 0;
        recognizer.gatherTemplates();
        for (Take t : takes) {
            if (collect(recognizer, t, first, options) > 0) {
                used++;
                narrow += recognizer.narrowStretches();
            }
        }
        // The user's own takes as templates (numbers: the front end's features of each take's speech).
        Templates templates = recognizer.gatheredTemplates();
        if (first.frames() == 0) {
            throw new IllegalArgumentException("none of the " + takes.size() + (options.phrase()
                    ? " takes could be aligned with its phrase (no speech in them)" : " takes was heard as its phrase"));
        }
        // The channel the takes came through: its transform is where the profile starts.
        boolean narrowband = narrow * 2 > used;
        double[][][] channel = recognizer.transformFor(narrowband);
        double[][][] w = channel;
        if (options.mllr()) {
            double[][][] more = first.estimate(decoder.meansUnder(channel), decoder.variances(), options.mllrPrior(),
                    Mllr.Form.FULL);
            w = compose(more, channel);
        }
        VoiceProfile.Model model = new VoiceProfile.Model(w, Map.of(), Map.of());
        Mllr last = first;
        if (options.means() || options.weights()) {
            float[][] base = decoder.meansUnder(w);
            for (int round = 0; round < options.rounds(); round++) {
                Mllr stats;
                if (round == 0 && !options.mllr()) {
                    // The first alignment is the one made above, with the channel's model.
                    stats = first;
                } else {
                    stats = recognizer.newAdaptation();
                    recognizer.useModel(model, narrowband);
                    int n = 0;
                    for (Take t : takes) {
                        n += collect(recognizer, t, stats, options) > 0 ? 1 : 0;
                    }
                    used = n;
                }
                if (stats.frames() == 0) {
                    break;
                }
                last = stats;
                model = new VoiceProfile.Model(w, options.means() ? means(stats, base, options.meanPrior()) : Map.of(),
                        options.weights() ? weights(stats, decoder, options.weightPrior()) : Map.of());
            }
        }
        recognizer.useModel(null, false);
        lastUsed = used;
        return new VoiceProfile(decoder.fingerprint(), takes.size(), last.frames() / 100.0, narrowband, model, null,
                templates);
    }

    /** Adds a take's aligned frames to {@code stats}; returns how many of its stretches were aligned. */
    private static int collect(CommandRecognizer recognizer, Take t, Mllr stats, Options options) {
        if (!options.phrase()) {
            return recognizer.collect(t.pcm(), t.intent(), stats, options.forced());
        }
        List<String> wordings = recognizer.wordingsOf(t.intent());
        if (t.words() != null && wordings.contains(t.words())) {
            wordings = List.of(t.words());
        }
        return wordings.isEmpty() ? 0 : recognizer.align(t.pcm(), t.intent(), wordings, options.beam(), stats);
    }

    /**
     * The model a profile stands for: the enrolment's, and, when commands heard in use added statistics,
     * re-estimated from them by MAP with the enrolment's means and weights as the prior ({@code prior}
     * frames each, {@code adapt.learnedPrior}), so that what was learned in use moves the model towards the user's recent voice but never
     * away from the enrolment for good (the learned statistics are capped, {@code adapt.learnedCap}).
     */
    static VoiceProfile.Model adapted(SphinxDecoder decoder, VoiceProfile profile, double prior) {
        LearnedStats learned = profile.learned();
        VoiceProfile.Model enrolled = profile.model();
        if (learned == null || learned.gaussians().isEmpty()) {
            return enrolled;
        }
        float[][] base = decoder.meansUnder(enrolled.transform());
        Map<Integer, float[]> means = new HashMap<>(enrolled.means());
        learned.gaussians().forEach((i, g) -> {
            if (i >= base.length) {
                return;
            }
            int dim = learned.dim();
            float[] before = enrolled.means().getOrDefault(i, base[i]);
            float[] m = new float[before.length];
            for (int k = 0; k < m.length && k < dim; k++) {
                m[k] = (float) ((prior * before[k] + g[k]) / (prior + g[dim]));
            }
            means.put(i, m);
        });
        int streams = decoder.streams();
        Map<Integer, float[]> weights = new HashMap<>(enrolled.logWeights());
        learned.weightCounts().forEach((key, counts) -> {
            double n = 0;
            for (double c : counts) {
                n += c;
            }
            float[] before = enrolled.logWeights().containsKey(key) ? enrolled.logWeights().get(key)
                    : decoder.logWeights(key / streams, key % streams);
            if (before.length != counts.length) {
                return;
            }
            float[] w = new float[before.length];
            for (int g = 0; g < w.length; g++) {
                double p = (prior * SphinxDecoder.toLinear(before[g]) + counts[g]) / (prior + n);
                w[g] = SphinxDecoder.toLog(Math.max(p, 1e-7));
            }
            weights.put(key, w);
        });
        return new VoiceProfile.Model(enrolled.transform(), means, weights);
    }

    /** {@code outer} after {@code inner}: for each stream, A = Ao Ai, b = Ao bi + bo. */
    static double[][][] compose(double[][][] outer, double[][][] inner) {
        int streams = outer.length;
        int dim = outer[0].length;
        double[][][] w = new double[streams][dim][dim + 1];
        for (int s = 0; s < streams; s++) {
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c <= dim; c++) {
                    double v = c == dim ? outer[s][r][dim] : 0;
                    for (int k = 0; k < dim; k++) {
                        v += outer[s][r][k] * inner[s][k][c];
                    }
                    w[s][r][c] = v;
                }
            }
        }
        return w;
    }

    /** MAP means of every Gaussian with at least a tenth of a frame: what moves it measurably. */
    static Map<Integer, float[]> means(Mllr stats, float[][] base, double prior) {
        Map<Integer, float[]> out = new HashMap<>();
        for (int i = 0; i < stats.gaussians(); i++) {
            double n = stats.occupancy(i);
            if (n < 0.1) {
                continue;
            }
            double[] sum = stats.sum(i);
            float[] m = new float[base[i].length];
            for (int k = 0; k < m.length; k++) {
                m[k] = (float) ((prior * base[i][k] + sum[k]) / (prior + n));
            }
            out.put(i, m);
        }
        return out;
    }

    /** MAP mixture weights of every tied state's stream the takes visited for at least a frame. */
    static Map<Integer, float[]> weights(Mllr stats, SphinxDecoder decoder, double prior) {
        int streams = decoder.streams();
        Map<Integer, float[]> out = new HashMap<>();
        stats.weightCounts().forEach((key, counts) -> {
            double n = 0;
            for (double c : counts) {
                n += c;
            }
            if (n < 1) {
                return;
            }
            float[] log = decoder.logWeights(key / streams, key % streams);
            float[] w = new float[log.length];
            for (int g = 0; g < w.length; g++) {
                double p = (prior * SphinxDecoder.toLinear(log[g]) + counts[g]) / (prior + n);
                w[g] = SphinxDecoder.toLog(Math.max(p, 1e-7));
            }
            out.put(key, w);
        });
        return out;
    }
}
