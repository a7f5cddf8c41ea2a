package org.handsfree.coach.listen;

import edu.cmu.sphinx.frontend.Data;
import edu.cmu.sphinx.frontend.FloatData;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.MixtureComponent;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Senone;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Sphinx3Loader;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.tiedmixture.MixtureComponentSet;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.tiedmixture.PrunableMixtureComponent;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.tiedmixture.SetBasedGaussianMixture;
import edu.cmu.sphinx.util.LogMath;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The best few Gaussians of one of the model's codebooks (one per base phone, every senone of that
 * phone weighs the same Gaussians), for each frame of a stretch: part of the Sphinx4 adapter, with
 * {@link SphinxDecoder}.
 *
 * <p>Finding them was three fifths of all decoding time. Sphinx4 does it again for the second search
 * over the same stretch (it keeps only the last frame's), walks 128 separate objects per stream, and
 * sorts with a comparator each frame. This does the same selection (the exact best {@code top} by
 * log density, each Gaussian's distance cut short once it falls below the current worst of them) over
 * flat arrays, and keeps every frame's result until {@link Frames#newAudio} says the audio changed: the
 * phone loop then finds the scores the grammar search made. The best ones are kept best first; Sphinx4
 * kept them in an order that depended on earlier frames, so a senone's sum of them can differ from
 * Sphinx4's in the last bit of its log table.
 */
final class TopGaussians extends MixtureComponentSet {
    /** What every codebook's kept frames belong to; shared by all codebooks of a model. */
    static final class Frames {
        private int generation = 1;
        private TopGaussians[] all = new TopGaussians[0];
        /** How many times the model's means or mixture weights changed: copies of them follow it. */
        private long changes;

        long changes() {
            return changes;
        }

        /** The next frames are of other audio: nothing kept is valid any more. */
        void newAudio() {
            generation++;
        }

        /**
         * The model's means were moved in place (a transform), or its mixture weights replaced (a voice profile, or
         * the ones as loaded put back): every codebook takes the means again, and copies of either follow.
         */
        void meansChanged() {
            changes++;
            for (TopGaussians t : all) {
                t.refresh();
            }
            newAudio();
        }
    }

    /** Sphinx4 frames start every 10 ms: the kept frames are indexed by first sample over this. */
    private static final int SHIFT = SphinxDecoder.SAMPLES_PER_FRAME;

    private final Frames frames;
    private final PrunableMixtureComponent[][] components;
    private final int streams;
    private final int gaussians;
    private final int dim;
    private final int top;
    /**
     * Per stream and dimension: that dimension's mean and precision term of every Gaussian (at {@code [s][i][g]});
     * per stream, every Gaussian's constant, floor and id.
     */
    private final float[][][] means;
    private final float[][][] precisions;
    private final float[][] constants;
    private final float[][] floors;
    private final int[][] ids;
    /** Per stream, the last frame's best, tried first: their distances make a tight bound at once. */
    private final int[][] previous;
    /** Kept frames: for frame f, the stamp of its audio, and its best scores and ids at f * streams * top. */
    private int[] stamps = new int[0];
    private float[] keptScores = new float[0];
    private int[] keptIds = new int[0];
    /** Where the current frame's results are: the kept arrays at {@code base}, or the scratch arrays. */
    private float[] scores;
    private int[] scoreIds;
    private int base;
    private final float[] scratchScores;
    private final int[] scratchIds;
    /** One stream's distances of every Gaussian, this frame. */
    private final float[] distances;
    private final float[] bestDistance;
    private final int[] bestIndex;
    private final LogMath log = LogMath.getLogMath();

    private TopGaussians(ArrayList<PrunableMixtureComponent[]> components, int top, Frames frames) {
        super(components, top);
        this.frames = frames;
        this.streams = components.size();
        this.components = components.toArray(new PrunableMixtureComponent[0][]);
        this.gaussians = this.components[0].length;
        this.dim = this.components[0][0].getMean().length;
        this.top = top;
        means = new float[streams][dim][gaussians];
        precisions = new float[streams][dim][gaussians];
        constants = new float[streams][gaussians];
        floors = new float[streams][gaussians];
        ids = new int[streams][gaussians];
        previous = new int[streams][top];
        for (int s = 0; s < streams; s++) {
            for (int g = 0; g < gaussians; g++) {
                PrunableMixtureComponent c = this.components[s][g];
                float[] p = floats(c, PRECISION);
                for (int i = 0; i < dim; i++) {
                    precisions[s][i][g] = p[i];
                }
                constants[s][g] = number(c, CONSTANT);
                floors[s][g] = number(c, FLOOR);
                ids[s][g] = c.getId();
            }
            for (int k = 0; k < top; k++) {
                previous[s][k] = k;
            }
        }
        refresh();
        scratchScores = new float[streams * top];
        scratchIds = new int[streams * top];
        scores = scratchScores;
        scoreIds = scratchIds;
        distances = new float[gaussians];
        bestDistance = new float[top];
        bestIndex = new int[top];
    }

    /**
     * Puts a {@code TopGaussians} in place of every codebook of {@code model}'s senones.
     *
     * @return the frames all of them keep, for the decoder to say when the audio changes
     */
    static Frames install(Sphinx3Loader model) {
        Frames frames = new Frames();
        Map<MixtureComponentSet, TopGaussians> replaced = new IdentityHashMap<>();
        try {
            Field field = SetBasedGaussianMixture.class.getDeclaredField("mixtureComponentSet");
            field.setAccessible(true);
            Field list = MixtureComponentSet.class.getDeclaredField("components");
            list.setAccessible(true);
            for (int i = 0; i < model.getSenonePool().size(); i++) {
                Senone senone = model.getSenonePool().get(i);
                if (!(senone instanceof SetBasedGaussianMixture mixture)) {
                    continue;
                }
                MixtureComponentSet set = (MixtureComponentSet) field.get(mixture);
                if (set instanceof TopGaussians) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                ArrayList<PrunableMixtureComponent[]> components = (ArrayList<PrunableMixtureComponent[]>) list.get(set);
                TopGaussians mine = replaced.computeIfAbsent(set, s -> new TopGaussians(components, s.getTopGauNum(), frames));
                field.set(mixture, mine);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this Sphinx4 keeps its Gaussian codebooks differently: " + e, e);
        }
        frames.all = replaced.values().toArray(new TopGaussians[0]);
        return frames;
    }

    /** Takes the Gaussians' means again, after a transform moved them in place. */
    private void refresh() {
        for (int s = 0; s < streams; s++) {
            for (int g = 0; g < gaussians; g++) {
                float[] m = floats(components[s][g], MEAN);
                for (int i = 0; i < dim; i++) {
                    means[s][i][g] = m[i];
                }
            }
        }
    }

    @Override
    public void updateTopScores(Data feature) {
        FloatData data = FloatData.toFloatData(feature);
        long first = data.getFirstSampleNumber();
        if (first >= 0 && first % SHIFT == 0 && first / SHIFT < Integer.MAX_VALUE / (streams * top)) {
            int frame = (int) (first / SHIFT);
            keep(frame);
            scores = keptScores;
            scoreIds = keptIds;
            base = frame * streams * top;
            if (stamps[frame] == frames.generation) {
                return;
            }
            stamps[frame] = frames.generation;
        } else {
            scores = scratchScores;
            scoreIds = scratchIds;
            base = 0;
        }
        select(data.getValues(), scores, scoreIds, base);
    }

    private void keep(int frame) {
        if (frame < stamps.length) {
            return;
        }
        int n = Math.max(frame + 1, stamps.length * 2);
        stamps = Arrays.copyOf(stamps, n);
        keptScores = Arrays.copyOf(keptScores, n * streams * top);
        keptIds = Arrays.copyOf(keptIds, n * streams * top);
    }

    /** For each stream, the best {@code top} Gaussians for {@code x}, best first, into {@code out} at {@code at}. */
    private void select(float[] x, float[] out, int[] outIds, int at) {
        float[] d = distances;
        for (int s = 0; s < streams; s++) {
            int offset = s * dim;
            // Every Gaussian's whole distance, a dimension at a time across all of them: a loop the JIT turns
            // into vector instructions. Each Gaussian's sum adds the same terms in the same order as one at a
            // time would, so the numbers are the same to the bit.
            System.arraycopy(constants[s], 0, d, 0, gaussians);
            for (int i = 0; i < dim; i++) {
                float xi = x[offset + i];
                float[] mean = means[s][i];
                float[] precision = precisions[s][i];
                for (int g = 0; g < gaussians; g++) {
                    float diff = xi - mean[g];
                    d[g] += diff * diff * precision[g];
                }
            }
            // The last frame's best first, then the rest in order: the same best list, ties and all, as
            // cutting each distance short at the current bound gave (every term lowers a distance, so a sum
            // that ends at or above the bound never went below it).
            int found = 0;
            int[] tried = previous[s];
            for (int k = 0; k < top; k++) {
                found = insert(d[tried[k]], tried[k], found);
            }
            float bound = bestDistance[top - 1];
            for (int g = 0; g < gaussians; g++) {
                if (!(d[g] < bound) && !isIn(tried, g)) {
                    insert(d[g], g, top);
                    bound = bestDistance[top - 1];
                }
            }
            for (int k = 0; k < top; k++) {
                int g = bestIndex[k];
                tried[k] = g;
                out[at + s * top + k] = score(bestDistance[k], floors[s][g]);
                outIds[at + s * top + k] = ids[s][g];
            }
        }
    }

    /** Puts distance {@code d} of Gaussian {@code g} into the best list (of {@code n} so far), best first. */
    private int insert(float d, int g, int n) {
        int k = Math.min(n, top - 1);
        if (n == top && d < bestDistance[top - 1]) {
            return n;
        }
        while (k > 0 && bestDistance[k - 1] < d) {
            bestDistance[k] = bestDistance[k - 1];
            bestIndex[k] = bestIndex[k - 1];
            k--;
        }
        bestDistance[k] = d;
        bestIndex[k] = g;
        return Math.min(n + 1, top);
    }

    private static boolean isIn(int[] list, int g) {
        for (int x : list) {
            if (x == g) {
                return true;
            }
        }
        return false;
    }

    /** A natural-log density in Sphinx4's log base, floored as Sphinx4 floors it. */
    private float score(float distance, float floor) {
        float v = log.lnToLog(distance);
        if (Float.isNaN(v)) {
            v = LogMath.LOG_ZERO;
        }
        return Math.max(v, floor);
    }

    /** The frames this codebook's results belong to. */
    Frames frames() {
        return frames;
    }

    int streams() {
        return streams;
    }

    /**
     * The last {@link #updateTopScores}' results, for reading without a call per number: stream s's k-th best
     * Gaussian has score {@code topScores()[topBase() + s * top + k]} and id {@code topIds()} at the same place.
     */
    float[] topScores() {
        return scores;
    }

    int[] topIds() {
        return scoreIds;
    }

    int topBase() {
        return base;
    }

    @Override
    public int getTopGauNum() {
        return top;
    }

    @Override
    public float getTopGauScore(int stream, int rank) {
        return scores[base + stream * top + rank];
    }

    @Override
    public int getTopGauId(int stream, int rank) {
        return scoreIds[base + stream * top + rank];
    }

    private static final Field MEAN = field("meanTransformed");
    private static final Field PRECISION = field("precisionTransformed");
    private static final Field CONSTANT = field("logPreComputedGaussianFactor");
    private static final Field FLOOR = field("distFloor");

    private static Field field(String name) {
        try {
            Field f = MixtureComponent.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Sphinx4's MixtureComponent has no " + name, e);
        }
    }

    private static float[] floats(MixtureComponent c, Field f) {
        try {
            return (float[]) f.get(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float number(MixtureComponent c, Field f) {
        try {
            return f.getFloat(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
