package org.handsfree.coach.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.handsfree.coach.audio.AudioSink;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.DeviceUnavailableException;
import org.handsfree.coach.audio.FailoverSink;
import org.handsfree.coach.audio.Microphone;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.audio.SampleStream;
import org.handsfree.coach.audio.SpeakerSink;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.enrol.GuidedEnrolment;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Enrolment;
import org.handsfree.coach.listen.VoiceProfile;
import org.handsfree.coach.session.Intent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code coach enroll}: the user's voice profile. With no option, a guided session by voice (the
 * microphone, or {@code --input FILE} standing in for it); {@code --from DIR} builds it from labelled
 * recordings ({@code DIR/labels.tsv}: file, then the text said, tab-separated); {@code --forget} deletes it.
 */
@Command(name = "enroll", description = "Learn your voice: a guided session by voice (about three minutes), or a profile"
        + " from recordings (--from DIR); --forget deletes it.")
final class EnrollCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Option(names = "--from", paramLabel = "DIR", description = "Build the profile from DIR/labels.tsv (file<TAB>text said) and its WAVs.")
    private Path from;

    @Option(names = "--profile", paramLabel = "FILE", description = "Where the profile goes (default: the state directory).")
    private String profile;

    @Option(names = "--forget", description = "Delete the voice profile: the coach goes back to the voice of no one in particular.")
    private boolean forget;

    @Option(names = "--reset", description = "Forget what the profile learned in use (coaching sessions); keep the enrolment.")
    private boolean reset;

    @Option(names = "--input", paramLabel = "FILE.wav", description = "A recording stands in for the microphone.")
    private Path input;

    @Option(names = "--fast", description = "With --input: as fast as the CPU allows, the coach's voice to --output only.")
    private boolean fast;

    @Option(names = "--output", paramLabel = "FILE.wav", description = "Also write the coach's voice here.")
    private Path output;

    @Option(names = "--keyboard", description = "Press Enter before each take (the microphone still records it).")
    private boolean keyboard;

    @Option(names = "--phrases", split = ",", paramLabel = "PHRASE",
            description = "Say these phrases (twice each, numbers three times, six five times) instead of the usual"
                    + " script of commands and numbers.")
    private List<String> phrases;

    /** Fewer usable takes than this and no profile is made. */
    static final int MIN_TAKES = 4;

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
        if (reset) {
            return reset(file);
        }
        if (from == null) {
            return guided(file);
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
                takes.add(new Enrolment.Take(WavReader.read(from.resolve(c[0].trim())), intent.get().toString(),
                        c[1].trim().toLowerCase(Locale.ROOT)));
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
            long c0 = cpuNanos();
            VoiceProfile built;
            try {
                built = Enrolment.build(recognizer, takes, Enrolment.Options.standard());
            } catch (IllegalArgumentException e) {
                parent.err().println("coach enroll: " + from + ": " + e.getMessage() + "; no profile written");
                return 2;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - c0) / 1e9;
            built.write(file);
            parent.out().printf(Locale.ROOT, "voice profile: %s (%s; %d of %d takes aligned with their phrase; built in %.1f s,"
                    + " %.1f s of CPU)%n", file, built.describe(), Enrolment.lastUsed(), takes.size(), seconds, cpu);
        }
        return 0;
    }

    /** Removes what the profile learned in use, keeping the enrolment. */
    private int reset(Path file) throws IOException {
        if (!Files.exists(file)) {
            parent.out().println("no voice profile at " + file + "; nothing to reset");
            return 0;
        }
        VoiceProfile p;
        try {
            p = VoiceProfile.read(file);
        } catch (IOException e) {
            parent.err().println("coach enroll: " + e.getMessage() + " (--forget deletes it)");
            return 2;
        }
        if (p.learned() == null) {
            parent.out().println("voice profile: " + file + " has learned nothing in use; nothing to reset");
            return 0;
        }
        p.withoutLearned().write(file);
        parent.out().printf(Locale.ROOT, "voice profile: %s: forgot %d commands (%.1f s of speech) learned in %d sessions;"
                + " the enrolment is kept%n", file, p.learned().stretches(), p.learned().frames() / 100.0,
                p.learned().sessions());
        return 0;
    }

    /** The enrolment by voice: prompts, takes, and the profile at the end. */
    private int guided(Path file) throws IOException {
        CommandGrammar grammar = CommandGrammar.builtIn();
        List<String> script = phrases == null ? GuidedEnrolment.SCRIPT
                : phrases.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
        try {
            GuidedEnrolment.intents(grammar, script);
        } catch (IllegalArgumentException e) {
            parent.err().println("coach enroll: --phrases: " + e.getMessage());
            return 2;
        }
        if (fast && input == null) {
            parent.err().println("coach enroll: --fast needs --input FILE.wav");
            return 2;
        }
        PrintStream notes = new PrintStream(new WriterOutputStream(parent.err()), true);
        SampleStream recording = null;
        Microphone microphone = null;
        if (input != null) {
            try {
                recording = WavReader.open(input);
            } catch (BadAudioException e) {
                parent.err().println("coach enroll: " + e.getMessage());
                return 2;
            }
        } else {
            try {
                microphone = Microphone.open();
            } catch (DeviceUnavailableException e) {
                parent.err().println("coach enroll: " + e.getMessage() + "; enrolment by voice needs one"
                        + " (or --input FILE.wav, or --from DIR with recordings)");
                return 2;
            }
        }
        List<AudioSink> sinks = new ArrayList<>();
        try {
            if (output != null) {
                sinks.add(new WavSink(output));
            }
            if (!fast) {
                try {
                    sinks.add(new FailoverSink(SpeakerSink.open(), "the prompts are printed", notes));
                } catch (DeviceUnavailableException e) {
                    parent.err().println("coach enroll: " + e.getMessage() + "; the prompts are printed");
                }
            }
        } catch (IOException e) {
            parent.err().println("coach enroll: can't write --output " + e.getMessage());
            close(recording, microphone);
            return 2;
        }
        SampleStream in = recording;
        Microphone mic = microphone;
        GuidedEnrolment.Ears ears = in != null ? f -> {
            int n = in.readFully(f, 0, f.length);
            java.util.Arrays.fill(f, Math.max(0, n), f.length, (short) 0);
            return n > 0;
        } : f -> {
            mic.read(f);
            return true;
        };
        BufferedReader keys = new BufferedReader(new InputStreamReader(parent.in(), StandardCharsets.UTF_8));
        GuidedEnrolment.EnterKey enter = keyboard ? () -> keys.readLine() != null : null;
        try (AudioSink sink = sinks.isEmpty() ? new NullSink() : new org.handsfree.coach.audio.TeeSink(sinks);
             FreeTtsSynthesizer voice = FreeTtsSynthesizer.load();
             CommandRecognizer recognizer = CommandRecognizer.load()) {
            GuidedEnrolment session = new GuidedEnrolment(recognizer, grammar, voice, sink, ears, enter, parent.out());
            GuidedEnrolment.Result r;
            try {
                r = session.run(script);
            } catch (BadAudioException e) {
                parent.err().println("coach enroll: " + e.getMessage());
                return 2;
            }
            try {
                return finish(session, r, recognizer, file);
            } catch (BadAudioException e) {
                parent.err().println("coach enroll: " + e.getMessage());
                return 2;
            }
        } finally {
            close(recording, microphone);
        }
    }

    /** Builds and saves the profile from a session's takes, and says so. */
    private int finish(GuidedEnrolment session, GuidedEnrolment.Result r, CommandRecognizer recognizer, Path file)
            throws IOException, BadAudioException {
        {
            if (r.takes().size() < MIN_TAKES) {
                session.close("I did not hear enough of your voice to learn from. Nothing was saved.");
                parent.err().println("coach enroll: " + r.takes().size() + " usable takes of " + r.asked()
                        + (r.ended() ? " before the input ended" : "") + "; at least " + MIN_TAKES
                        + " are needed; no profile written");
                return 1;
            }
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            VoiceProfile built;
            try {
                built = Enrolment.build(recognizer, r.takes(), Enrolment.Options.standard());
            } catch (IllegalArgumentException e) {
                session.close("I could not learn from those takes. Nothing was saved.");
                parent.err().println("coach enroll: " + e.getMessage() + "; no profile written");
                return 1;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - c0) / 1e9;
            built.write(file);
            session.close("Thank you. I learned from " + r.takes().size() + " takes. I will understand you better now.");
            parent.out().printf(Locale.ROOT, "voice profile: %s (%s; %d takes kept of %d asked, %d asked again, %d left out;"
                    + " %.0f s of your time; built in %.1f s, %.1f s of CPU)%n", file, built.describe(), r.takes().size(),
                    r.asked(), r.again(), r.left(), r.seconds(), seconds, cpu);
            return 0;
        }
    }

    /** This thread's CPU time (the build runs on it), or 0 where the JVM cannot tell. */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : 0;
    }

    private static void close(SampleStream recording, Microphone microphone) {
        if (recording != null) {
            recording.close();
        }
        if (microphone != null) {
            microphone.close();
        }
    }
}
