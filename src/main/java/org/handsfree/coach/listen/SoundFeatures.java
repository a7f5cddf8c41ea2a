package org.handsfree.coach.listen;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stretch of sound is like, apart from its words: how long, how far above the room, how
 * noise-like (spectral flatness), and how it is voiced. Music, tones and a baby's cry have long
 * runs of steady pitch; noise is flat; commands are short speech with a moving pitch.
 *
 * @param voicedSeconds length of the loud part
 * @param snrDb loud frames (90th percentile) over the noise floor
 * @param flatness mean spectral flatness of the loud frames, 0 (tonal) to 1 (white noise)
 * @param voicedFraction share of loud frames with a clear pitch
 * @param pitchSteadiness median change of pitch between voiced frames, in semitones (small = steady)
 * @param longestVoicedSeconds longest unbroken run of voiced frames
 * @param meanPitchHz mean pitch of the voiced frames, or 0
 * @param highBandDb power of the loud frames from 4.3 to 7.5 kHz against 300 Hz to 3.4 kHz: about -50 dB
 *     or less for audio that came through an 8 kHz channel (a telephone, a Bluetooth headset), -40 to
 *     0 dB for wideband speech
 * @param pitchJumps share of steps between voiced frames larger than {@value #JUMP_SEMITONES} semitones: a
 *     hoarse cry breaks and jumps (and its subharmonics make the tracker jump an octave); speech glides
 * @param highPitchFraction share of the voiced frames pitched above {@value #HIGH_PITCH_HZ} Hz, where adult
 *     speech rarely goes and a baby's cry mostly is
 * @param harmonicity mean normalised autocorrelation at the pitch of the voiced frames (0.7 to 1): lower for a
 *     hoarse, rough voice
 * @param quietBeforeSeconds quiet since the stream's previous stretch of sound ended, up to
 *     {@value #MAX_QUIET_BEFORE} s (also when there was none): a command stands alone, conversation runs on
 */
public record SoundFeatures(double voicedSeconds, double snrDb, double flatness, double voicedFraction,
                     double pitchSteadiness, double longestVoicedSeconds, double meanPitchHz, double highBandDb,
                     double pitchJumps, double highPitchFraction, double harmonicity, double quietBeforeSeconds) {

    static final double JUMP_SEMITONES = 3;
    static final double HIGH_PITCH_HZ = 320;
    static final double MAX_QUIET_BEFORE = 2;

    /** The measurements of the older form, with no pitch jumps, no high pitch, perfect harmonicity, alone. */
    public SoundFeatures(double voicedSeconds, double snrDb, double flatness, double voicedFraction,
                         double pitchSteadiness, double longestVoicedSeconds, double meanPitchHz, double highBandDb) {
        this(voicedSeconds, snrDb, flatness, voicedFraction, pitchSteadiness, longestVoicedSeconds, meanPitchHz,
                highBandDb, 0, 0, 1, MAX_QUIET_BEFORE);
    }

    /** The same, with the quiet before the stretch ({@code seconds}, capped). */
    SoundFeatures withQuietBefore(double seconds) {
        return new SoundFeatures(voicedSeconds, snrDb, flatness, voicedFraction, pitchSteadiness,
                longestVoicedSeconds, meanPitchHz, highBandDb, pitchJumps, highPitchFraction, harmonicity,
                Math.min(MAX_QUIET_BEFORE, Math.max(0, seconds)));
    }

    /** The same, with the level over the floor {@code db}. */
    SoundFeatures withSnrDb(double db) {
        return new SoundFeatures(voicedSeconds, db, flatness, voicedFraction, pitchSteadiness,
                longestVoicedSeconds, meanPitchHz, highBandDb, pitchJumps, highPitchFraction, harmonicity,
                quietBeforeSeconds);
    }

    private static final int RATE = 16_000;
    private static final int HOP = 160;
    private static final int FFT = 512;
    private static final int MIN_LAG = RATE / 600;
    private static final int MAX_LAG = RATE / 70;

    /** Energy of one frame in dBFS. */
    static double energyDb(short[] pcm, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n && i < pcm.length; i++) {
            double x = pcm[i] / 32768.0;
            sum += x * x;
        }
        return 10 * Math.log10(sum / n + 1e-12);
    }

    /** Measures the loud part {@code [fromFrame, toFrame]} of {@code pcm}, given the room's floor. */
    static SoundFeatures measure(short[] pcm, int fromFrame, int toFrame, double floorDb) {
        List<Double> energies = new ArrayList<>();
        double flatSum = 0;
        int flatN = 0;
        int loud = 0;
        int voiced = 0;
        int run = 0;
        int longestRun = 0;
        double pitchSum = 0;
        int high = 0;
        double harmonicSum = 0;
        double[] corr = new double[1];
        List<Double> steps = new ArrayList<>();
        double lastPitch = 0;
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        double speechBand = 0;
        double highBand = 0;
        for (int f = fromFrame; f <= toFrame; f++) {
            int at = f * HOP;
            if (at + HOP > pcm.length) {
                break;
            }
            double e = energyDb(pcm, at, HOP);
            energies.add(e);
            if (e < floorDb + 10) {
                run = 0;
                lastPitch = 0;
                continue;
            }
            loud++;
            flatSum += flatness(pcm, at, re, im);
            flatN++;
            // flatness() leaves the frame's spectrum in re and im.
            speechBand += power(re, im, 300, 3400);
            highBand += power(re, im, 4300, 7500);
            double pitch = pitch(pcm, at, corr);
            if (pitch > 0) {
                voiced++;
                harmonicSum += corr[0];
                high += pitch > HIGH_PITCH_HZ ? 1 : 0;
                run++;
                longestRun = Math.max(longestRun, run);
                pitchSum += pitch;
                if (lastPitch > 0) {
                    steps.add(Math.abs(12 * Math.log(pitch / lastPitch) / Math.log(2)));
                }
                lastPitch = pitch;
            } else {
                run = 0;
                lastPitch = 0;
            }
        }
        double[] sorted = energies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p90 = sorted.length == 0 ? floorDb : sorted[(int) Math.floor(0.9 * (sorted.length - 1))];
        double[] st = steps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double steadiness = st.length == 0 ? 12 : st[st.length / 2];
        int jumps = 0;
        for (double step : st) {
            jumps += step > JUMP_SEMITONES ? 1 : 0;
        }
        return new SoundFeatures((toFrame - fromFrame + 1) * HOP / (double) RATE, p90 - floorDb,
                flatN == 0 ? 1 : flatSum / flatN, loud == 0 ? 0 : voiced / (double) loud, steadiness,
                longestRun * HOP / (double) RATE, voiced == 0 ? 0 : pitchSum / voiced,
                10 * Math.log10((highBand + 1e-20) / (speechBand + 1e-20)),
                st.length == 0 ? 0 : jumps / (double) st.length, voiced == 0 ? 0 : high / (double) voiced,
                voiced == 0 ? 0 : harmonicSum / voiced, MAX_QUIET_BEFORE);
    }

    /** Power of a spectrum from {@code fromHz} to {@code toHz}. */
    private static double power(double[] re, double[] im, int fromHz, int toHz) {
        double sum = 0;
        for (int b = fromHz * FFT / RATE; b <= toHz * FFT / RATE; b++) {
            sum += re[b] * re[b] + im[b] * im[b];
        }
        return sum;
    }

    /** Spectral flatness from 250 Hz to 4 kHz of a Hann-windowed 32 ms frame. */
    private static double flatness(short[] pcm, int at, double[] re, double[] im) {
        int start = Math.max(0, at + HOP / 2 - FFT / 2);
        for (int i = 0; i < FFT; i++) {
            int k = start + i;
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (FFT - 1));
            re[i] = k < pcm.length ? pcm[k] / 32768.0 * w : 0;
            im[i] = 0;
        }
        fft(re, im);
        int lo = 250 * FFT / RATE;
        int hi = 4000 * FFT / RATE;
        double logSum = 0;
        double sum = 0;
        for (int b = lo; b <= hi; b++) {
            double p = re[b] * re[b] + im[b] * im[b] + 1e-12;
            logSum += Math.log(p);
            sum += p;
        }
        int n = hi - lo + 1;
        return Math.exp(logSum / n) / (sum / n);
    }

    /**
     * Pitch by normalised autocorrelation over a 40 ms window; 0 when unvoiced. The correlation at the
     * pitch goes into {@code corr[0]}.
     */
    private static double pitch(short[] pcm, int at, double[] corr) {
        corr[0] = 0;
        int len = 640;
        int start = Math.max(0, at + HOP / 2 - len / 2);
        if (start + len + MAX_LAG > pcm.length) {
            start = Math.max(0, pcm.length - len - MAX_LAG);
        }
        if (start + len + MAX_LAG > pcm.length) {
            return 0;
        }
        // The window and everything a lag can reach, as doubles, with running sums of squares: the
        // energy of each lagged window is a difference of two sums instead of a loop.
        int span = len + MAX_LAG;
        double[] x = new double[span];
        double[] squares = new double[span + 1];
        for (int i = 0; i < span; i++) {
            x[i] = pcm[start + i];
            squares[i + 1] = squares[i] + x[i] * x[i];
        }
        // Coarse to fine: every lag at half the rate (a quarter of the work; 8 kHz is plenty for a voice's
        // pitch), then the full-rate lags around its peaks.
        int half = span / 2;
        double[] y = new double[half];
        double[] ySquares = new double[half + 1];
        for (int i = 0; i < half; i++) {
            double prev = 2 * i > 0 ? x[2 * i - 1] : x[0];
            y[i] = 0.25 * prev + 0.5 * x[2 * i] + 0.25 * x[2 * i + 1];
            ySquares[i + 1] = ySquares[i] + y[i] * y[i];
        }
        int coarseFrom = (MIN_LAG + 1) / 2;
        int coarseTo = MAX_LAG / 2;
        double[] r = new double[coarseTo - coarseFrom + 1];
        for (int lag = coarseFrom; lag <= coarseTo; lag++) {
            r[lag - coarseFrom] = correlation(y, ySquares, len / 2, lag);
        }
        // The best lag at full rate is near one of the high peaks at half rate, but not always the highest: a
        // voice correlates nearly as well at two or three periods as at one, and at half rate the lag of one
        // short period is coarse. So every peak within 80% of the highest is refined at full rate.
        int lag = -1;
        double best = 0;
        for (int candidate : highPeaks(r)) {
            int centre = 2 * (coarseFrom + candidate);
            for (int fine = Math.max(MIN_LAG, centre - 2); fine <= Math.min(MAX_LAG, centre + 2); fine++) {
                double c = correlation(x, squares, len, fine);
                if (c > best) {
                    best = c;
                    lag = fine;
                }
            }
        }
        // A maximum at either end of the lag range is no pitch: low-passed noise (a rumble, brown noise, the
        // hiss of an /s/) correlates best at the shortest lag and falls from there.
        boolean peak = lag > MIN_LAG && lag < MAX_LAG;
        corr[0] = best;
        return best > 0.7 && peak ? RATE / (double) lag : 0;
    }

    /** Indexes of the local maxima of {@code r} (either end counts) that reach 80% of the highest. */
    private static List<Integer> highPeaks(double[] r) {
        List<Integer> peaks = new ArrayList<>();
        double max = 0;
        for (double v : r) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < r.length; i++) {
            boolean peak = (i == 0 || r[i] >= r[i - 1]) && (i == r.length - 1 || r[i] > r[i + 1]);
            if (peak && r[i] >= 0.8 * max) {
                peaks.add(i);
            }
        }
        return peaks;
    }

    private static double correlation(double[] x, double[] squares, int len, int lag) {
        double c = 0;
        for (int i = 0; i < len; i++) {
            c += x[i] * x[i + lag];
        }
        return c / Math.sqrt(squares[len] * (squares[lag + len] - squares[lag]) + 1e-9);
    }

    /** In-place radix-2 FFT. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int j = 0; j < len / 2; j++) {
                    int a = i + j;
                    int b = a + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "dur=%.2f snr=%.1f flat=%.3f voiced=%.2f steady=%.2f run=%.2f f0=%.0f jumps=%.2f high=%.2f harm=%.2f "
                + "alone=%.2f", voicedSeconds, snrDb, flatness, voicedFraction, pitchSteadiness, longestVoicedSeconds,
                meanPitchHz, pitchJumps, highPitchFraction, harmonicity, quietBeforeSeconds);
    }
}
