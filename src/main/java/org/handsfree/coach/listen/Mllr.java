package org.handsfree.coach.listen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Maximum-likelihood linear regression of the acoustic model's Gaussian means (Leggetter and
 * Woodland, 1995): one affine transform per feature stream, {@code mean' = A mean + b}, chosen to
 * make adaptation audio most likely. It moves the whole model towards a voice or a channel from
 * a few minutes of audio, because every Gaussian of a stream shares the one transform.
 *
 * <p>The model's Gaussians are numbered as Sphinx4's pool holds them: a phone's codebook, then
 * its stream, then the Gaussian ({@code (codebook * streams + stream) * perStream + g}). Only
 * the statistics that the estimate needs are kept: for each Gaussian its occupancy and the
 * occupancy-weighted sum of the features it explained.
 */
public final class Mllr implements AlignedFrames {
    private final int streams;
    private final int dim;
    private final int perStream;
    private final double[] occupancy;
    private final double[][] sums;
    private long frames;
    /** Per tied state and stream (key {@code senone * streams + stream}): each Gaussian's occupancy, for mixture weights. */
    private final java.util.Map<Integer, double[]> weightCounts = new java.util.HashMap<>();

    /**
     * @param gaussians how many Gaussians the model has
     * @param streams feature streams (each Gaussian belongs to one)
     * @param dim the length of one stream's vector
     * @param perStream Gaussians per codebook and stream
     */
    Mllr(int gaussians, int streams, int dim, int perStream) {
        this.streams = streams;
        this.dim = dim;
        this.perStream = perStream;
        this.occupancy = new double[gaussians];
        this.sums = new double[gaussians][dim];
    }

    int streamOf(int gaussian) {
        return (gaussian / perStream) % streams;
    }

    /** One frame's share for a Gaussian: its posterior and the frame's vector of the Gaussian's stream. */
    @Override
    public void add(int gaussian, double posterior, float[] feature, int offset) {
        occupancy[gaussian] += posterior;
        double[] s = sums[gaussian];
        for (int k = 0; k < dim; k++) {
            s[k] += posterior * feature[offset + k];
        }
    }

    /** One frame's share for a Gaussian in the mixture of a tied state: for adapting mixture weights. */
    @Override
    public void addWeight(int senone, int stream, int g, double posterior) {
        weightCounts.computeIfAbsent(senone * streams + stream, k -> new double[perStream])[g] += posterior;
    }

    /** Occupancy of each Gaussian (by pool index), for MAP estimates. */
    double occupancy(int gaussian) {
        return occupancy[gaussian];
    }

    /** The occupancy-weighted sum of the features a Gaussian explained. */
    double[] sum(int gaussian) {
        return sums[gaussian];
    }

    int gaussians() {
        return occupancy.length;
    }

    /** Occupancies by tied state and stream ({@code senone * streams + stream}). */
    java.util.Map<Integer, double[]> weightCounts() {
        return weightCounts;
    }

    @Override
    public void countFrame() {
        frames++;
    }

    public long frames() {
        return frames;
    }

    /** How much of each stream's transform is free. */
    public enum Form {
        /** A full matrix and an offset: each feature from all the stream's features. */
        FULL,
        /** A scale and an offset for each feature. */
        DIAGONAL,
        /** An offset for each feature only. */
        OFFSET
    }

    /**
     * The transforms that make the statistics most likely, one {@code dim x (dim + 1)} matrix per
     * stream (the last column is the offset). Each row's free entries are pulled towards the
     * identity with a weight of {@code prior} times the row's precision-weighted occupancy, so
     * scarce audio moves the model little.
     *
     * @param means the model's means, by Gaussian
     * @param variances the model's variances, by Gaussian
     */
    double[][][] estimate(float[][] means, float[][] variances, double prior, Form form) {
        double[][][] w = identity(streams, dim);
        for (int s = 0; s < streams; s++) {
            for (int k = 0; k < dim; k++) {
                // The row's free entries: columns of the extended mean [mean, 1].
                int[] free = switch (form) {
                    case FULL -> IntStream.rangeClosed(0, dim).toArray();
                    case DIAGONAL -> new int[] {k, dim};
                    case OFFSET -> new int[] {dim};
                };
                int n = free.length;
                double[][] g = new double[n][n];
                double[] z = new double[n];
                double[] xi = new double[n];
                double weight = 0;
                for (int i = 0; i < occupancy.length; i++) {
                    if (streamOf(i) != s || occupancy[i] <= 0) {
                        continue;
                    }
                    double precision = 1.0 / Math.max(variances[i][k], 1e-4);
                    for (int p = 0; p < n; p++) {
                        xi[p] = free[p] == dim ? 1 : means[i][free[p]];
                    }
                    double c = occupancy[i] * precision;
                    // With an offset only, the scale stays 1: what the offset explains is the rest.
                    double x = (sums[i][k] - (form == Form.OFFSET ? occupancy[i] * means[i][k] : 0)) * precision;
                    weight += c;
                    for (int p = 0; p < n; p++) {
                        z[p] += x * xi[p];
                        for (int q = 0; q < n; q++) {
                            g[p][q] += c * xi[p] * xi[q];
                        }
                    }
                }
                double tau = Math.max(prior * weight, 1e-9);
                for (int p = 0; p < n; p++) {
                    g[p][p] += tau;
                    z[p] += tau * w[s][k][free[p]];
                }
                double[] row = solve(g, z);
                for (int p = 0; p < n; p++) {
                    w[s][k][free[p]] = row[p];
                }
            }
        }
        return w;
    }

    /** The identity transform: the model as it is. */
    static double[][][] identity(int streams, int dim) {
        double[][][] w = new double[streams][dim][dim + 1];
        for (double[][] ws : w) {
            for (int k = 0; k < dim; k++) {
                ws[k][k] = 1;
            }
        }
        return w;
    }

    /** Writes {@code transform} into {@code into}: each Gaussian's mean from its original. */
    static void apply(double[][][] transform, float[][] original, float[][] into, int streams, int perStream) {
        for (int i = 0; i < original.length; i++) {
            double[][] w = transform[(i / perStream) % streams];
            float[] m = original[i];
            for (int k = 0; k < w.length; k++) {
                double[] row = w[k];
                double v = row[m.length];
                for (int d = 0; d < m.length; d++) {
                    v += row[d] * m[d];
                }
                into[i][k] = (float) v;
            }
        }
    }

    /** Gaussian elimination with partial pivoting; {@code a} and {@code b} are overwritten. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new ArithmeticException("singular system");
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            double tb = b[col];
            b[col] = b[pivot];
            b[pivot] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int c = col; c < n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                    b[r] -= f * b[col];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = b[r];
            for (int c = r + 1; c < n; c++) {
                v -= a[r][c] * x[c];
            }
            x[r] = v / a[r][r];
        }
        return x;
    }

    /** Text form: a header line "mllr STREAMS DIM", then one row per line, stream after stream. */
    public static void write(double[][][] transform, PrintWriter out) {
        out.printf(Locale.ROOT, "mllr %d %d%n", transform.length, transform[0].length);
        for (double[][] stream : transform) {
            for (double[] row : stream) {
                StringBuilder line = new StringBuilder();
                for (double v : row) {
                    line.append(line.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.7g", v));
                }
                out.println(line);
            }
        }
    }

    /** Reads what {@link #write} wrote; a malformed file is an {@link IOException} saying where. */
    public static double[][][] read(Reader reader, String name) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        String[] h = header == null ? new String[0] : header.trim().split("\\s+");
        if (h.length != 3 || !h[0].equals("mllr")) {
            throw new IOException(name + ": line 1: expected 'mllr STREAMS DIM'");
        }
        int streams;
        int dim;
        try {
            streams = Integer.parseInt(h[1]);
            dim = Integer.parseInt(h[2]);
        } catch (NumberFormatException e) {
            throw new IOException(name + ": line 1: expected 'mllr STREAMS DIM'");
        }
        double[][][] w = new double[streams][dim][];
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
        }
        if (lines.size() < streams * dim) {
            throw new IOException(name + ": " + streams * dim + " rows expected, " + lines.size() + " found");
        }
        for (int r = 0; r < streams * dim; r++) {
            String[] f = lines.get(r).trim().split("\\s+");
            if (f.length != dim + 1) {
                throw new IOException(name + ": line " + (r + 2) + ": " + (dim + 1) + " numbers expected");
            }
            double[] row = new double[dim + 1];
            try {
                for (int c = 0; c <= dim; c++) {
                    row[c] = Double.parseDouble(f[c]);
                }
            } catch (NumberFormatException e) {
                throw new IOException(name + ": line " + (r + 2) + ": not a number");
            }
            w[r / dim][r % dim] = row;
        }
        return w;
    }
}
