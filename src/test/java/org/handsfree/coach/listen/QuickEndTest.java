package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.handsfree.coach.session.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quick end ({@code endpoint.quick*}): a clear command standing alone is reported after the quick hang, with
 * the verdict the full hang gives; anything else waits for the full hang. Real decoding of real clips.
 */
final class QuickEndTest {
    private static CommandRecognizer quick;
    private static CommandRecognizer full;
    private static final RecognizerSettings.Endpoint EP = CommandRecognizer.settings(Map.of()).endpoint();

    @BeforeAll
    static void load() {
        quick = CommandRecognizer.load();
        full = CommandRecognizer.load(Map.of("endpoint.quickHangMs", "0"));
    }

    @AfterAll
    static void close() {
        quick.close();
        full.close();
    }

    /** A verdict and the frame at which the stream reported it. */
    private record Heard(Verdict verdict, int frame) {
    }

    /** Low noise with {@code clips} added at the given sample offsets, judged frame by frame. */
    private static List<Heard> stream(CommandRecognizer r, Context context, Object... clipsAt) {
        return streamOver(30, r, context, clipsAt);
    }

    /** The same over noise of {@code sigma} (0: digital silence, which leaves a narrowband clip narrowband). */
    private static List<Heard> streamOver(double sigma, CommandRecognizer r, Context context, Object... clipsAt) {
        int length = 0;
        for (int c = 0; c < clipsAt.length; c += 2) {
            length = Math.max(length, (Integer) clipsAt[c + 1] + CommandRecognizerTest.resource((String) clipsAt[c]).length);
        }
        short[] pcm = new short[length + 16_000];
        Random noise = new Random(5);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(noise.nextGaussian() * sigma);
        }
        for (int c = 0; c < clipsAt.length; c += 2) {
            short[] clip = CommandRecognizerTest.resource((String) clipsAt[c]);
            int at = (Integer) clipsAt[c + 1];
            for (int i = 0; i < clip.length; i++) {
                pcm[at + i] += clip[i];
            }
        }
        CommandRecognizer.Stream s = r.newStream();
        s.listenFor(context);
        List<Heard> out = new ArrayList<>();
        short[] frame = new short[160];
        for (int f = 0; (f + 1) * 160 <= pcm.length; f++) {
            System.arraycopy(pcm, f * 160, frame, 0, 160);
            for (Verdict v : s.judge(frame)) {
                out.add(new Heard(v, f));
            }
        }
        return out;
    }

    /** Frames from the last frame of sound to the report. */
    private static int wait(Heard h) {
        return h.frame() - (int) (h.verdict().end() / 160 - 1);
    }

    /** The same clip through both recognizers: the same verdict, the quick one reported {@code quickFrames} after the sound. */
    private static void sameVerdict(String clip, Context context, boolean soon) {
        sameVerdict(clip, context, 30, soon);
    }

    private static void sameVerdict(String clip, Context context, double sigma, boolean soon) {
        List<Heard> q = streamOver(sigma, quick, context, clip, 8000);
        List<Heard> f = streamOver(sigma, full, context, clip, 8000);
        assertEquals(1, q.size(), clip);
        assertEquals(1, f.size(), clip);
        Verdict a = q.get(0).verdict();
        Verdict b = f.get(0).verdict();
        assertEquals(List.of(b.text(), b.intent(), b.start(), b.end(), b.reason(), b.confidence()),
                List.of(a.text(), a.intent(), a.start(), a.end(), a.reason(), a.confidence()), clip);
        assertEquals(soon ? EP.quick().hangFrames() : EP.hangFrames(), wait(q.get(0)), clip + ": " + a);
        assertEquals(EP.hangFrames(), wait(f.get(0)), clip);
    }

    @Test
    void aClearCommand_isReportedAtTheQuickHang_withTheVerdictOfTheFullHang() {
        // Synthetic "next" and "repeat" while coaching (the real command clips kept here are all narrowband).
        sameVerdict("/audio/cmd_001_flite-rms.wav", Context.COACHING, true);
        sameVerdict("/audio/cmd_004_festival-slt.wav", Context.COACHING, true);
    }

    @Test
    void aNarrowbandCommand_orOneALongerPhraseGoesOnFrom_waitsForTheFullHang() {
        // A real "wait" over the telephone, acted on and confident: narrowband sound (a phone, a radio) waits. (In
        // silence: the benchmark's low white noise would fill its empty high band.)
        List<Heard> wait = streamOver(0, quick, Context.COACHING, "/real/wait_013.wav", 8000);
        Verdict v = wait.get(0).verdict();
        assertTrue(v.accepted() && v.confidence() >= EP.quick().minConfidence(), v.toString());
        assertTrue(v.features().highBandDb() < CommandRecognizer.settings(Map.of()).adapt().narrowbandDb(), v.toString());
        sameVerdict("/real/wait_013.wav", Context.COACHING, 0, false);
        // A clear "stop" while coaching may be "stop counting": it waits; where no longer phrase has it, it doesn't.
        sameVerdict("/audio/cmd_012_flite-rms.wav", Context.COACHING, false);
        sameVerdict("/audio/cmd_012_flite-rms.wav", Context.CONFIRM, true);
    }

    @Test
    void whatIsNoCommand_waitsForTheFullHang() {
        // "yes" is no command while coaching; a real cry and a real out-of-grammar word are none anywhere.
        for (String clip : List.of("/audio/yes_031.wav", "/audio/oov_word_010.wav", "/audio/baby_cry_004.wav")) {
            List<Heard> heard = stream(quick, Context.COACHING, clip, 8000);
            assertFalse(heard.isEmpty(), clip);
            for (Heard h : heard) {
                assertFalse(h.verdict().accepted(), clip);
                assertEquals(EP.hangFrames(), wait(h), clip);
            }
        }
    }

    @Test
    void aCommandRightAfterOtherSound_waitsForTheFullHang() {
        // The same clear "next" twice, back to back (a quarter of a second of quiet between the words): the second does not stand alone (talk runs on like that).
        short[] next = CommandRecognizerTest.resource("/audio/cmd_001_flite-rms.wav");
        List<Heard> heard = stream(quick, Context.COACHING, "/audio/cmd_001_flite-rms.wav", 8000,
                "/audio/cmd_001_flite-rms.wav", 8000 + next.length);
        assertEquals(2, heard.size(), heard.toString());
        Verdict second = heard.get(1).verdict();
        assertTrue(second.features().quietBeforeSeconds() < EP.quick().minQuietBeforeSeconds(), second.toString());
        assertEquals(EP.quick().hangFrames(), wait(heard.get(0)));
        assertEquals(EP.hangFrames(), wait(heard.get(1)));
    }

    @Test
    void aPhraseThatALongerOneGoesOnFrom_isUnfinished_unlessTheLongerOneMeansTheSame() {
        // "go to step" asks which step, "go to step five" goes there; "stop" and "stop counting" differ; "go" resumes.
        assertTrue(quick.unfinished("go to step", Context.COACHING));
        assertTrue(quick.unfinished("go", Context.COACHING));
        assertTrue(quick.unfinished("stop", Context.COACHING));
        // "next step" means "next": nothing to wait for.
        assertFalse(quick.unfinished("next", Context.COACHING));
        assertFalse(quick.unfinished("go to step five", Context.COACHING));
        // After "which step?", a number is all there is.
        assertFalse(quick.unfinished("five", Context.NUMBER));
    }
}
