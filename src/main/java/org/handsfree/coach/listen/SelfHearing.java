package org.handsfree.coach.listen;

import java.util.Map;
import org.handsfree.coach.audio.Levels;
import org.handsfree.coach.time.SampleTime;

/**
 * The one answer to "is that my own voice?", its numbers in {@code acoustic/rejection.properties}
 * ({@code self.*}). Two checks, at two moments:
 * <ul>
 *   <li>frame by frame, before anything is decoded: a frame counts as sound only when it stands
 *       {@code echoMarginDb} above the coach's voice still left in it after the echo canceller (the
 *       canceller's residual), so the coach's remains neither start a stretch nor keep one open
 *       ({@link #aboveOwnVoice});</li>
 *   <li>for a command heard from sound: one that overlaps the coach's own audible output (or
 *       follows it within {@code tailMs}) counts only with {@code overSpeechConfidence} or more
 *       ({@link #selfHeard}), for real rooms, whose echo is never cancelled as well as a simulation's.</li>
 * </ul>
 * The second check remembers which of the last frames the coach was audible in: each session's loop
 * keeps its own instance and tells it what it played ({@link #played}).
 */
public final class SelfHearing {
    /** Frames of output remembered: more than the longest stretch (4 s) and its look-back. */
    private static final int REMEMBERED = 1024;
    private static final int FRAME = SampleTime.FRAME;

    private final RecognizerSettings.Self settings;
    private final boolean[] audible = new boolean[REMEMBERED];

    public SelfHearing(RecognizerSettings.Self settings) {
        this.settings = settings;
    }

    /** The policy with the settings in the jar. */
    public static SelfHearing builtIn() {
        return new SelfHearing(CommandRecognizer.settings(Map.of()).self());
    }

    /**
     * True when a frame of {@code levelDb} (dBFS) stands far enough above the coach's own voice left
     * in it, {@code ownVoiceDb} (negative infinity when none is), to be someone else's sound.
     */
    public boolean aboveOwnVoice(double levelDb, double ownVoiceDb) {
        return levelDb > ownVoiceDb + settings.echoMarginDb();
    }

    /** The coach played {@code frame} (one frame of {@link SampleTime#FRAME} samples) starting at {@code at}. */
    public void played(short[] frame, long at) {
        audible[(int) ((at / FRAME) % REMEMBERED)] = Levels.rms(frame, 0, FRAME) > settings.audibleRms();
    }

    /**
     * True when {@code u}, heard by sample time {@code now}, overlaps the coach's own output and is not
     * clear enough to be sure it isn't the coach's own voice.
     */
    public boolean selfHeard(Utterance u, long now) {
        boolean overlaps = false;
        long first = Math.max(0, Math.max(u.start() - settings.tailSamples(), now - (long) (REMEMBERED - 1) * FRAME));
        for (long t = first; t <= u.end() && t < now; t += FRAME) {
            overlaps |= audible[(int) ((t / FRAME) % REMEMBERED)];
        }
        if (!overlaps) {
            return false;
        }
        return u.confidence() < settings.overSpeechConfidence();
    }
}
