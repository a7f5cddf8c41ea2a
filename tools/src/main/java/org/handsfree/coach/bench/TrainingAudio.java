package org.handsfree.coach.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;

/** Reading the clips that fitting and adaptation learn from. */
final class TrainingAudio {
    private TrainingAudio() {
    }

    /** The clip's samples, or empty (saying so on {@code out}) when it is not audio we can read. */
    static Optional<short[]> read(Path file, PrintWriter out) {
        try {
            return Optional.of(WavReader.read(file));
        } catch (BadAudioException e) {
            out.println("  skipped: " + e.getMessage());
            return Optional.empty();
        }
    }
}
