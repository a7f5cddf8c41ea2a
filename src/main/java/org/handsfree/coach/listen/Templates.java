package org.handsfree.coach.listen;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user's own takes as templates: for each enrolled phrase's intent, the front end's features of each take's
 * speech (numbers, never audio: the decoder's mean-normalised cepstra and their deltas, one vector per 10 ms).
 * A stretch is compared with each template by dynamic time warping, a weighted Euclidean distance between frames
 * (each feature divided by its spread over all the templates), along the cheapest monotone path, divided by the
 * two lengths together. The nearest template of each intent is that intent's distance.
 */
public final class Templates {
    /** A take's speech shorter than this (frames) makes no template. */
    static final int MIN_FRAMES = 8;
    /** Templates whose length differs from the stretch's by more than this factor are not compared. */
    static final double MAX_STRETCH = 2.5;

    private final Map<String, List<float[][]>> byIntent;
    /** Per feature: 1 / its variance over every template frame (computed once). */
    private double[] weights;

    public Templates(Map<String, List<float[][]>> byIntent) {
        this.byIntent = new TreeMap<>(byIntent);
    }

    /** None. */
    public static Templates none() {
        return new Templates(Map.of());
    }

    public Map<String, List<float[][]>> byIntent() {
        return byIntent;
    }

    public boolean isEmpty() {
        return byIntent.isEmpty();
    }

    /** How many templates in all. */
    public int count() {
        return byIntent.values().stream().mapToInt(List::size).sum();
    }

    /** These templates and one more of {@code intent}. */
    Templates plus(String intent, float[][] template) {
        Map<String, List<float[][]>> m = new TreeMap<>();
        byIntent.forEach((k, v) -> m.put(k, new ArrayList<>(v)));
        m.computeIfAbsent(intent, k -> new ArrayList<>()).add(template);
        return new Templates(m);
    }

    /**
     * The distance of {@code stretch} (frames of features) to each intent of {@code intents} that has templates
     * (null: every intent), nearest first; an intent none of whose templates could be compared is left out.
     */
    public Map<String, Double> distances(float[][] stretch, Collection<String> intents) {
        Map<String, Double> d = new TreeMap<>();
        if (stretch.length < MIN_FRAMES) {
            return d;
        }
        double[] w = weights();
        byIntent.forEach((intent, list) -> {
            if (intents != null && !intents.contains(intent)) {
                return;
            }
            double best = Double.POSITIVE_INFINITY;
            for (float[][] t : list) {
                best = Math.min(best, dtw(stretch, t, w));
            }
            if (Double.isFinite(best)) {
                d.put(intent, best);
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        d.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private synchronized double[] weights() {
        if (weights == null) {
            int dim = byIntent.values().stream().flatMap(List::stream).filter(t -> t.length > 0).mapToInt(t -> t[0].length)
                    .findFirst().orElse(0);
            double[] sum = new double[dim];
            double[] sq = new double[dim];
            long n = 0;
            for (List<float[][]> list : byIntent.values()) {
                for (float[][] t : list) {
                    for (float[] f : t) {
                        for (int k = 0; k < dim && k < f.length; k++) {
                            sum[k] += f[k];
                            sq[k] += f[k] * (double) f[k];
                        }
                        n++;
                    }
                }
            }
            double[] w = new double[dim];
            for (int k = 0; k < dim; k++) {
                double var = n > 1 ? sq[k] / n - (sum[k] / n) * (sum[k] / n) : 1;
                w[k] = 1 / Math.max(var, 1e-6);
            }
            weights = w;
        }
        return weights;
    }

    /**
     * Dynamic time warping of {@code a} against {@code b}: each step moves one frame in either or both (a diagonal
     * step counts its frame distance twice, so every path's weights add up to the two lengths together); the
     * cheapest path's cost over the two lengths together. Infinite when the lengths differ by more than
     * {@link #MAX_STRETCH}.
     */
    static double dtw(float[][] a, float[][] b, double[] w) {
        int n = a.length;
        int m = b.length;
        if (n == 0 || m == 0 || n > MAX_STRETCH * m || m > MAX_STRETCH * n) {
            return Double.POSITIVE_INFINITY;
        }
        double[] prev = new double[m];
        double[] cur = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double d = frame(a[i], b[j], w);
                double c;
                if (i == 0 && j == 0) {
                    c = 2 * d;
                } else {
                    c = Double.POSITIVE_INFINITY;
                    if (i > 0) {
                        c = prev[j] + d;
                    }
                    if (j > 0) {
                        c = Math.min(c, cur[j - 1] + d);
                    }
                    if (i > 0 && j > 0) {
                        c = Math.min(c, prev[j - 1] + 2 * d);
                    }
                }
                cur[j] = c;
            }
            double[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m - 1] / (n + m);
    }

    private static double frame(float[] x, float[] y, double[] w) {
        double s = 0;
        int dim = Math.min(w.length, Math.min(x.length, y.length));
        for (int k = 0; k < dim; k++) {
            double d = x[k] - y[k];
            s += w[k] * d * d;
        }
        return Math.sqrt(s);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(byIntent.size());
        for (Map.Entry<String, List<float[][]>> e : byIntent.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (float[][] t : e.getValue()) {
                // Each feature as 16 bits, scaled by its largest magnitude in the template (half the bytes of floats,
                // and a step far below the spread DTW weighs it by).
                int dim = t.length == 0 ? 0 : t[0].length;
                out.writeInt(t.length);
                out.writeInt(dim);
                float[] scale = new float[dim];
                for (float[] f : t) {
                    for (int k = 0; k < dim; k++) {
                        scale[k] = Math.max(scale[k], Math.abs(f[k]) / Short.MAX_VALUE);
                    }
                }
                for (float v : scale) {
                    out.writeFloat(v);
                }
                for (float[] f : t) {
                    for (int k = 0; k < dim; k++) {
                        out.writeShort(scale[k] == 0 ? 0 : Math.round(f[k] / scale[k]));
                    }
                }
            }
        }
    }

    static Templates read(DataInputStream in, Path file) throws IOException {
        int intents = in.readInt();
        check(file, intents >= 0 && intents < 10_000);
        Map<String, List<float[][]>> m = new TreeMap<>();
        for (int i = 0; i < intents; i++) {
            String intent = in.readUTF();
            int count = in.readInt();
            check(file, count >= 0 && count < 10_000);
            List<float[][]> list = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                int frames = in.readInt();
                int dim = in.readInt();
                check(file, frames >= 0 && frames < 100_000 && dim > 0 && dim < 1024);
                float[] scale = new float[dim];
                for (int k = 0; k < dim; k++) {
                    scale[k] = in.readFloat();
                    check(file, Float.isFinite(scale[k]) && scale[k] >= 0);
                }
                float[][] t = new float[frames][dim];
                for (float[] f : t) {
                    for (int k = 0; k < dim; k++) {
                        f[k] = in.readShort() * scale[k];
                    }
                }
                list.add(t);
            }
            m.put(intent, list);
        }
        return new Templates(m);
    }

    private static void check(Path file, boolean ok) throws IOException {
        if (!ok) {
            throw new IOException(file + ": the voice profile is damaged (a template is out of range)");
        }
    }

    /** These templates as a profile file holds them (each feature to 16 bits). */
    Templates asStored() {
        try {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            write(new DataOutputStream(b));
            return read(new DataInputStream(new java.io.ByteArrayInputStream(b.toByteArray())), Path.of("templates"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Templates t) || !t.byIntent.keySet().equals(byIntent.keySet())) {
            return false;
        }
        for (String k : byIntent.keySet()) {
            List<float[][]> a = byIntent.get(k);
            List<float[][]> b = t.byIntent.get(k);
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!java.util.Arrays.deepEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return byIntent.keySet().hashCode();
    }

    /** One line for people. */
    public String describe() {
        return String.format(Locale.ROOT, "%d templates of %d phrases", count(), byIntent.size());
    }
}
