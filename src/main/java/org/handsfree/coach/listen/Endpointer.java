package org.handsfree.coach.listen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.handsfree.coach.audio.Levels;

/**
 * Cuts a stream of 10 ms frames into stretches of sound, against a noise floor that follows the
 * room. A stretch starts when a few frames in a short window rise well above the floor and ends
 * after a run of quiet frames; a little audio before and after is kept, so soft word edges
 * survive. Works on frame energies only and never looks ahead, so it runs live.
 */
final class Endpointer {
    /** A stretch of sound, in frame indices: {@code [first, last]} inclusive, with its frames' energies. */
    record Stretch(int first, int last, int voicedStart, int voicedEnd, double floorDb) {
        int frames() {
            return last - first + 1;
        }
    }

    private final double startDb;
    private final double endDb;
    private final int hangFrames;
    /** Quiet frames that end an overrun (a pause inside running talk is shorter). */
    private final int overrunHangFrames;
    private final int preRoll;
    private final int maxFrames;
    private final double minLevelDb;
    private final SelfHearing self;
    /** How far the floor moves towards a frame of a sound that has run too long, per frame. */
    private final double overrunRise;

    private double floorDb = -75;
    private boolean inSpeech;
    /**
     * After a stretch was closed for running too long, the sound that goes on without a pause is more of
     * the same (talk, music, a machine), not a new stretch: nothing starts until a pause of {@code overrunHangFrames}.
     */
    private boolean overrun;
    private int start;
    private int voicedEnd;
    private int quiet;
    private int frame;
    private final int[] window = new int[5];
    /** The last {@link #STEADY_FRAMES} frames' energies, to tell a steady sound from talk. */
    private final double[] recent = new double[STEADY_FRAMES];
    /** Half a second. */
    private static final int STEADY_FRAMES = 50;
    /**
     * A sound whose frames' energies over the last half second span less than this (10th to 90th percentile) is
     * steady: noise, not talk (whose syllables and the dips between them span 15-30 dB).
     */
    private static final double STEADY_SPAN_DB = 10;
    private final List<Stretch> done = new ArrayList<>();

    /**
     * @param startDb rise above the floor that starts a stretch
     * @param endDb level above the floor below which a frame is quiet
     * @param hangFrames quiet frames that end a stretch
     * @param preRoll frames kept before the start
     * @param maxFrames a stretch longer than this is closed (and is no command)
     * @param minLevelDb absolute level (dBFS) below which nothing starts a stretch
     * @param self tells the coach's remaining echo from sound
     * @param overrunRise how far the floor rises towards each frame of a sound that has run past {@code maxFrames}
     * @param overrunHangFrames quiet frames that end a sound that has run past {@code maxFrames}
     */
    Endpointer(double startDb, double endDb, int hangFrames, int preRoll, int maxFrames, double minLevelDb,
               SelfHearing self, double overrunRise, int overrunHangFrames) {
        this.self = self;
        this.overrunHangFrames = overrunHangFrames;
        this.overrunRise = overrunRise;
        this.startDb = startDb;
        this.endDb = endDb;
        this.hangFrames = hangFrames;
        this.preRoll = preRoll;
        this.maxFrames = maxFrames;
        this.minLevelDb = minLevelDb;
    }

    /** Takes the next frame's energy (dBFS) and returns the stretches that ended with it. */
    List<Stretch> accept(double energyDb) {
        return accept(energyDb, Double.NEGATIVE_INFINITY);
    }

