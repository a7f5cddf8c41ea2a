package org.handsfree.coach.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.VoiceProfile;
import org.handsfree.coach.loop.ProgressFile;

/** Where the voice profile lives, and loading it for a recognizer: a bad one is a line on stderr, never a stop. */
final class Profiles {
    private Profiles() {
    }

    /** The profile's usual place: the state directory, next to the progress file. */
    static Path defaultFile() {
        return ProgressFile.defaultDir().resolve("voice.profile");
    }

    /** The file {@code --profile} names: "none" is none, no option the usual place. */
    static Path fileFor(String option) {
        if (option == null) {
            return defaultFile();
        }
        return option.equals("none") ? null : Path.of(option);
    }

    /**
     * The profile {@code --profile} names, read; null when there is none, or (saying so on {@code err} in one
     * line) when it can't be used. A missing file at the usual place is no profile; a missing named file is an error line.
     */
    static VoiceProfile read(String option, PrintWriter err, String who) {
        Path file = fileFor(option);
        if (file == null || (option == null && !Files.exists(file))) {
            return null;
        }
        if (!Files.exists(file)) {
            err.println(who + ": " + file + ": no such voice profile; carrying on without one");
            return null;
        }
        try {
            return VoiceProfile.read(file);
        } catch (IOException e) {
            err.println(who + ": " + e.getMessage() + "; carrying on without a voice profile");
            return null;
        }
    }

    /** Puts {@code profile} to use in {@code recognizer}; one that doesn't fit its model is a line on {@code err}. */
    static CommandRecognizer apply(CommandRecognizer recognizer, VoiceProfile profile, String option, PrintWriter err,
                                   String who) {
        if (profile != null) {
            try {
                recognizer.useProfile(profile);
            } catch (IllegalArgumentException e) {
                err.println(who + ": " + fileFor(option) + ": " + e.getMessage() + "; carrying on without it");
                err.flush();
            }
        }
        return recognizer;
    }
}
