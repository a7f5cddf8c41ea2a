package org.handsfree.coach.listen;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What commands heard in use taught about the user's voice: for each Gaussian their aligned frames
 * reached, its occupancy and the occupancy-weighted sum of the frames it explained; for each tied
 * state's stream, the occupancy of each of its Gaussians (for the mixture weights). Sparse: a command
 * reaches a few hundred of the model's Gaussians. Numbers only, never audio.
 */
public final class LearnedStats implements AlignedFrames {
    private final int streams;
    private final int dim;
    private final int perStream;
    /** By Gaussian: the sums of its features, then its occupancy (index {@code dim}). */
    private final Map<Integer, double[]> gaussians = new TreeMap<>();
    /** By {@code senone * streams + stream}: each Gaussian's occupancy. */
    private final Map<Integer, double[]> weights = new TreeMap<>();
    private long frames;
    private int stretches;
    private int sessions;

    LearnedStats(int streams, int dim, int perStream) {
        this.streams = streams;
        this.dim = dim;
        this.perStream = perStream;
    }

    @Override
    public void countFrame() {
        frames++;
    }

    @Override
    public void add(int gaussian, double posterior, float[] feature, int offset) {
        double[] g = gaussians.computeIfAbsent(gaussian, k -> new double[dim + 1]);
        for (int k = 0; k < dim; k++) {
            g[k] += posterior * feature[offset + k];
        }
        g[dim] += posterior;
    }

    @Override
    public void addWeight(int senone, int stream, int g, double posterior) {
        weights.computeIfAbsent(senone * streams + stream, k -> new double[perStream])[g] += posterior;
    }

    /** Counts one more command (stretch) learned from. */
    void countStretch() {
        stretches++;
    }

    /** Adds {@code other}'s statistics, frames, commands and sessions to these. */
    public void addAll(LearnedStats other) {
        if (other.dim != dim || other.perStream != perStream || other.streams != streams) {
            throw new IllegalArgumentException("statistics of another model's shape");
        }
        other.gaussians.forEach((i, g) -> {
            double[] mine = gaussians.computeIfAbsent(i, k -> new double[dim + 1]);
            for (int k = 0; k <= dim; k++) {
                mine[k] += g[k];
            }
        });
        other.weights.forEach((i, w) -> {
            double[] mine = weights.computeIfAbsent(i, k -> new double[perStream]);
            for (int g = 0; g < perStream; g++) {
                mine[g] += w[g];
            }
        });
        frames += other.frames;
        stretches += other.stretches;
        sessions += other.sessions;
    }

    /**
     * Keeps what was learned from outweighing the enrolment for good: a Gaussian (or a tied state) with more
     * than {@code cap} frames has its statistics scaled down to {@code cap} frames, the older and the newer
     * alike, so one long session of misheard commands can move the model only so far.
     */
    void cap(double cap) {
        gaussians.values().forEach(g -> {
            if (g[dim] > cap) {
                double f = cap / g[dim];
                for (int k = 0; k <= dim; k++) {
                    g[k] *= f;
                }
            }
        });
        weights.values().forEach(w -> {
            double n = Arrays.stream(w).sum();
            if (n > cap) {
                for (int g = 0; g < w.length; g++) {
                    w[g] *= cap / n;
                }
            }
        });
    }

    /** A copy. */
    public LearnedStats copy() {
        LearnedStats c = new LearnedStats(streams, dim, perStream);
        c.addAll(this);
        return c;
    }

    /** A copy, with one more session counted. */
    LearnedStats plusSession() {
        LearnedStats c = new LearnedStats(streams, dim, perStream);
        c.addAll(this);
        c.sessions++;
        return c;
    }

    /** How many 10 ms frames of commands were learned from, all told (before any cap). */
    public long frames() {
        return frames;
    }

    /** How many commands were learned from. */
    public int stretches() {
        return stretches;
    }

    /** How many coaching sessions added to these. */
    public int sessions() {
        return sessions;
    }

    int streams() {
        return streams;
    }

    int dim() {
        return dim;
    }

    int perStream() {
        return perStream;
    }

    Map<Integer, double[]> gaussians() {
        return gaussians;
    }

    Map<Integer, double[]> weightCounts() {
        return weights;
    }

    /** Restores counters read from a file. */
    void setCounts(long frames, int stretches, int sessions) {
        this.frames = frames;
        this.stretches = stretches;
        this.sessions = sessions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnedStats l && l.dim == dim && l.perStream == perStream && l.streams == streams
                && l.frames == frames && l.stretches == stretches && l.sessions == sessions && same(l.gaussians, gaussians)
                && same(l.weights, weights);
    }

    private static boolean same(Map<Integer, double[]> a, Map<Integer, double[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    @Override
    public int hashCode() {
        return Long.hashCode(frames) * 31 + gaussians.size();
    }
}
