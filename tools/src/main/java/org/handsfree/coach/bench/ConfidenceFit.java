package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.ConfidenceModel;
import org.handsfree.coach.listen.Verdict;
import org.handsfree.coach.session.Context;
import org.handsfree.coach.session.Intent;

/**
 * Fits the confidence model on training audio made by {@code acoustic/make-training-audio.sh}
 * (never on shared/eval, which only measures): every stretch the grammar decoded to a command
 * is an example, positive when it is the clip's true intent. A logistic regression over the
 * standardised inputs gives the weights. The threshold is the lowest at which at most
 * {@code falseAcceptRate} of the training clips that hold no command have a stretch accepted: what
 * the confidence can tell apart is a command from other sound; a command misheard as another
 * looks much like a right one, so a threshold chosen for precision over them rejected a third of
 * the right commands for little gain.
 */
public final class ConfidenceFit {
    private static final int TRAINING = 0;
    private static final int REAL_COMMANDS = 1;
    private static final int REAL_NON_COMMANDS = 2;

    private final PrintWriter out;

    public ConfidenceFit(PrintWriter out) {
        this.out = out;
    }

    public int run(Path dir, Path eval, double falseAcceptRate, Map<String, String> overrides, Path write, Path dump)
            throws IOException {
        return run(dir, eval, List.of(), falseAcceptRate, null, List.of(), new double[] {1, 1, 1}, overrides, write, dump);
    }

