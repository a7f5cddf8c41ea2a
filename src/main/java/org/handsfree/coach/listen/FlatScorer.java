package org.handsfree.coach.listen;

import edu.cmu.sphinx.frontend.FloatData;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.GaussianMixture;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.GaussianWeights;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Senone;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.tiedmixture.SetBasedGaussianMixture;
import edu.cmu.sphinx.util.LogMath;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flat search's tied-state scores for a frame, from arrays: the same numbers Sphinx4 5prealpha's
 * {@code SetBasedGaussianMixture.calculateScore} gives, made with the same float operations in the same order (per
 * stream, its log-adds of the codebook's best Gaussians' scores plus their mixture weights, best first, from
 * {@code LogMath.LOG_ZERO}; the streams' totals summed from 0), so every score is equal to the bit.
 *
 * <p>What differs is where the numbers lie. Sphinx4 keeps the mixture weights in one table by Gaussian, then tied
 * state (7.7 MB), reads them through four calls per weight and makes a score-cache object per tied state and frame.
 * Here the weights of the graph's tied states are copied once, per codebook and Gaussian-major: for codebook c, the
 * row of stream s and Gaussian g holds that weight of each of the codebook's tied states side by side. A frame's
 * asked tied states are scored a codebook at a time, so the codebook's best Gaussians are found once and the
 * twelve rows they name are read along, not one 1.5 KB stretch per tied state.
 *
 * <p>The copies follow the model: the voice profile replaces some tied states' weights, and every change of
 * weights or means ends with {@link TopGaussians.Frames#meansChanged}, which this checks before each frame and
 * copies the weights again after. A tied state that is not a mixture over one of {@link TopGaussians}' codebooks is
 * scored by Sphinx4 itself.
 */
final class FlatScorer {
    private final Senone[] senones;
    private final int streams;
    private final int gaussians;
    /** Per tied state (index in the graph's list): its codebook (-1: scored by Sphinx4), its column there, its id. */
    private final int[] codebookOf;
    private final int[] column;
    private final int[] id;
    private final GaussianWeights[] weightsOf;
    /** Per codebook: the best Gaussians, how many of the graph's tied states weigh them, and their weights. */
    private final TopGaussians[] codebooks;
    private final int[] width;
    private final float[][] weights;
    private final int top;
    private final TopGaussians.Frames model;
    private final LogMath log;
    /** The model's change count the weights were copied at (-1: not yet). */
    private long copiedAt = -1;
    // One frame's grouping of the asked tied states by codebook, and their per-stream totals.
    private final int[] groupStart;
    private final int[] groupFill;
    private int[] grouped = new int[256];
    private float[] total = new float[256];
    private float[] stream = new float[256];
    private int[] columns = new int[256];

    FlatScorer(Senone[] senones) {
        this.senones = senones;
        int n = senones.length;
        codebookOf = new int[n];
        column = new int[n];
        id = new int[n];
        weightsOf = new GaussianWeights[n];
        Map<TopGaussians, Integer> index = new IdentityHashMap<>();
        List<TopGaussians> books = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        GaussianWeights any = null;
        LogMath logMath = null;
        for (int i = 0; i < n; i++) {
            codebookOf[i] = -1;
            if (senones[i] instanceof SetBasedGaussianMixture mixture
                    && get(COMPONENTS, mixture) instanceof TopGaussians book) {
                int c = index.computeIfAbsent(book, b -> {
                    books.add(b);
                    widths.add(0);
                    return books.size() - 1;
                });
                codebookOf[i] = c;
                column[i] = widths.get(c);
                widths.set(c, column[i] + 1);
                id[i] = (int) get(ID, mixture);
                weightsOf[i] = (GaussianWeights) get(WEIGHTS, mixture);
                any = weightsOf[i];
                LogMath l = (LogMath) get(LOG, mixture);
                if (logMath != null && l != logMath) {
                    throw new IllegalStateException("the tied states use more than one LogMath");
                }
                logMath = l;
            }
        }
        codebooks = books.toArray(new TopGaussians[0]);
        width = widths.stream().mapToInt(Integer::intValue).toArray();
        streams = any == null ? 0 : any.getStreamsNum();
        gaussians = any == null ? 0 : any.getGauPerState();
        top = codebooks.length == 0 ? 0 : codebooks[0].getTopGauNum();
        for (TopGaussians b : codebooks) {
            if (b.getTopGauNum() != top || b.streams() != streams) {
                throw new IllegalStateException("the codebooks differ in shape");
            }
        }
        model = codebooks.length == 0 ? null : codebooks[0].frames();
        log = logMath == null ? LogMath.getLogMath() : logMath;
        weights = new float[codebooks.length][];
        for (int c = 0; c < codebooks.length; c++) {
            weights[c] = new float[streams * gaussians * width[c]];
        }
        groupStart = new int[codebooks.length + 1];
        groupFill = new int[codebooks.length + 1];
    }

    /** Copies every tied state's weights as they are in the model now, when the model changed since the last copy. */
    private void follow() {
        long changes = model == null ? 0 : model.changes();
        if (changes == copiedAt) {
            return;
        }
        for (int i = 0; i < senones.length; i++) {
            int c = codebookOf[i];
            if (c < 0) {
                continue;
            }
            float[] w = weights[c];
            int n = width[c];
            for (int s = 0; s < streams; s++) {
                for (int g = 0; g < gaussians; g++) {
                    w[(s * gaussians + g) * n + column[i]] = weightsOf[i].get(id[i], s, g);
                }
            }
        }
        copiedAt = changes;
    }

    /** How many of the graph's tied states are scored from the arrays (the others by Sphinx4's objects). */
    int fromArrays() {
        int n = 0;
        for (int c : codebookOf) {
            n += c >= 0 ? 1 : 0;
        }
        return n;
    }

    /** The model's weight of Gaussian {@code g} of stream {@code s} of tied state {@code i} as copied (for tests). */
    float copiedWeight(int i, int s, int g) {
        follow();
        return weights[codebookOf[i]][(s * gaussians + g) * width[codebookOf[i]] + column[i]];
    }

    /**
     * Scores the tied states {@code asked[0..count)} (indices into the graph's list, each once) with {@code frame}
     * into {@code out} at their indices.
     */
    void score(FloatData frame, int[] asked, int count, float[] out) {
        follow();
        if (grouped.length < count) {
            grouped = new int[count * 2];
            total = new float[count * 2];
            stream = new float[count * 2];
            columns = new int[count * 2];
        }
        // Group by codebook (a counting sort; the tied states scored by Sphinx4 last).
        int books = codebooks.length;
        Arrays.fill(groupStart, 0);
        for (int k = 0; k < count; k++) {
            int c = codebookOf[asked[k]];
            groupStart[c < 0 ? books : c]++;
        }
        int at = 0;
        for (int c = 0; c <= books; c++) {
            int n = groupStart[c];
            groupStart[c] = at;
            groupFill[c] = at;
            at += n;
        }
        for (int k = 0; k < count; k++) {
            int c = codebookOf[asked[k]];
            grouped[groupFill[c < 0 ? books : c]++] = asked[k];
        }
        for (int c = 0; c < books; c++) {
            int from = groupStart[c];
            int to = groupFill[c];
            if (from == to) {
                continue;
            }
            TopGaussians book = codebooks[c];
            book.updateTopScores(frame);
            float[] topScores = book.topScores();
            int[] topIds = book.topIds();
            int base = book.topBase();
            float[] w = weights[c];
            int n = width[c];
            for (int j = from; j < to; j++) {
                total[j] = 0f;
                columns[j] = column[grouped[j]];
            }
            for (int s = 0; s < streams; s++) {
                for (int j = from; j < to; j++) {
                    stream[j] = LogMath.LOG_ZERO;
                }
                for (int k = 0; k < top; k++) {
                    float gaussian = topScores[base + s * top + k];
                    int row = (s * gaussians + topIds[base + s * top + k]) * n;
                    for (int j = from; j < to; j++) {
                        stream[j] = log.addAsLinear(stream[j], gaussian + w[row + columns[j]]);
                    }
                }
                for (int j = from; j < to; j++) {
                    total[j] += stream[j];
                }
            }
            for (int j = from; j < to; j++) {
                out[grouped[j]] = total[j];
            }
        }
        for (int j = groupStart[books]; j < groupFill[books]; j++) {
            out[grouped[j]] = senones[grouped[j]].getScore(frame);
        }
    }

    private static final Field COMPONENTS = field(SetBasedGaussianMixture.class, "mixtureComponentSet");
    private static final Field WEIGHTS = field(GaussianMixture.class, "mixtureWeights");
    private static final Field ID = field(GaussianMixture.class, "id");
    private static final Field LOG = field(GaussianMixture.class, "logMath");

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Sphinx4's " + type.getSimpleName() + " has no " + name, e);
        }
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
