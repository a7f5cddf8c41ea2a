package org.handsfree.coach.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.handsfree.coach.time.SampleTime;
import org.junit.jupiter.api.Test;

final class MixerTest {
    private static final int FRAME = 160;

    /** A tone burst of {@code n} samples with {@code lead} samples of silence first. */
    static Clip tone(int lead, int n, int amplitude) {
        short[] s = new short[lead + n];
        for (int i = 0; i < n; i++) {
            s[lead + i] = (short) (amplitude * Math.sin(2 * Math.PI * 440 * i / SampleTime.RATE));
        }
        // The onset is the first sample the tone makes audible.
        int onset = lead + 1;
        return new Clip(s, onset);
    }

    static final class Recorder implements Mixer.Listener {
        final List<String> events = new ArrayList<>();
        long drainedAt = -1;

        @Override
        public void spoke(String text, long start, long end) {
            events.add("say " + text + " " + start + "-" + end);
        }

        @Override
        public void beat(String word, long cycle, long onset) {
            events.add("beat " + word + " " + onset);
        }

        @Override
        public void drained(long at) {
            drainedAt = at;
        }
    }

    static short[] render(Mixer m, long from, int samples) {
        short[] all = new short[samples];
        short[] frame = new short[FRAME];
        for (int i = 0; i < samples; i += FRAME) {
            m.render(from + i, frame);
            System.arraycopy(frame, 0, all, i, Math.min(FRAME, samples - i));
        }
        return all;
    }

    static int firstNonZero(short[] pcm, int from) {
        for (int i = from; i < pcm.length; i++) {
            if (pcm[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    /** A word like "squeeze": 60 ms of quiet hiss (the consonants), then the loud vowel. */
    static Clip word(int lead) {
        short[] s = new short[lead + 960 + 6400];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 960; i++) {
            s[lead + i] = (short) (random.nextGaussian() * 600);
        }
        for (int i = 0; i < 6400; i++) {
            s[lead + 960 + i] = (short) (12000 * Math.sin(2 * Math.PI * 220 * i / SampleTime.RATE));
        }
        return new Clip(s, lead);
    }

    @Test
    void beat_perceptualOnsetLandsExactlyOnItsSample_notItsFirstAudibleSample() {
        Recorder r = new Recorder();
        Mixer m = new Mixer(r);
        Clip clip = word(57);
        long[] at = {3000, 17_003, 33_333};
        for (long t : at) {
            m.scheduleBeat("squeeze", 0, t, clip);
        }
        short[] out = render(m, 0, 48_000);
        int from = 0;
        for (long t : at) {
            int first = firstNonZero(out, from);
            short[] around = java.util.Arrays.copyOfRange(out, (int) t - 2000, (int) t + 8000);
            assertEquals(t, Onsets.perceptual(around) + t - 2000, "perceptual onset of the beat at " + t);
            assertTrue(t - first >= 900 && t - first <= 1100, "the hiss comes about 60 ms before: " + (t - first));
            from = (int) t + 8000;
        }
        assertEquals(List.of("beat squeeze 3000", "beat squeeze 17003", "beat squeeze 33333"), r.events);
    }


    @Test
    void hush_cutsSpeechWithinOneFrame_withAFadeNotAClick() {
        Recorder r = new Recorder();
        Mixer m = new Mixer(r);
        m.say("long", tone(0, 32_000, 12000), false);
        short[] before = render(m, 0, 8000);
        assertTrue(Levels.rms(before, 0, 8000) > 0.1);
        m.hush();
        short[] after = render(m, 8000, 1600);
        int lastSound = -1;
        for (int i = 0; i < after.length; i++) {
            if (after[i] != 0) {
                lastSound = i;
            }
        }
        assertTrue(lastSound < FRAME, "sound stops within one frame, last at " + lastSound);
        assertTrue(lastSound >= Mixer.FADE - 2, "it fades over about " + Mixer.FADE + " samples, not at once");
        for (int i = 1; i < Mixer.FADE; i++) {
            assertTrue(Math.abs(after[i]) <= 12000.0 * (Mixer.FADE + 1 - i) / (Mixer.FADE + 1) + 1, "fading at " + i);
        }
        assertEquals(List.of("say long 0-" + (8000 + Mixer.FADE)), r.events);
        assertEquals(8000 + Mixer.FADE, r.drainedAt);
    }

    @Test
    void beatsDuringSpeech_areDropped_andSpeechCutsASoundingBeat() {
        Recorder r = new Recorder();
        Mixer m = new Mixer(r);
        m.scheduleBeat("press", 0, 100, tone(0, 4000, 10000));
        m.scheduleBeat("squeeze", 0, 3000, tone(0, 4000, 10000));
        short[] first = render(m, 0, 1600);
        assertTrue(first[500] != 0, "the first beat sounds");
        m.say("Faster.", tone(0, 6000, 8000), false);
        render(m, 1600, 12_000);
        assertEquals(List.of("beat press 100", "say Faster. 1600-7600"), r.events,
                "the squeeze at 3000 fell inside the speech and was dropped");
    }

    @Test
    void speechIsQueued_unlessCut() {
        Recorder r = new Recorder();
        Mixer m = new Mixer(r);
        m.say("one", tone(0, 1000, 5000), false);
        m.say("two", tone(0, 1000, 5000), false);
        render(m, 0, 3200);
        assertEquals(List.of("say one 0-1000", "say two 1000-2000"), r.events);
        assertEquals(2000, r.drainedAt);
    }

    @Test
    void gain_scalesTheLevel() {
        Mixer quiet = new Mixer(new Recorder());
        Mixer loud = new Mixer(new Recorder());
        loud.setGain(Levels.fromDb(6));
        quiet.say("x", tone(0, 4000, 4000), false);
        loud.say("x", tone(0, 4000, 4000), false);
        double a = Levels.rms(render(quiet, 0, 4000), 0, 4000);
        double b = Levels.rms(render(loud, 0, 4000), 0, 4000);
        assertEquals(6.0, Levels.toDb(b / a), 0.05);
    }

    @Test
    void cancelBeats_dropsFutureBeats() {
        Recorder r = new Recorder();
        Mixer m = new Mixer(r);
        m.scheduleBeat("press", 0, 1000, tone(0, 500, 10000));
        m.scheduleBeat("squeeze", 0, 20_000, tone(0, 500, 10000));
        render(m, 0, 3200);
        m.cancelBeats(3200);
        short[] rest = render(m, 3200, 32_000);
        assertEquals(-1, firstNonZero(rest, 0));
        assertEquals(List.of("beat press 1000"), r.events);
    }
}