    /**
     * Takes the next frame's energy and the level of the coach's own voice left in it (dBFS; negative
     * infinity when it is silent): a frame counts as sound only when it also stands above that
     * ({@link SelfHearing#aboveOwnVoice}), so the coach's remains neither start a stretch nor keep one open.
     */
    List<Stretch> accept(double energyDb, double echoDb) {
        done.clear();
        recent[frame % STEADY_FRAMES] = energyDb;
        boolean aboveEcho = self.aboveOwnVoice(energyDb, echoDb);
        boolean loud = energyDb > floorDb + startDb && energyDb > minLevelDb && aboveEcho;
        // Loud enough to keep an open stretch (or an overrun) going.
        boolean sound = energyDb > floorDb + endDb && energyDb > minLevelDb && aboveEcho;
        window[frame % window.length] = loud ? 1 : 0;
        if (overrun) {
            quiet = sound ? 0 : quiet + 1;
            if (aboveEcho) {
                // A sound that never stops becomes the room: the floor follows it, so it ends the overrun. A steady
                // one (a fan, a hood, hiss) has already run for the longest stretch, so the floor rises to it in
                // tenths of a second, not in seconds as between stretches: a fan switched on leaves the coach deaf
                // for half a second, not until the floor has crept up to it. Talk, whose level swings with its
                // syllables, keeps the slow pace, so its rest stays part of it (acoustic/README.md, "Session 9").
                if (steady()) {
                    followSteadySound(energyDb);
                } else {
                    follow(energyDb);
                }
            }
            if (quiet >= overrunHangFrames) {
                overrun = false;
                quiet = 0;
                Arrays.fill(window, 0);
            }
        } else if (!inSpeech) {
            int count = 0;
            for (int w : window) {
                count += w;
            }
            if (count >= 3) {
                inSpeech = true;
                start = Math.max(0, frame - window.length + 1);
                voicedEnd = frame;
                quiet = 0;
            } else if (aboveEcho) {
                follow(energyDb);
            }
        } else {
            if (sound) {
                quiet = 0;
                voicedEnd = frame;
            } else {
                quiet++;
            }
            if (quiet >= hangFrames) {
                close(frame);
            } else if (frame - start + 1 >= maxFrames) {
                close(frame);
                overrun = true;
            }
        }
        frame++;
        return List.copyOf(done);
    }

    /** Ends the open stretch with the last frame taken, before its hang is out; returns it (nothing when none is open). */
    List<Stretch> endNow() {
        done.clear();
        if (inSpeech) {
            close(frame - 1);
        }
        return List.copyOf(done);
    }

    /** Closes an open stretch at the end of input. */
    List<Stretch> finish() {
        done.clear();
        if (inSpeech) {
            close(frame - 1);
        }
        return List.copyOf(done);
    }

    /** True while inside a stretch. */
    boolean inSpeech() {
        return inSpeech;
    }

    /** Quiet frames since the last sound of the open stretch (0 outside one). */
    int quietFrames() {
        return inSpeech ? quiet : 0;
    }

    /** The open stretch as it would be if it closed with the last frame taken; only while in one. */
    Stretch current() {
        return new Stretch(Math.max(0, start - preRoll), frame - 1, start, voicedEnd, floorDb);
    }

    private void close(int last) {
        done.add(new Stretch(Math.max(0, start - preRoll), last, start, voicedEnd, floorDb));
        inSpeech = false;
        Arrays.fill(window, 0);
    }

    /** Whether the last half second's energies span less than {@link #STEADY_SPAN_DB} (10th to 90th percentile). */
    private boolean steady() {
        if (frame < STEADY_FRAMES) {
            return false;
        }
        double[] sorted = recent.clone();
        Arrays.sort(sorted);
        return sorted[STEADY_FRAMES * 9 / 10] - sorted[STEADY_FRAMES / 10] < STEADY_SPAN_DB;
    }

    /** The floor rises to a sound that has run past the longest stretch faster than between stretches. */
    private void followSteadySound(double energyDb) {
        if (energyDb < floorDb) {
            follow(energyDb);
        } else {
            floorDb += overrunRise * (Math.min(energyDb, floorDb + 20) - floorDb);
        }
    }

    /** The floor falls fast to quieter frames and rises slowly, so speech doesn't raise it much. */
    private void follow(double energyDb) {
        floorDb = Math.max(Levels.followFloor(floorDb, energyDb), -90);
    }
}
