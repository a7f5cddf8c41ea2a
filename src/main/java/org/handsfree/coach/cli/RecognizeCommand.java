package org.handsfree.coach.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Rejection;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.time.SampleTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code coach recognize FILE...}: one JSON line per file with the commands heard in it. A file
 * that can't be read gets a one-line error; the others are still done, and the exit code is 2.
 */
@Command(name = "recognize", description = "Print one JSON line per WAV file: the commands heard in it.")
final class RecognizeCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Parameters(arity = "1..*", paramLabel = "FILE.wav", description = "Audio files; 16 kHz mono is native, others are converted.")
    private List<Path> files;

    @Override
    public Integer call() {
        int code = 0;
        try (CommandRecognizer recognizer = CommandRecognizer.load()) {
            for (Path file : files) {
                short[] pcm;
                try {
                    pcm = WavReader.read(file);
                } catch (BadAudioException e) {
                    parent.err().println("coach recognize: " + e.getMessage());
                    code = 2;
                    continue;
                }
                parent.out().println(json(file, recognizer.recognizeAll(pcm)));
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
