package org.handsfree.coach.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.listen.VoiceProfile;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.junit.jupiter.api.Test;

/**
 * Learning in use: coaching sessions over recordings ({@code --input --fast --learn}) where FSDD speaker george
 * answers "Which step?" with real takes (the other commands in the coach's own FreeTTS voice, which is wideband,
 * so george's narrowband profile never decides them). The profile file gains the statistics of george's
 * commands, not of the one "undo" took back; {@code enroll --reset} takes them out again.
 */
final class LearnInUseCliTest extends PrivateStateTest {
    /** A recording: each part starts at its second, over low noise; {@code text:...} is said by FreeTTS, else a george take. */
    private static Path recording(Path file, Object... atAndWhat) throws Exception {
        short[] pcm = new short[(int) (((double) atAndWhat[atAndWhat.length - 2] + 4) * SampleTime.RATE)];
        Random noise = new Random(3);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(noise.nextGaussian() * 3);
        }
        try (FreeTtsSynthesizer voice = FreeTtsSynthesizer.load()) {
            for (int i = 0; i < atAndWhat.length; i += 2) {
                String what = (String) atAndWhat[i + 1];
                short[] part = what.startsWith("text:") ? voice.render(what.substring(5)).samples()
                        : WavReader.read(EnrollCliTest.takes().resolve(what));
                int start = (int) ((double) atAndWhat[i] * SampleTime.RATE);
                for (int j = 0; j < part.length && start + j < pcm.length; j++) {
                    pcm[start + j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, pcm[start + j] + part[j]));
                }
            }
        }
        try (WavSink sink = new WavSink(file)) {
            sink.write(pcm, pcm.length);
        }
        return file;
    }

    private static List<String> heard(Path trace) throws Exception {
        return CliTest.trace(trace).stream().filter(o -> o.get("type").getAsString().equals("heard"))
                .map(o -> o.get("intent").getAsString()).toList();
    }

    @Test
    void acceptedCommandsTeachTheProfile_anUndoneOneDoesNot_andResetForgetsThem() throws Exception {
        Path profile = dir.resolve("george.profile");
        CliTest.Result enrolled = CliTest.run("", "enroll", "--from", EnrollCliTest.takes().toString(), "--profile",
                profile.toString());
        assertEquals(0, enrolled.code(), enrolled.err());
        VoiceProfile before = VoiceProfile.read(profile);
        assertNull(before.learned());

        // "go to step", george: "three", "undo" (takes the three back), "go to step", george: "six".
        Path first = recording(dir.resolve("first.wav"), 3.0, "text:go to step", 6.0, "3_george_9.wav",
                9.0, "text:undo", 13.0, "text:go to step", 16.0, "6_george_9.wav");
        Path trace = dir.resolve("first.jsonl");
        CliTest.Result r = CliTest.run("", "--input", first.toString(), "--fast", "--learn", "--profile",
                profile.toString(), "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("goto", "number:3", "undo", "goto", "number:6"), heard(trace), r.out());
        VoiceProfile once = VoiceProfile.read(profile);
        assertNotNull(once.learned(), r.err());
        assertEquals(1, once.learned().stretches(), once.describe());
        assertEquals(1, once.learned().sessions());
        long sixFrames = once.learned().frames();
        assertTrue(sixFrames >= 30 && sixFrames <= 150, "frames learned from one take of six: " + sixFrames);
        assertTrue(r.err().contains("the voice profile learned from 1 of your commands ("
                + String.format(java.util.Locale.ROOT, "%.1f", sixFrames / 100.0) + " s of speech, 1 undone left out)"), r.err());
        assertEquals(before.model().means().keySet(), once.model().means().keySet(), "the enrolment is kept as it was");

        // The same six again, and a three that stays: both count, on top of the first session's.
        Path second = recording(dir.resolve("second.wav"), 3.0, "text:go to step", 6.0, "6_george_9.wav",
                10.0, "text:go to step", 13.0, "3_george_9.wav");
        CliTest.Result r2 = CliTest.run("", "--input", second.toString(), "--fast", "--learn", "--profile",
                profile.toString());
        assertEquals(0, r2.code(), r2.err());
        VoiceProfile twice = VoiceProfile.read(profile);
        assertEquals(3, twice.learned().stretches(), twice.describe());
        assertEquals(2, twice.learned().sessions());
        assertTrue(twice.learned().frames() >= 2 * sixFrames + 30, twice.describe());

        // Without --learn, a run over a file leaves the profile as it was.
        CliTest.Result r3 = CliTest.run("", "--input", second.toString(), "--fast", "--profile", profile.toString());
        assertEquals(0, r3.code(), r3.err());
        assertEquals(twice, VoiceProfile.read(profile));

        CliTest.Result reset = CliTest.run("", "enroll", "--reset", "--profile", profile.toString());
        assertEquals(0, reset.code(), reset.err());
        assertEquals("voice profile: " + profile + ": forgot 3 commands ("
                + String.format(java.util.Locale.ROOT, "%.1f", twice.learned().frames() / 100.0) + " s of speech) learned in 2 sessions; the enrolment is kept\n", reset.out());
        assertEquals(before, VoiceProfile.read(profile));
        assertTrue(Files.exists(profile));
    }
}