    /**
     * @param dir training audio (labels.tsv), or null for none
     * @param eval the eval folder whose real sets' tuning part is decoded, or null
     * @param verdicts {@code bench recognition --dump} files whose tuning part's stretches are the examples
     *     (read instead of decoding again; their held-out rows are never read), or none
     * @param commandsKept null to choose the threshold by {@code falseAcceptRate}; else the share of the real tuning
     *     command clips heard right (with no threshold) that must stay accepted: the threshold is the highest that keeps
     *     them
     * @param without inputs the model gives no weight (names of {@link ConfidenceModel#FEATURES})
     * @param blockWeights what the training (or synthetic) block, the real commands and the real non-commands weigh
     */
    public int run(Path dir, Path eval, List<Path> verdicts, double falseAcceptRate, Double commandsKept,
            List<String> without, double[] blockWeights, Map<String, String> overrides, Path write, Path dump)
            throws IOException {
        for (String name : without) {
            if (!List.of(ConfidenceModel.FEATURES).contains(name)) {
                out.println("fit: --without " + name + ": no such input (the inputs: "
                        + String.join(", ", ConfidenceModel.FEATURES) + ")");
                return 2;
            }
        }
        Path labels = dir == null ? null : dir.resolve("labels.tsv");
        if (labels != null && !Files.exists(labels)) {
            out.println("fit: no " + labels + "; make it with acoustic/make-training-audio.sh " + dir);
            return 2;
        }
        if (labels == null && eval == null && verdicts.isEmpty()) {
            out.println("fit: nothing to fit on: give --train DIR, the real sets (--eval) or --verdicts FILE");
            return 2;
        }
        Map<String, String> settings = new LinkedHashMap<>(overrides);
        settings.put("confidence.threshold", "0");
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        // For each example, which non-command clip it came from (-1 for a command clip).
        List<Integer> clipOf = new ArrayList<>();
        // Each example's block (TRAINING, REAL_COMMANDS, REAL_NON_COMMANDS): the blocks weigh the same in the fit,
        // whatever their number of examples, so the many synthetic and FSDD stretches don't outvote real rooms.
        List<Integer> blockOf = new ArrayList<>();
        // For each real command example, its clip (-1 for others): the threshold rule counts clips kept.
        List<Integer> commandClipOf = new ArrayList<>();
        List<String> dumped = new ArrayList<>();
        int nonCommands = 0;
        int commands = 0;
        int rawRight = 0;
        // The training audio, then the tuning part of the real sets (never their held-out part).
        List<EvalSet.Clip> clips = new ArrayList<>();
        for (String line : labels == null ? List.<String>of() : Files.readAllLines(labels)) {
            String[] c = line.split("\t", -1);
            String expected = c.length > 1 ? c[1] : "";
            clips.add(new EvalSet.Clip(dir.resolve(c[0]), expected, "training", false, false,
                    expected.isEmpty() ? "training" : "command"));
        }
        int trainingClips = clips.size();
        if (eval != null && verdicts.isEmpty()) {
            List<String> notes = new ArrayList<>();
            for (EvalSet set : EvalSet.load(eval, List.of("real-dev", "real-more", "fsdd"), 1, notes)) {
                // FSDD's 47 takes of each digit and speaker: every 4th is plenty.
                int every = set.name().startsWith("fsdd") ? 4 : 1;
                List<EvalSet.Clip> tuning = set.clips().stream().filter(c -> !c.heldOut()).toList();
                for (int i = 0; i < tuning.size(); i += every) {
                    clips.add(tuning.get(i));
                }
            }
            notes.forEach(n -> out.println("note: " + n));
        }
        out.printf(Locale.ROOT, "fitting on %d training clips and %d clips of the real sets' tuning part%n",
                trainingClips, clips.size() - trainingClips);
        int realCommandClips = 0;
        for (Path file : verdicts) {
            int[] seen = fromVerdicts(file, xs, ys, clipOf, blockOf, commandClipOf, nonCommands, realCommandClips);
            nonCommands = seen[0];
            commands += seen[1];
            rawRight += seen[2];
            realCommandClips = seen[3];
        }
        CommandGrammar grammar = CommandGrammar.builtIn(RecognitionBenchmark.STEPS);
        Map<Context, Set<String>> intents = RecognitionBenchmark.intentsByContext(grammar);
        // Examples read from dumps need no decoding: the model is loaded only for clips to decode.
        try (CommandRecognizer recognizer = clips.isEmpty() ? null : CommandRecognizer.load(settings, grammar, null)) {
            for (EvalSet.Clip c : clips) {
                Optional<short[]> clip = TrainingAudio.read(c.file(), out);
                if (clip.isEmpty()) {
                    continue;
                }
                short[] pcm = clip.get();
                String expected = c.expected();
                boolean right = false;
                // Each stretch as its own context hears it: a non-command in coaching, a command in the first
                // context that acts on its intent. A phrase of another context is a decoy there, rejected before
                // the confidence is asked, so it is no example.
                Context own = RecognitionBenchmark.ownContext(expected, intents);
                for (Verdict v : recognizer.judgeAll(pcm)) {
                    String heard = v.intent().isEmpty() || own == null ? ""
                            : grammar.intentOf(v.text(), own).map(Intent::toString).orElse("");
                    if (heard.isEmpty()) {
                        continue;
                    }
                    boolean positive = heard.equals(expected);
                    right |= positive;
                    xs.add(v.inputs());
                    ys.add(positive ? 1 : 0);
                    clipOf.add(expected.isEmpty() ? nonCommands : -1);
                    boolean real = !c.group().equals("training");
                    blockOf.add(!real ? TRAINING : expected.isEmpty() ? REAL_NON_COMMANDS : REAL_COMMANDS);
                    commandClipOf.add(real && !expected.isEmpty() ? realCommandClips : -1);
                    if (dump != null) {
                        StringBuilder b = new StringBuilder(c.file().getFileName() + "\t" + expected + "\t" + c.kind()
                                + "\t" + c.group() + "\t" + c.narrowband() + "\t" + heard + "\t" + (positive ? 1 : 0)
                                + "\t" + (expected.isEmpty() ? nonCommands : -1));
                        for (double x : v.inputs()) {
                            b.append('\t').append(String.format(Locale.ROOT, "%.4f", x));
                        }
                        dumped.add(b.toString());
                    }
                }
                if (expected.isEmpty()) {
                    nonCommands++;
                } else {
                    commands++;
                    realCommandClips += c.group().equals("training") ? 0 : 1;
                    rawRight += right ? 1 : 0;
                }
            }
        }
        if (dump != null) {
            dumped.add(0, "file\texpected\tkind\tgroup\tnarrowband\tintent\tpositive\tclip\t"
                    + String.join("\t", ConfidenceModel.FEATURES));
            Files.write(dump, dumped);
        }
        out.printf(Locale.ROOT, "training: %d command clips, grammar right on %.1f%%; %d decoded stretches (%d right)%n",
                commands, 100.0 * rawRight / Math.max(1, commands), xs.size(), ys.stream().mapToInt(i -> i).sum());
        int n = ConfidenceModel.FEATURES.length;
        // The range of each input: its 1st to 99th percentile over the examples. Inputs are clipped to it here and in
        // the product, so one outlier can neither steer the fit nor, later, the confidence of a stretch unlike these.
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            final int f = i;
            double[] col = xs.stream().mapToDouble(x -> x[f]).sorted().toArray();
            low[i] = col.length == 0 ? 0 : col[(int) Math.floor(0.01 * (col.length - 1))];
            high[i] = col.length == 0 ? 0 : col[(int) Math.ceil(0.99 * (col.length - 1))];
        }
        for (int k = 0; k < xs.size(); k++) {
            double[] x = xs.get(k).clone();
            for (int i = 0; i < n; i++) {
                x[i] = Math.max(low[i], Math.min(high[i], x[i]));
            }
            xs.set(k, x);
        }
        // A block weighs what blockWeights say, whatever its number of examples: an example weighs its block's weight
        // over the block's size, normalised so that all weigh 1.
        int[] blockSize = new int[3];
        blockOf.forEach(b -> blockSize[b]++);
        double[] weight = new double[xs.size()];
        double total = 0;
        for (int k = 0; k < xs.size(); k++) {
            weight[k] = blockWeights[blockOf.get(k)] / blockSize[blockOf.get(k)];
            total += weight[k];
        }
        for (int k = 0; k < xs.size(); k++) {
            weight[k] /= total;
        }
        out.printf(Locale.ROOT, "examples by block (weighing %s): training or synthetic %d, real commands %d, "
                + "real non-commands %d%n", java.util.Arrays.toString(blockWeights), blockSize[TRAINING],
                blockSize[REAL_COMMANDS], blockSize[REAL_NON_COMMANDS]);
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            used[i] = !without.contains(ConfidenceModel.FEATURES[i]);
        }
        double[] mean = new double[n];
        double[] scale = new double[n];
        for (int k = 0; k < xs.size(); k++) {
            for (int i = 0; i < n; i++) {
                mean[i] += weight[k] * xs.get(k)[i];
            }
        }
        for (int k = 0; k < xs.size(); k++) {
            for (int i = 0; i < n; i++) {
                scale[i] += weight[k] * (xs.get(k)[i] - mean[i]) * (xs.get(k)[i] - mean[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            // An input that does not vary in the examples (the quiet before a stretch, when every clip holds one)
            // gets no weight; a scale of 1 keeps it from dividing by nothing once written with four decimals.
            double sd = Math.sqrt(scale[i]);
            scale[i] = sd < 1e-3 ? 1 : sd;
        }
        double[] w = new double[n];
        double b = 0;
        double rate = 0.1;
        double l2 = 1e-3;
        for (int iter = 0; iter < 4000; iter++) {
            double[] gw = new double[n];
            double gb = 0;
            for (int k = 0; k < xs.size(); k++) {
                double err = weight[k] * (probability(xs.get(k), b, w, mean, scale) - ys.get(k));
                for (int i = 0; i < n; i++) {
                    gw[i] += err * (xs.get(k)[i] - mean[i]) / scale[i];
                }
                gb += err;
            }
            for (int i = 0; i < n; i++) {
                w[i] = used[i] ? w[i] - rate * (gw[i] + l2 * w[i]) : 0;
            }
            b -= rate * gb;
        }
        double[] conf = new double[xs.size()];
        for (int k = 0; k < xs.size(); k++) {
            conf[k] = probability(xs.get(k), b, w, mean, scale);
        }
        double threshold = 0.99;
        long realRight = commandClipsKept(conf, ys, commandClipOf, 0);
        for (double t = 0.05; t < 0.99; t += 0.01) {
            boolean enough = commandsKept == null ? falseAccepts(conf, clipOf, t) <= falseAcceptRate * nonCommands
                    : commandClipsKept(conf, ys, commandClipOf, t) < commandsKept * realRight;
            if (enough) {
                // By false accepts: the first threshold low enough in them; by commands kept: the last that keeps them.
                threshold = commandsKept == null ? t : Math.max(0.05, t - 0.01);
                break;
            }
        }
        out.println("threshold  commands kept  accepts right  non-command clips accepted  real command clips kept");
        for (double t = 0.1; t < 0.96; t += 0.05) {
            int[] at = accepted(conf, ys, t);
            out.printf(Locale.ROOT, "  %.2f     %5.1f%%         %5.1f%%         %4d of %d             %d of %d%n", t,
                    100.0 * at[1] / Math.max(1, commands), 100.0 * at[1] / Math.max(1, at[0]),
                    falseAccepts(conf, clipOf, t), nonCommands, commandClipsKept(conf, ys, commandClipOf, t), realRight);
        }
        long falseAccepted = falseAccepts(conf, clipOf, threshold);
        int[] ag = accepted(conf, ys, threshold);
        int acc = ag[0];
        int good = ag[1];
        out.printf(Locale.ROOT, "threshold %.2f: training accepts %d, right %d (%.1f%%), commands kept %.1f%%, "
                + "non-command clips accepted %d of %d%n", threshold, acc, good, 100.0 * good / Math.max(1, acc),
                100.0 * good / Math.max(1, commands), falseAccepted, nonCommands);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "confidence.threshold=%.2f", threshold));
        lines.add(String.format(Locale.ROOT, "confidence.bias=%.4f", b));
        for (int i = 0; i < n; i++) {
            lines.add(String.format(Locale.ROOT, "confidence.weight.%s=%.4f", ConfidenceModel.FEATURES[i], w[i]));
        }
        for (int i = 0; i < n; i++) {
            lines.add(String.format(Locale.ROOT, "confidence.mean.%s=%.4f", ConfidenceModel.FEATURES[i], mean[i]));
        }
        for (int i = 0; i < n; i++) {
            lines.add(String.format(Locale.ROOT, "confidence.scale.%s=%.4f", ConfidenceModel.FEATURES[i], scale[i]));
        }
        for (int i = 0; i < n; i++) {
            lines.add(String.format(Locale.ROOT, "confidence.min.%s=%.4f", ConfidenceModel.FEATURES[i], low[i]));
        }
        for (int i = 0; i < n; i++) {
            lines.add(String.format(Locale.ROOT, "confidence.max.%s=%.4f", ConfidenceModel.FEATURES[i], high[i]));
        }
        lines.forEach(out::println);
        if (write != null) {
            List<String> kept = new ArrayList<>(Files.readAllLines(write).stream()
                    .filter(l -> !l.startsWith("confidence.") || l.startsWith("confidence.cry")).toList());
            kept.addAll(lines);
            Files.write(write, kept);
            out.println("written to " + write);
        }
        return 0;
    }

    /**
     * The examples of a {@code bench recognition --dump} file: every decoded stretch of its tuning part (never a
     * held-out row). A command clip's stretch is an example when its own context acts on the phrase (the dump's
     * {@code own} column names the context, and that context's column the intent): positive when it is the clip's
     * intent. A non-command clip's stretch is a negative whatever context's phrase it decodes to, since every phrase
     * is a command somewhere. The synthetic sets' rows go in the training block, the real sets' into their own two.
     *
     * @return the number of non-command clips seen, counting on from {@code nonCommands}; the command clips with a
     *     stretch; those with a stretch heard right; the real command clips seen, counting on from {@code realClips}
     */
    private int[] fromVerdicts(Path file, List<double[]> xs, List<Integer> ys, List<Integer> clipOf,
            List<Integer> blockOf, List<Integer> commandClipOf, int nonCommands, int realClips) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        List<String> head = List.of(lines.get(0).split("\t", -1));
        int first = head.indexOf(ConfidenceModel.FEATURES[0]);
        for (String col : List.of("set", "file", "expected", "heldOut", "oog", "own", "intent")) {
            if (!head.contains(col)) {
                throw new IOException(file + " has no column '" + col + "': not a bench recognition --dump file");
            }
        }
        if (first < 0 || !head.subList(first, head.size()).equals(List.of(ConfidenceModel.FEATURES))) {
            throw new IOException(file + ": its inputs are not the model's (" + String.join(", ", ConfidenceModel.FEATURES) + ")");
        }
        Map<String, Integer> clipIds = new LinkedHashMap<>();
        Map<String, Integer> realCommandIds = new LinkedHashMap<>();
        Set<String> commandClips = new HashSet<>();
        Set<String> heardRight = new HashSet<>();
        int used = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            if (c.length != head.size()) {
                throw new IOException(file + ": a row with " + c.length + " columns, not " + head.size());
            }
            String set = c[head.indexOf("set")];
            if (Boolean.parseBoolean(c[head.indexOf("heldOut")])) {
                continue;
            }
            boolean synthetic = set.startsWith("synthetic");
            String expected = c[head.indexOf("expected")];
            String clip = set + "/" + c[head.indexOf("file")];
            if (expected.isEmpty()) {
                clipIds.putIfAbsent(clip, nonCommands + clipIds.size());
            } else {
                commandClips.add(clip);
                if (!synthetic) {
                    realCommandIds.putIfAbsent(clip, realClips + realCommandIds.size());
                }
            }
            if (Boolean.parseBoolean(c[head.indexOf("oog")]) || c[head.indexOf("intent")].isEmpty()) {
                continue;
            }
            String heard;
            if (expected.isEmpty()) {
                heard = c[head.indexOf("intent")];
            } else {
                String own = c[head.indexOf("own")];
                heard = head.contains(own) ? c[head.indexOf(own)] : "";
                if (heard.isEmpty()) {
                    continue;
                }
            }
            double[] x = new double[ConfidenceModel.FEATURES.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = Double.parseDouble(c[first + i]);
            }
            xs.add(x);
            boolean right = !expected.isEmpty() && heard.equals(expected);
            ys.add(right ? 1 : 0);
            if (right) {
                heardRight.add(clip);
            }
            clipOf.add(expected.isEmpty() ? clipIds.get(clip) : -1);
            blockOf.add(synthetic ? TRAINING : expected.isEmpty() ? REAL_NON_COMMANDS : REAL_COMMANDS);
            commandClipOf.add(!synthetic && !expected.isEmpty() ? realCommandIds.get(clip) : -1);
            used++;
        }
        out.printf(Locale.ROOT, "from %s: %d stretches of the tuning part's %d command and %d non-command clips%n",
                file, used, commandClips.size(), clipIds.size());
        return new int[] {nonCommands + clipIds.size(), commandClips.size(), heardRight.size(),
            realClips + realCommandIds.size()};
    }

    /** How many real command clips have a right example that reaches {@code threshold}. */
    private static long commandClipsKept(double[] conf, List<Integer> ys, List<Integer> commandClipOf, double threshold) {
        Set<Integer> clips = new HashSet<>();
        for (int k = 0; k < conf.length; k++) {
            if (conf[k] >= threshold && ys.get(k) == 1 && commandClipOf.get(k) >= 0) {
                clips.add(commandClipOf.get(k));
            }
        }
        return clips.size();
    }

    private static double probability(double[] x, double b, double[] w, double[] mean, double[] scale) {
        double z = b;
        for (int i = 0; i < x.length; i++) {
            z += w[i] * (x[i] - mean[i]) / scale[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** How many non-command clips have an example that reaches {@code threshold}. */
    private static long falseAccepts(double[] conf, List<Integer> clipOf, double threshold) {
        Set<Integer> clips = new HashSet<>();
        for (int k = 0; k < conf.length; k++) {
            if (conf[k] >= threshold && clipOf.get(k) >= 0) {
                clips.add(clipOf.get(k));
            }
        }
        return clips.size();
    }

    /** How many examples reach {@code threshold}, and how many of those are right. */
    private static int[] accepted(double[] conf, List<Integer> ys, double threshold) {
        int acc = 0;
        int good = 0;
        for (int k = 0; k < conf.length; k++) {
            if (conf[k] >= threshold) {
                acc++;
                good += ys.get(k);
            }
        }
        return new int[] {acc, good};
    }
}
