package org.handsfree.coach.audio;

/**
 * Removes the coach's own voice from what the microphone hears, using the exact signal it played.
 *
 * <p>An adaptive filter learns the room's echo path (up to {@code taps} samples long) and subtracts
 * its estimate. It is a normalised LMS filter that learns on pre-emphasised signals: speech has most
 * of its energy low, and plain LMS then learns the high part of the path very slowly; tilting both
 * signals the same way leaves the path unchanged and makes it learn evenly.
 *
 * <p>Two copies of the filter keep a user talking over the coach from spoiling it: a background
 * filter learns all the time, and the foreground filter, which does the cancelling, takes its
 * coefficients only after a frame where they removed clearly more than its own. While the user
 * talks the background filter wanders and is not copied; if it wanders far, it is reset to the
 * foreground.
 *
 * <p>It also reports how much of the coach's voice is probably left in each frame
 * ({@link #residualEchoDb()}), so the listener can tell the coach's remains from a user's voice.
 */
public final class EchoCanceller {
    /** Pre-emphasis of the learning signals. */
    private static final double TILT = 0.9;
    /** The background filter is copied when its output is this much lower (energy ratio). */
    private static final double BETTER = 0.7;
    /** The residual tracker never claims more cancellation than this. */
    private static final double BEST_LEFT_DB = -35;
    /** Heard this much above the room's gain is someone talking. */
    private static final double DOUBLE_TALK_DB = 10;
    /** Step of the room gain tracker. */
    private static final double ROOM_STEP_DB = 0.2;
    /** Step of the residual tracker. */
    private static final double STEP_DB = 0.5;

    private final int taps;
    private final double mu;
    private final double[] front;
    private final double[] back;
    /** Played samples, twice over so that the last {@code taps} are always one contiguous run. */
    private final double[] ref;
    private final double[] tilted;
    private int pos;
    private double tiltedPower;
    private double lastPlayed;
    private double lastHeard;
    private double lastError;
    private int recentlyLoud;
    private int worse;
    private int better;
    private double leftDb;
    private double power;
    /** Heard level over played level while only the coach is heard: the room's gain, in dB. */
    private double roomDb;
    private double playedDb = -120;
    /** How far the output stays under the echo expected from the room's gain alone (nine frames in ten). */
    private double underRoomDb;
    /** The quiet level of the output: echo estimates near it teach the tracker nothing. */
    private double floorDb = -90;
    private double residualDb = Double.NEGATIVE_INFINITY;

    /**
     * @param taps longest echo path, in samples
     * @param mu adaptation step, 0..1
     */
    public EchoCanceller(int taps, double mu) {
        this.taps = taps;
        this.mu = mu;
        this.front = new double[taps];
        this.back = new double[taps];
        this.ref = new double[2 * taps];
        this.tilted = new double[2 * taps];
    }

    /** Processes one frame: {@code played} is what the coach output at the same sample times as {@code heard}. */
    public void process(short[] heard, short[] played, short[] out) {
        double frontEnergy = 0;
        double backEnergy = 0;
        double heardEnergy = 0;
        double echoEnergy = 0;
        double outEnergy = 0;
        boolean talk = doubleTalk(heard, played);
        double expectedDb = playedDb + roomDb;
        for (int i = 0; i < heard.length; i++) {
            double x = played == null ? 0 : played[i] / 32768.0;
            double xt = x - TILT * lastPlayed;
            lastPlayed = x;
            pos = pos == 0 ? taps - 1 : pos - 1;
            double oldTilted = tilted[pos];
            double old = ref[pos];
            ref[pos] = x;
            ref[pos + taps] = x;
            tilted[pos] = xt;
            tilted[pos + taps] = xt;
            tiltedPower = Math.max(0, tiltedPower + xt * xt - oldTilted * oldTilted);
            power = Math.max(0, power + x * x - old * old);
            recentlyLoud = x != 0 ? taps : Math.max(0, recentlyLoud - 1);
            double d = heard[i] / 32768.0;
            double dt = d - TILT * lastHeard;
            lastHeard = d;
            heardEnergy += dt * dt;
            double e = d;
            if (recentlyLoud > 0) {
                double yf = 0;
                double ybt = 0;
                for (int k = 0; k < taps; k++) {
                    yf += front[k] * ref[pos + k];
                    ybt += back[k] * tilted[pos + k];
                }
                e = d - yf;
                echoEnergy += yf * yf;
                // Both filters are compared on the tilted signals, where the background one learns.
                double et = e - TILT * lastError;
                frontEnergy += et * et;
                double ebt = dt - ybt;
                backEnergy += ebt * ebt;
                double step = talk ? 0 : mu * ebt / (1e-7 + tiltedPower);
                for (int k = 0; k < taps; k++) {
                    back[k] += step * tilted[pos + k];
                }
            }
            lastError = e;
            outEnergy += e * e;
            out[i] = Levels.toSample(e * 32768);
        }
        if (recentlyLoud > 0 && !talk) {
            choose(frontEnergy, backEnergy, heardEnergy);
        }
        track(echoEnergy / heard.length, outEnergy / heard.length, expectedDb);
    }

