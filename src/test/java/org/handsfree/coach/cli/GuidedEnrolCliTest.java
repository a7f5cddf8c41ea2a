package org.handsfree.coach.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.listen.VoiceProfile;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.junit.jupiter.api.Test;

/**
 * {@code coach enroll --input script.wav --fast}: a scripted enrolment through the real session (FreeTTS
 * prompts, the recognizer's endpointer and decoder) with real takes of FSDD speaker george, one prompt
 * answered by silence; the profile it writes lifts george on takes it never heard.
 */
final class GuidedEnrolCliTest extends PrivateStateTest {
    private static final String INTRO = "Let's learn your voice. Say each phrase after me, in your usual voice.";

    /** Frames the coach takes to say {@code text}: the session hears one frame of input per frame said. */
    private static int frames(FreeTtsSynthesizer voice, String text) {
        return (voice.render(text).samples().length + SampleTime.FRAME - 1) / SampleTime.FRAME;
    }

    /**
     * The recording a user would make answering the prompts: each take starts 0.8 s after its prompt
     * ends (the prompt starts when the take before has ended and the endpointer's hang is over, at most
     * 1 s); the first prompt is answered by nothing, so it is asked again.
     */
    private static short[] script(List<String> prompts, List<short[]> takes) {
        int gap = SampleTime.framesOfMillis(800);
        int hangAtMost = SampleTime.framesOfMillis(1000);
        Random noise = new Random(7);
        List<short[]> parts = new ArrayList<>();
        int at;
        try (FreeTtsSynthesizer voice = FreeTtsSynthesizer.load()) {
            // Nothing said after the first prompt: the coach waits 6 s, then asks again with the reason.
            at = frames(voice, INTRO) + frames(voice, "Say: " + prompts.get(0) + ".") + SampleTime.framesOfMillis(6000)
                    + frames(voice, "I heard nothing. Once more, say: " + prompts.get(0) + ".") + gap;
            for (int i = 0; i < takes.size(); i++) {
                if (i > 0) {
                    at += hangAtMost + frames(voice, "Say: " + prompts.get(i) + ".") + gap;
                }
                short[] take = takes.get(i);
                parts.add(new short[] {(short) at});
                parts.add(take);
                at += (take.length + SampleTime.FRAME - 1) / SampleTime.FRAME;
            }
        }
        short[] pcm = new short[(at + SampleTime.framesOfMillis(3000)) * SampleTime.FRAME];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(noise.nextGaussian() * 3);
        }
        for (int i = 0; i < parts.size(); i += 2) {
            int start = (parts.get(i)[0] & 0xffff) * SampleTime.FRAME;
            short[] take = parts.get(i + 1);
            for (int j = 0; j < take.length; j++) {
                pcm[start + j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, pcm[start + j] + take[j]));
            }
        }
        return pcm;
    }

    private static int right(Path profile, List<String> clips, String intent) {
        List<String> args = new ArrayList<>(List.of("recognize", "--profile", profile == null ? "none" : profile.toString()));
        args.addAll(clips);
        CliTest.Result r = CliTest.run("", args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        int right = 0;
        for (String line : r.out().strip().split("\n")) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            String file = o.get("file").getAsString();
            String want = intent.replace("D", file.substring(file.lastIndexOf('/') + 1, file.lastIndexOf('/') + 2));
            var heard = o.getAsJsonArray("heard");
            right += heard.size() == 1 && heard.get(0).getAsJsonObject().has("intent")
                    && heard.get(0).getAsJsonObject().get("intent").getAsString().equals(want) ? 1 : 0;
        }
        return right;
    }

    @Test
    void aScriptedEnrolment_asksAgainOnce_writesAProfile_thatLiftsTheSpeaker() throws Exception {
        Path takesDir = EnrollCliTest.takes();
        List<String> prompts = new ArrayList<>();
        List<short[]> takes = new ArrayList<>();
        // Twice each, and the numbers (all three here) a third time, then "six" twice more.
        for (int round = 3; round <= 5; round++) {
            for (String d : List.of("2", "3", "6")) {
                prompts.add(Map.of("2", "two", "3", "three", "6", "six").get(d));
                takes.add(WavReader.read(takesDir.resolve(d + "_george_" + round + ".wav")));
            }
        }
        for (int round = 6; round <= 7; round++) {
            prompts.add("six");
            takes.add(WavReader.read(takesDir.resolve("6_george_" + round + ".wav")));
        }
        Path wav = dir.resolve("script.wav");
        try (WavSink sink = new WavSink(wav)) {
            short[] pcm = script(prompts, takes);
            sink.write(pcm, pcm.length);
        }
        Path profile = dir.resolve("george.profile");
        CliTest.Result r = CliTest.run("", "enroll", "--input", wav.toString(), "--fast", "--phrases", "two,three,six",
                "--profile", profile.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("take 1 of 11, 'two': I heard nothing\n"), r.out());
        assertTrue(r.out().contains("coach: I heard nothing. Once more, say: two.\n"), r.out());
        assertEquals(11, r.out().lines().filter(l -> l.endsWith("': kept")).count(), r.out());
        assertTrue(r.out().contains("take 11 of 11, 'six': kept"), r.out());
        assertTrue(r.out().contains("coach: Thank you. I learned from 11 takes. I will understand you better now.\n"), r.out());
        assertTrue(r.out().contains("11 takes kept of 12 asked, 1 asked again, 0 left out"), r.out());
        assertEquals(11, VoiceProfile.read(profile).takes());

        List<String> others = new ArrayList<>();
        for (String d : List.of("2", "3", "6")) {
            for (int take = 8; take <= 13; take++) {
                others.add(takesDir.resolve(d + "_george_" + take + ".wav").toString());
            }
        }
        int without = right(null, others, "number:D");
        int with = right(profile, others, "number:D");
        System.out.println("guided enrolment of george (11 takes): right without a profile " + without + ", with " + with
                + " of " + others.size() + "\n" + r.out());
        assertTrue(with >= without + 3, "right without a profile " + without + ", with " + with + " of " + others.size());
    }
}
