package org.handsfree.coach.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.SampleStream;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Rejection;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.routine.RoutineException;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Context;
import org.handsfree.coach.time.SampleTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code coach recognize FILE...}: one JSON line per file with the commands heard in it. A file
 * that can't be read gets a one-line error; the others are still done, and the exit code is 2.
 */
@Command(name = "recognize", mixinStandardHelpOptions = true, description = "Print one JSON line per WAV file: the commands heard in it.")
final class RecognizeCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Parameters(arity = "1..*", paramLabel = "FILE.wav", description = "Audio files; 16 kHz mono is native, others are converted.")
    private List<Path> files;

    @Option(names = "--profile", paramLabel = "FILE|none",
            description = "Use this voice profile, or none (default: the one in the state directory, if any).")
    private String profile;

    @Option(names = "--context", paramLabel = "NAME",
            description = "Listen in one context: coaching, confirm or number (default: every phrase at once).")
    private String context;

    @Option(names = "--address", paramLabel = "WORD",
            description = "Addressed mode: only commands said after WORD count (coach, helper, trainer or assistant).")
    private String address;

    @Option(names = "--routine", paramLabel = "FILE",
            description = "With --context: number the steps as this routine does (default: the built-in routine).")
    private Path routineFile;

    @Override
    public Integer call() {
        // The acoustic model loads on a thread of its own while the grammar is made.
        CommandRecognizer.preload();
        Context in = null;
        CommandGrammar grammar;
        try {
            if (context != null) {
                in = Context.parse(context);
            }
            grammar = in == null && routineFile == null ? CommandGrammar.builtIn()
                    : CommandGrammar.builtIn((routineFile == null ? RoutineLoader.builtIn() : RoutineLoader.load(routineFile)).size());
            grammar.checkAddress(address, "--address");
        } catch (RoutineException e) {
            parent.err().println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            parent.err().println("coach recognize: " + e.getMessage());
            return 2;
        }
        int code = 0;
        org.handsfree.coach.listen.VoiceProfile voice = Profiles.read(profile, parent.err(), "coach recognize");
        try (CommandRecognizer recognizer = Profiles.apply(CommandRecognizer.load(grammar, address), voice, profile,
                parent.err(), "coach recognize")) {
            for (Path file : files) {
                List<Hearing> heard;
                try (SampleStream pcm = WavReader.open(file)) {
                    heard = recognizer.recognizeAll(pcm, in);
                } catch (BadAudioException e) {
                    parent.err().println("coach recognize: " + e.getMessage());
                    code = 2;
                    continue;
                }
                parent.out().println(json(file, heard));
                parent.out().flush();
            }
        }
        return code;
    }

    static String json(Path file, List<Hearing> heard) {
        JsonObject o = new JsonObject();
        o.addProperty("file", file.toString());
        JsonArray commands = new JsonArray();
        int rejected = 0;
        for (Hearing h : heard) {
            if (h instanceof Utterance u) {
                JsonObject c = new JsonObject();
                c.addProperty("text", u.text());
                c.addProperty("intent", u.intent().toString());
                c.addProperty("confidence", Math.round(u.confidence() * 100) / 100.0);
                c.addProperty("start", SampleTime.toMillis(u.start()));
                c.addProperty("end", SampleTime.toMillis(u.end()));
                commands.add(c);
            } else if (h instanceof Rejection) {
                rejected++;
            }
        }
        o.add("heard", commands);
        o.addProperty("rejected", rejected);
        return o.toString();
    }
}
