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

    @Test
    void aUserTalkingOverTheCoach_doesNotSpoilTheCancelling() {
        short[] played = speechLike(96_000, 5);
        short[] near = new short[96_000];
        short[] user = speechLike(24_000, 6);
        for (int i = 0; i < user.length; i++) {
            near[40_000 + i] = (short) (user[i] * 3);
        }
        short[] out = cancel(played, near, Levels.fromDb(-12), 320, 0.5);
        double echo = Levels.rms(played, 80_000, 96_000) * Levels.fromDb(-12);
        double residual = Levels.rms(out, 80_000, 96_000);
        assertTrue(Levels.toDb(residual / echo) < -15, "after the user spoke, echo reduced by " + Levels.toDb(residual / echo));
    }

    @Test
    void residualLevel_liesBetweenWhatIsLeftOfTheCoach_andAUserVoice() {
        short[] played = speechLike(64_000, 7);
        EchoCanceller c = new EchoCanceller(1600, 0.5);
        short[] h = new short[160];
        short[] p = new short[160];
        short[] o = new short[160];
        int under = 0;
        int above = 0;
        int frames = 0;
        assertEquals(Double.NEGATIVE_INFINITY, c.residualEchoDb());
        for (int f = 0; f + 160 <= played.length; f += 160) {
            for (int i = 0; i < 160; i++) {
                int t = f + i;
                h[i] = (short) (t >= 640 ? played[t - 640] / 2 : 0);
                p[i] = played[t];
            }
            c.process(h, p, o);
            if (f >= 32_000) {
                frames++;
                double left = Levels.toDb(Levels.rms(o, 0, 160));
                under += left <= c.residualEchoDb() ? 1 : 0;
                // A user as loud as the echo itself would stand 6 dB (the listener's margin) above the level reported.
                double user = Levels.toDb(Levels.rms(h, 0, 160));
                above += user > c.residualEchoDb() + 6 ? 1 : 0;
            }
        }
        assertTrue(under >= 0.8 * frames, under + " of " + frames + " frames under the reported residual");
        // The endpointer starts a stretch on three loud frames in five.
        assertTrue(above >= 0.75 * frames, above + " of " + frames + " frames of a user's voice above it");
    }
}