    /**
     * True when what is heard is louder than the coach's voice could be after the room: someone is
     * talking over it, and the filters must not learn from this frame. The room's gain is followed as
     * the median of heard level over played level; a frame 10 dB above that is double talk.
     */
    private boolean doubleTalk(short[] heard, short[] played) {
        double h = 0;
        double p = 0;
        for (int i = 0; i < heard.length; i++) {
            h += (double) heard[i] * heard[i];
            p += played == null ? 0 : (double) played[i] * played[i];
        }
        double heardDb = 10 * Math.log10(h / heard.length / (32768.0 * 32768.0) + 1e-12);
        // The loudest the echo can be: the played level over the echo path's length, including this frame.
        playedDb = 10 * Math.log10((power + p / (32768.0 * 32768.0)) / (taps + heard.length) + 1e-12);
        if (playedDb < -70) {
            return false;
        }
        double ratio = heardDb - playedDb;
        boolean talk = ratio > roomDb + DOUBLE_TALK_DB;
        if (!talk) {
            roomDb += ratio > roomDb ? ROOM_STEP_DB : -ROOM_STEP_DB;
        }
        return talk;
    }

    /**
     * Copies the background filter forward after frames where it removed clearly more than the
     * foreground and took at least 3 dB off what was heard (a user's voice can't be removed, so frames
     * where someone talks over the coach don't qualify); resets it when it has wandered off.
     */
    private void choose(double frontEnergy, double backEnergy, double heardEnergy) {
        if (backEnergy < BETTER * frontEnergy && backEnergy < 0.5 * heardEnergy) {
            if (++better >= 2) {
                System.arraycopy(back, 0, front, 0, taps);
            }
            worse = 0;
            return;
        }
        better = 0;
        if (backEnergy > 4 * frontEnergy && backEnergy > heardEnergy) {
            if (++worse >= 20) {
                System.arraycopy(front, 0, back, 0, taps);
                worse = 0;
            }
        } else {
            worse = 0;
        }
    }

    /**
     * The level (dBFS) of the coach's own voice probably left in the last frame after cancelling: the
     * echo estimate less what the filter is known to remove. Sound well above it is someone else.
     * Negative infinity while nothing is being played.
     */
    public double residualEchoDb() {
        return residualDb;
    }

    /**
     * Follows how much echo is left after cancelling, two ways, and keeps the larger: against the
     * filter's echo estimate (exact in time once the filter has learned the room) and against the
     * echo the room's gain alone would send back (right before it has). Each is the level the
     * output stays under nine frames in ten (a quantile tracker, half a dB a step); frames far above
     * are someone talking over the coach and don't move it.
     */
    private void track(double echoEnergy, double outEnergy, double expectedDb) {
        if (recentlyLoud == 0) {
            residualDb = Double.NEGATIVE_INFINITY;
            return;
        }
        double echoDb = 10 * Math.log10(echoEnergy + 1e-12);
        double outDb = 10 * Math.log10(outEnergy + 1e-12);
        floorDb = Levels.followFloor(floorDb, outDb);
        if (echoDb >= floorDb + 10) {
            leftDb = quantile(leftDb, outDb - echoDb);
        }
        if (expectedDb >= floorDb + 10) {
            underRoomDb = quantile(underRoomDb, outDb - expectedDb);
        }
        residualDb = Math.max(echoDb + leftDb, expectedDb + underRoomDb);
    }

    private static double quantile(double q, double x) {
        if (x >= q + 15) {
            return q;
        }
        q += x > q ? 0.9 * STEP_DB : -0.1 * STEP_DB;
        return Math.max(BEST_LEFT_DB, Math.min(10, q));
    }
}
