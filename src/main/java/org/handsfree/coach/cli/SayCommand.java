package org.handsfree.coach.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.handsfree.coach.audio.AudioSink;
import org.handsfree.coach.audio.Clip;
import org.handsfree.coach.audio.DeviceUnavailableException;
import org.handsfree.coach.audio.SpeakerSink;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code coach say "TEXT" [--output F.wav]}: speaks one text with the coach's voice. */
@Command(name = "say", mixinStandardHelpOptions = true, description = "Say TEXT with the coach's voice, to the speakers or to a WAV file.")
final class SayCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Parameters(paramLabel = "TEXT", description = "What to say.")
    private String text;

    @Option(names = "--output", paramLabel = "OUT.wav", description = "Write 16 kHz mono WAV here instead of playing it.")
    private Path output;

    @Override
    public Integer call() throws Exception {
        if (text.isBlank()) {
            parent.err().println("coach say: nothing to say");
            return 2;
        }
        if (text.length() > RoutineLoader.MAX_TEXT) {
            parent.err().println("coach say: the text is " + text.length() + " characters long; at most "
                    + RoutineLoader.MAX_TEXT + " (about four minutes of speech)");
            return 2;
        }
        for (String word : text.strip().split("\\s+")) {
            if (word.length() > RoutineLoader.MAX_WORD) {
                parent.err().println("coach say: a word of " + word.length() + " letters ('" + word.substring(0, 12)
                        + "...'); at most " + RoutineLoader.MAX_WORD);
                return 2;
            }
        }
        Clip clip;
        try (FreeTtsSynthesizer voice = FreeTtsSynthesizer.load()) {
            clip = voice.render(text);
        }
        AudioSink sink;
        if (output != null) {
            try {
                sink = new WavSink(output);
            } catch (java.io.IOException e) {
                parent.err().println("coach say: can't write --output " + e.getMessage());
                return 2;
            }
        } else {
            try {
                sink = SpeakerSink.open();
            } catch (DeviceUnavailableException e) {
                parent.err().println("coach say: " + e.getMessage() + "; use --output FILE.wav to write the speech to a file");
                return 1;
            }
        }
        try (sink) {
            sink.write(clip.samples(), clip.length());
        }
        return 0;
    }
}
