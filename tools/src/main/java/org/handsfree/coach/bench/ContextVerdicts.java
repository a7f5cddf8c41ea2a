package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Verdict;

/**
 * Every verdict of every file named in a list, decoded once, for acoustic/measure-contexts.py. The
 * search graph is the same in every context and in addressed mode (the address word is optional in
 * it either way), so one decode tells what each context and each mode would accept: the phrase, its
 * confidence, and whether the address word came first (the reason is "not addressed" when it did not).
 *
 * <p>Usage: {@code java -cp coach.jar org.handsfree.coach.bench.ContextVerdicts LIST STEPS}; prints
 * {@code file start end text intent confidence reason confident}, tab-separated, one line per stretch
 * ({@code confident}: 1 when the confidence reaches the threshold).
 */
public final class ContextVerdicts {
    private ContextVerdicts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ContextVerdicts LIST STEPS");
            System.exit(2);
        }
        List<String> files = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (CommandRecognizer r = CommandRecognizer.load(CommandGrammar.builtIn(Integer.parseInt(args[1])), "coach")) {
            for (String f : files) {
                if (f.isBlank()) {
                    continue;
                }
                short[] pcm;
                try {
                    pcm = WavReader.read(Path.of(f));
                } catch (BadAudioException e) {
                    System.err.println(e.getMessage());
                    continue;
                }
                List<Verdict> all = r.judgeAll(pcm, null);
                if (all.isEmpty()) {
                    out.println(f + "\t\t\t\t\t\tsilence\t0");
                }
                for (Verdict v : all) {
                    out.println(String.join("\t", f, Long.toString(v.start()), Long.toString(v.end()), v.text(), v.intent(),
                            String.format(Locale.ROOT, "%.4f", v.confidence()), v.reason(),
                            v.confidence() >= r.threshold() ? "1" : "0"));
                }
            }
        }
    }
}
