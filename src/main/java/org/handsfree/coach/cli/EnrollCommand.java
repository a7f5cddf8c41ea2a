package org.handsfree.coach.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Enrolment;
import org.handsfree.coach.listen.VoiceProfile;
import org.handsfree.coach.session.Intent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code coach enroll}: the user's voice profile. {@code --from DIR} builds it from labelled recordings
 * ({@code DIR/labels.tsv}: file, then the text said, tab-separated); {@code --forget} deletes it.
 */
@Command(name = "enroll", description = "Learn your voice: build a voice profile (--from DIR), or delete it (--forget).")
final class EnrollCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Option(names = "--from", paramLabel = "DIR", description = "Build the profile from DIR/labels.tsv (file<TAB>text said) and its WAVs.")
    private Path from;

    @Option(names = "--profile", paramLabel = "FILE", description = "Where the profile goes (default: the state directory).")
    private String profile;

    @Option(names = {"--forget", "--reset"}, description = "Delete the voice profile: the coach goes back to the voice of no one in particular.")
    private boolean forget;

    @Override
    public Integer call() throws IOException {
        Path file = profile == null || profile.equals("none") ? Profiles.defaultFile() : Path.of(profile);
        if (forget) {
            if (Files.deleteIfExists(file)) {
                parent.out().println("voice profile deleted: " + file);
            } else {
                parent.out().println("no voice profile at " + file + "; nothing to delete");
            }
            return 0;
        }
        if (from == null) {
            parent.err().println("coach enroll: the guided enrolment by voice needs a microphone, and this build takes"
                    + " recordings instead: coach enroll --from DIR (DIR/labels.tsv: file<TAB>text said)");
            return 2;
        }
        Path labels = from.resolve("labels.tsv");
        if (!Files.isRegularFile(labels)) {
            parent.err().println("coach enroll: " + labels + ": no such file (file<TAB>text said, one take a line)");
            return 2;
        }
        CommandGrammar grammar = CommandGrammar.builtIn();
        List<Enrolment.Take> takes = new ArrayList<>();
        List<String> lines = Files.readAllLines(labels);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#") || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("file\t"))) {
                continue;
            }
            String[] c = line.split("\t", -1);
            String where = labels + ":" + (i + 1);
            if (c.length < 2 || c[0].isBlank() || c[1].isBlank()) {
                parent.err().println("coach enroll: " + where + ": expected file<TAB>text said");
                return 2;
            }
            Optional<Intent> intent = grammar.intentOf(c[1].trim().toLowerCase(Locale.ROOT));
            if (intent.isEmpty()) {
                parent.err().println("coach enroll: " + where + ": '" + c[1].trim() + "' is not a phrase the coach knows"
                        + " (see ./coach phrases)");
                return 2;
            }
            try {
                takes.add(new Enrolment.Take(WavReader.read(from.resolve(c[0].trim())), intent.get().toString()));
            } catch (BadAudioException e) {
                parent.err().println("coach enroll: " + where + ": " + e.getMessage());
                return 2;
            }
        }
        if (takes.isEmpty()) {
            parent.err().println("coach enroll: " + labels + ": no takes listed");
            return 2;
        }
        try (CommandRecognizer recognizer = CommandRecognizer.load()) {
            long t0 = System.nanoTime();
            VoiceProfile built;
            try {
                built = Enrolment.build(recognizer, takes, Enrolment.Options.standard());
            } catch (IllegalArgumentException e) {
                parent.err().println("coach enroll: " + from + ": " + e.getMessage() + "; no profile written");
                return 2;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            built.write(file);
            parent.out().printf(Locale.ROOT, "voice profile: %s (%s; %d of %d takes heard as their phrase; built in %.1f s)%n",
                    file, built.describe(), Enrolment.lastUsed(), takes.size(), seconds);
        }
        return 0;
    }
}
