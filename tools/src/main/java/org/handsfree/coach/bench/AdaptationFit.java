package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.handsfree.coach.audio.Resampler;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Mllr;

/**
 * Estimates an MLLR transform of the acoustic model from labelled adaptation audio (a folder with
 * {@code labels.tsv}: file, intent): the stretches that decode to their clip's intent are aligned
 * and counted, the transform is estimated, and the audio is aligned again with the moved model,
 * for a few rounds.
 */
public final class AdaptationFit {
    private final PrintWriter out;

    public AdaptationFit(PrintWriter out) {
        this.out = out;
    }

    /**
     * Estimates what an 8 kHz channel (a telephone, a Bluetooth headset, FSDD's recordings) does to the
     * model's features from wideband speech and its own narrowband copy: no transcript is needed, and
     * none of the speech has to be a command.
     */
    public int runNarrowband(Path dir, Map<String, String> overrides, double prior, Mllr.Form form, Path write)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            out.println("adapt: " + dir + " is not a folder");
            return 2;
        }
        List<Path> wavs;
        try (var files = Files.list(dir)) {
            wavs = files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        double[][][] transform;
        try (CommandRecognizer recognizer = CommandRecognizer.load(overrides)) {
            Mllr stats = recognizer.newAdaptation();
            for (Path wav : wavs) {
                TrainingAudio.read(wav, out).ifPresent(pcm ->
                        recognizer.collectThroughChannel(pcm, Resampler.throughChannel(pcm, 16_000, 8_000), stats));
            }
            out.printf(Locale.ROOT, "%d recordings through an 8 kHz channel, %d frames%n", wavs.size(), stats.frames());
            if (stats.frames() == 0) {
                out.println("adapt: no speech to adapt from in " + dir + "; nothing written");
                return 2;
            }
            transform = recognizer.estimate(stats, prior, form);
        }
        write(transform, write);
        return 0;
    }

    public int run(Path dir, Map<String, String> overrides, int rounds, double prior, Mllr.Form form, Path write)
            throws IOException {
        Path labels = dir.resolve("labels.tsv");
        if (!Files.exists(labels)) {
            out.println("adapt: no " + labels);
            return 2;
        }
        List<String[]> clips = Files.readAllLines(labels).stream().map(l -> l.split("\t", -1))
                .filter(c -> c.length > 1 && !c[1].isEmpty()).toList();
        double[][][] transform = null;
        try (CommandRecognizer recognizer = CommandRecognizer.load(overrides)) {
            for (int round = 1; round <= rounds; round++) {
                Mllr stats = recognizer.newAdaptation();
                int used = 0;
                for (String[] c : clips) {
                    Optional<short[]> pcm = TrainingAudio.read(dir.resolve(c[0]), out);
                    if (pcm.isPresent() && recognizer.collect(pcm.get(), c[1], stats) > 0) {
                        used++;
                    }
                }
                out.printf(Locale.ROOT, "round %d: %d of %d clips decoded to their intent, %d frames%n", round, used,
                        clips.size(), stats.frames());
                if (stats.frames() == 0) {
                    out.println("adapt: no clip decoded to its intent; nothing written");
                    return 2;
                }
                transform = recognizer.estimate(stats, prior, form);
                recognizer.transform(transform);
            }
        }
        write(transform, write);
        return 0;
    }

    private void write(double[][][] transform, Path file) throws IOException {
        if (file != null && transform != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
                Mllr.write(transform, w);
            }
            out.println("wrote " + file);
        }
    }
}
