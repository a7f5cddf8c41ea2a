package org.handsfree.coach.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

final class EchoCancellerTest {
    /** Runs {@code heard = near + gain * played(t - delay)} through the canceller; returns the output. */
    static short[] cancel(short[] played, short[] near, double gain, int delay, double mu) {
        EchoCanceller c = new EchoCanceller(1600, mu);
        short[] out = new short[played.length];
        short[] h = new short[160];
        short[] p = new short[160];
        short[] o = new short[160];
        for (int f = 0; f + 160 <= played.length; f += 160) {
            for (int i = 0; i < 160; i++) {
                int t = f + i;
                double echo = t >= delay ? gain * played[t - delay] : 0;
                h[i] = (short) Math.max(-32768, Math.min(32767, Math.round(near[t] + echo)));
                p[i] = played[t];
            }
            c.process(h, p, o);
            System.arraycopy(o, 0, out, f, 160);
        }
        return out;
    }

    static short[] speechLike(int n, long seed) {
        Random r = new Random(seed);
        short[] s = new short[n];
        double a = 0;
        for (int i = 0; i < n; i++) {
            a = 0.9 * a + r.nextGaussian();
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * i / 16000.0);
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(a * 1500 * envelope)));
        }
        return s;
    }

    @Test
    void ownVoiceEcho_isReducedByMoreThan15Db_afterTwoSeconds() {
        short[] played = speechLike(48_000, 1);
        short[] out = cancel(played, new short[48_000], Levels.fromDb(-6), 640, 0.5);
        double echo = Levels.rms(played, 32_000, 48_000) * Levels.fromDb(-6);
        double residual = Levels.rms(out, 32_000, 48_000);
        assertTrue(Levels.toDb(residual / echo) < -15, "echo reduced by " + Levels.toDb(residual / echo) + " dB");
    }

    @Test
    void withNothingPlayed_theInputPassesUnchanged() {
        short[] near = speechLike(16_000, 2);
        short[] out = cancel(new short[16_000], near, 1.0, 160, 0.5);
        for (int i = 0; i < near.length; i++) {
            assertEquals(near[i], out[i]);
        }
    }

    @Test
    void userSpeech_survivesWhileTheCoachTalks() {
        short[] played = speechLike(48_000, 3);
        short[] near = new short[48_000];
        short[] user = speechLike(16_000, 4);
        System.arraycopy(user, 0, near, 32_000, 16_000);
        short[] out = cancel(played, near, Levels.fromDb(-6), 640, 0.5);
        double kept = Levels.rms(out, 32_000, 48_000) / Levels.rms(near, 32_000, 48_000);
        assertTrue(Levels.toDb(kept) > -3, "user speech kept at " + Levels.toDb(kept) + " dB");
    }
}
