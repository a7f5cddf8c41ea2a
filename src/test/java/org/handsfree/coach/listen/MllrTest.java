package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The MLLR estimate on statistics made from a known transform, and the transform's file. */
final class MllrTest {
    private static final int STREAMS = 2;
    private static final int DIM = 3;
    private static final int PER_STREAM = 6;
    private static final int GAUSSIANS = 4 * STREAMS * PER_STREAM;

    private final Random random = new Random(7);
    private final float[][] means = new float[GAUSSIANS][DIM];
    private final float[][] variances = new float[GAUSSIANS][DIM];

    MllrTest() {
        for (int i = 0; i < GAUSSIANS; i++) {
            for (int d = 0; d < DIM; d++) {
                means[i][d] = (float) (random.nextGaussian() * 3);
                variances[i][d] = (float) (0.2 + random.nextDouble());
            }
        }
    }

    /** Statistics of audio whose every frame is exactly its Gaussian's mean moved by {@code truth}. */
    private Mllr statsFrom(double[][][] truth) {
        Mllr stats = new Mllr(GAUSSIANS, STREAMS, DIM, PER_STREAM);
        float[][] moved = new float[GAUSSIANS][DIM];
        Mllr.apply(truth, means, moved, STREAMS, PER_STREAM);
        for (int i = 0; i < GAUSSIANS; i++) {
            int s = stats.streamOf(i);
            float[] frame = new float[STREAMS * DIM];
            System.arraycopy(moved[i], 0, frame, s * DIM, DIM);
            for (int n = 0; n < 5; n++) {
                stats.add(i, 0.2 + random.nextDouble(), frame, s * DIM);
            }
        }
        return stats;
    }

    private double[][][] randomTransform(boolean diagonal, boolean scale) {
        double[][][] w = Mllr.identity(STREAMS, DIM);
        for (double[][] stream : w) {
            for (int k = 0; k < DIM; k++) {
                for (int d = 0; d < DIM; d++) {
                    if (scale && (d == k || !diagonal)) {
                        stream[k][d] = (d == k ? 1 : 0) + random.nextGaussian() * 0.3;
                    }
                }
                stream[k][DIM] = random.nextGaussian() * 2;
            }
        }
        return w;
    }

    private static void assertClose(double[][][] expected, double[][][] actual, double tolerance) {
        for (int s = 0; s < expected.length; s++) {
            for (int k = 0; k < expected[s].length; k++) {
                for (int c = 0; c < expected[s][k].length; c++) {
                    assertEquals(expected[s][k][c], actual[s][k][c], tolerance, "stream " + s + " row " + k + " col " + c);
                }
            }
        }
    }

    @Test
    void aFullTransformIsRecoveredFromAudioItMade() {
        double[][][] truth = randomTransform(false, true);
        assertClose(truth, statsFrom(truth).estimate(means, variances, 1e-9, Mllr.Form.FULL), 1e-4);
    }

    @Test
    void aDiagonalTransformIsRecoveredByTheDiagonalForm() {
        double[][][] truth = randomTransform(true, true);
        assertClose(truth, statsFrom(truth).estimate(means, variances, 1e-9, Mllr.Form.DIAGONAL), 1e-4);
    }

    @Test
    void anOffsetIsRecoveredByTheOffsetFormWithTheScaleLeftAtOne() {
        double[][][] truth = randomTransform(false, false);
        double[][][] estimate = statsFrom(truth).estimate(means, variances, 1e-9, Mllr.Form.OFFSET);
        assertClose(truth, estimate, 1e-4);
        assertEquals(1.0, estimate[1][2][2]);
        assertEquals(0.0, estimate[1][2][0]);
    }

    @Test
    void aStrongPriorKeepsTheModelNearlyAsItWas() {
        double[][][] truth = randomTransform(false, true);
        double[][][] weak = statsFrom(truth).estimate(means, variances, 0.01, Mllr.Form.FULL);
        double[][][] strong = statsFrom(truth).estimate(means, variances, 1000, Mllr.Form.FULL);
        double[][][] none = Mllr.identity(STREAMS, DIM);
        assertClose(none, strong, 0.01);
        assertTrue(Math.abs(weak[0][0][DIM] - truth[0][0][DIM]) < 0.1 * Math.abs(truth[0][0][DIM]),
                "a weak prior still finds the offset: " + weak[0][0][DIM] + " against " + truth[0][0][DIM]);
    }

    @Test
    void aGaussianWithoutAudioIsMovedByItsStreamsTransform() {
        double[][][] w = Mllr.identity(STREAMS, DIM);
        w[1][0][DIM] = 2.5;
        float[][] into = new float[GAUSSIANS][DIM];
        Mllr.apply(w, means, into, STREAMS, PER_STREAM);
        int streamOne = PER_STREAM + 2;
        assertEquals(means[streamOne][0] + 2.5, into[streamOne][0], 1e-5);
        assertEquals(means[2][0], into[2][0], 1e-6);
    }

    @Test
    void theFileHoldsTheTransformExactlyEnough() throws IOException {
        double[][][] w = randomTransform(false, true);
        StringWriter text = new StringWriter();
        Mllr.write(w, new PrintWriter(text, true));
        assertClose(w, Mllr.read(new StringReader(text.toString()), "t.mllr"), 1e-6);
    }

    @Test
    void aMalformedFileIsAnErrorThatSaysWhere() {
        IOException header = assertThrows(IOException.class, () -> Mllr.read(new StringReader("hello\n"), "t.mllr"));
        assertEquals("t.mllr: line 1: expected 'mllr STREAMS DIM'", header.getMessage());
        IOException row = assertThrows(IOException.class,
                () -> Mllr.read(new StringReader("mllr 1 2\n1 0 0\n0 1\n"), "t.mllr"));
        assertEquals("t.mllr: line 3: 3 numbers expected", row.getMessage());
        IOException number = assertThrows(IOException.class,
                () -> Mllr.read(new StringReader("mllr 1 2\n1 0 x\n0 1 0\n"), "t.mllr"));
        assertEquals("t.mllr: line 2: not a number", number.getMessage());
        IOException shortFile = assertThrows(IOException.class,
                () -> Mllr.read(new StringReader("mllr 1 2\n1 0 0\n"), "t.mllr"));
        assertEquals("t.mllr: 2 rows expected, 1 found", shortFile.getMessage());
    }
}
