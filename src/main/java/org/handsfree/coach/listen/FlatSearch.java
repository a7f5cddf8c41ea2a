package org.handsfree.coach.listen;

import edu.cmu.sphinx.decoder.search.Token;
import edu.cmu.sphinx.frontend.Data;
import edu.cmu.sphinx.frontend.DataEndSignal;
import edu.cmu.sphinx.frontend.DataProcessor;
import edu.cmu.sphinx.frontend.DoubleData;
import edu.cmu.sphinx.frontend.FloatData;
import edu.cmu.sphinx.frontend.Signal;
import edu.cmu.sphinx.frontend.endpoint.SpeechEndSignal;
import edu.cmu.sphinx.frontend.util.DataUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The grammar search on arrays: a frame-synchronous Viterbi over a {@link FlatGraph} that makes the decisions
 * Sphinx4 5prealpha's breadth-first search makes as {@code acoustic/decoder.xml} configures it (with
 * {@link SphinxDecoder.Search}'s changes, which change none of them), without a token object per state and frame.
 *
 * <p>What it reproduces, step for step. Per frame: every active state is scored with the frame (its tied state's
 * score added to its path score, in float as Sphinx4 adds them), the best score noted (the first of equals); the
 * active list is cut to the absolute beam (never reached with the command grammar: a stretch that reaches it is
 * given back to Sphinx4, see {@link #fellBack}); then each active state, in the order they were made, passes its
 * score on along its arcs: a state below the relative beam of the best (or, for a word, below the word beam) passes
 * nothing; a state that emits nothing is entered along every arc that reaches it and passes on at once, unless it is
 * already on the chain being passed through (Sphinx4's loop check); an emitting state keeps the best entry of the
 * frame, a later equal one replacing an earlier (Sphinx4's {@code <=}). A final state reached is a result of that
 * frame. At the end, the best of the last frame's results (the first of equals) is the path.
 *
 * <p>Every entry into a state is one row of a back-pointer table (state, predecessor row, score, and for emitting
 * rows the acoustic score and the frame), in arrays kept from stretch to stretch, so the path can be read back; it
 * is given back as Sphinx4 tokens ({@link #bestPath}), the emitting ones scored with their frames, so whatever read
 * Sphinx4's best token reads this one unchanged.
 *
 * <p>The scores are those of Sphinx4's own tied states ({@link FlatGraph#senones}), once per tied state and frame,
 * made from arrays by {@link FlatScorer} with the same float operations: the same numbers its search gets, with
 * the voice profile's weights and the transforms' means as they are in place.
 */
final class FlatSearch {
    private final FlatGraph graph;
    private final DataProcessor frontEnd;
    private final int absoluteBeam;
    private final float logRelativeBeam;
    private final float logRelativeWordBeam;

    // The back-pointer table: one row per entry into a state.
    private int rows;
    private int[] rowState = new int[1 << 16];
    private int[] rowPredecessor = new int[1 << 16];
    private float[] rowScore = new float[1 << 16];
    private float[] rowAcoustic = new float[1 << 16];
    private int[] rowFrame = new int[1 << 16];

    /** This frame's active (emitting) rows, in the order they were made, and the next frame's being made. */
    private int[] active = new int[1024];
    private int activeCount;
    private int[] next = new int[1024];
    private int nextCount;
    /** Per state: the row that is its best entry this frame, valid when its stamp is this frame's. */
    private final int[] bestRow;
    private final int[] bestStamp;
    private int stamp;
    /** Per tied state: its score this frame, valid when its stamp is this frame's. */
    private final float[] senoneScore;
    private final int[] senoneStamp;
    private int frameStamp;
    /** Scores the tied states from arrays ({@link FlatScorer}); null: each by Sphinx4's own object. */
    private FlatScorer scorer;
    private final FlatScorer flatScorer;
    private final int[] asked;
    /** The chain of states that emit nothing being passed through (the loop check). */
    private int[] path = new int[64];
    private int depth;
    private float threshold;
    private float wordThreshold;
    /** The last grow's results (rows of final states), in the order they were reached. */
    private int[] results = new int[16];
    private int resultCount;
    /** The frames of the stretch, in order. */
    private final List<FloatData> frames = new ArrayList<>();
    private int frameNumber;
    private String fellBack;
    /**
     * The table is compacted when it holds more rows than this (20 bytes each): half its first size, so a frame's
     * rows (about 2,200) never make it grow. Compacting costs about the rows it reads, so how often is no matter.
     */
    private static final int COMPACT_ABOVE = 1 << 15;
    private static final int MARKED = Integer.MIN_VALUE;
    private int[] mark = new int[0];
    private long compactions;
    /** Counts, for benchmarks: stretches searched, and those given back to Sphinx4. */
    private long searched;
    private long givenBack;

    FlatSearch(FlatGraph graph, DataProcessor frontEnd, int absoluteBeam, float logRelativeBeam, float logRelativeWordBeam) {
        this.graph = graph;
        this.frontEnd = frontEnd;
        this.absoluteBeam = absoluteBeam;
        this.logRelativeBeam = logRelativeBeam;
        this.logRelativeWordBeam = logRelativeWordBeam;
        this.bestRow = new int[graph.slots];
        this.bestStamp = new int[graph.slots];
        this.senoneScore = new float[graph.senones.length];
        this.senoneStamp = new int[graph.senones.length];
        this.asked = new int[graph.senones.length];
        this.flatScorer = new FlatScorer(graph.senones);
        this.scorer = flatScorer;
    }

    /** Whether the tied states are scored from arrays ({@link FlatScorer}, the default) or by Sphinx4's objects. */
    void flatScoring(boolean on) {
        scorer = on ? flatScorer : null;
    }

    FlatScorer scorer() {
        return flatScorer;
    }

    /** The last stretch's frames, in order (for tests). */
    List<FloatData> lastFrames() {
        return List.copyOf(frames);
    }

    FlatGraph graph() {
        return graph;
    }

    /**
     * Searches the stretch the front end gives next (its source set by the caller), to its end.
     *
     * @return whether the search has a path ({@link #bestPath}); false when it gave the stretch back
     *     ({@link #fellBack} says why): the front end has then been read to the stretch's end
     */
    boolean search() {
        searched++;
        rows = 0;
        frames.clear();
        fellBack = null;
        frameNumber = 0;
        resultCount = 0;
        // Sphinx4's start: a token in the initial state (score 0) is the whole active list, then a grow.
        activeCount = 0;
        int root = row(0, -1, 0f);
        active[activeCount++] = root;
        float best = 0f;
        grow(best);
        while (true) {
            FloatData frame = nextFrame();
            if (frame == null) {
                break;
            }
            if (activeCount == 0) {
                return giveBack("no state was active");
            }
            // Score the active list.
            frameStamp++;
            int f = frames.size();
            frames.add(frame);
            int bestAt = -1;
            best = -Float.MAX_VALUE;
            if (scorer != null) {
                // The tied states this frame asks for, each once, scored together from arrays.
                int asked = 0;
                for (int i = 0; i < activeCount; i++) {
                    int s = graph.senone[rowState[active[i]]];
                    if (senoneStamp[s] != frameStamp) {
                        senoneStamp[s] = frameStamp;
                        this.asked[asked++] = s;
                    }
                }
                scorer.score(frame, this.asked, asked, senoneScore);
            }
            for (int i = 0; i < activeCount; i++) {
                int r = active[i];
                int s = graph.senone[rowState[r]];
                float acoustic;
                if (senoneStamp[s] == frameStamp) {
                    acoustic = senoneScore[s];
                } else {
                    acoustic = graph.senones[s].getScore(frame);
                    senoneScore[s] = acoustic;
                    senoneStamp[s] = frameStamp;
                }
                rowAcoustic[r] = acoustic;
                rowFrame[r] = f;
                float score = rowScore[r] + acoustic;
                rowScore[r] = score;
                if (score > best) {
                    best = score;
                    bestAt = r;
                }
            }
            if (bestAt < 0) {
                // Sphinx4 stops here, keeping the results of the grow before.
                drain();
                break;
            }
            if (activeCount > absoluteBeam) {
                return giveBack("the absolute beam was reached");
            }
            frameNumber++;
            if (rows > COMPACT_ABOVE) {
                compact();
            }
            grow(best);
        }
        if (resultCount == 0) {
            return giveBack("no path reached the grammar's end");
        }
        return true;
    }

    /**
     * Drops the rows no active row's path goes through: most entries of a frame lead nowhere (a state that emits
     * nothing passed through by a path that then lost), so the table holds a few frames' worth, not a stretch's.
     * The rows kept keep their order.
     */
    private void compact() {
        if (mark.length < rows) {
            mark = new int[rowState.length];
        }
        for (int i = 0; i < activeCount; i++) {
            for (int r = active[i]; r >= 0 && mark[r] != MARKED; r = rowPredecessor[r]) {
                mark[r] = MARKED;
            }
        }
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            mark[r] = mark[r] == MARKED ? kept++ : -1;
        }
        // A row's predecessor may come after it (an entry replaced by a better one), so all are numbered first.
        for (int r = 0; r < rows; r++) {
            int to = mark[r];
            if (to >= 0) {
                rowState[to] = rowState[r];
                rowPredecessor[to] = rowPredecessor[r] < 0 ? -1 : mark[rowPredecessor[r]];
                rowScore[to] = rowScore[r];
                rowAcoustic[to] = rowAcoustic[r];
                rowFrame[to] = rowFrame[r];
            }
        }
        for (int i = 0; i < activeCount; i++) {
            active[i] = mark[active[i]];
        }
        Arrays.fill(mark, 0, rows, 0);
        compactions++;
        rows = kept;
    }

    /** The next frame's features; null at the stretch's end. */
    private FloatData nextFrame() {
        while (true) {
            Data d = frontEnd.getData();
            if (d == null || d instanceof DataEndSignal || d instanceof SpeechEndSignal) {
                return null;
            }
            if (d instanceof Signal) {
                continue;
            }
            return d instanceof DoubleData dd ? DataUtil.DoubleData2FloatData(dd) : (FloatData) d;
        }
    }

    /** Reads the front end to the stretch's end. */
    private void drain() {
        for (Data d = frontEnd.getData(); d != null && !(d instanceof DataEndSignal); d = frontEnd.getData()) {
            // The rest of the stretch is not searched.
        }
    }

    private boolean giveBack(String why) {
        fellBack = why;
        givenBack++;
        drain();
        return false;
    }

    /** Why the last stretch was given back to Sphinx4's search; null when it was not. */
    String fellBack() {
        return fellBack;
    }

    long searched() {
        return searched;
    }

    long givenBack() {
        return givenBack;
    }

    /** How many times the back-pointer table was compacted (for tests and benchmarks). */
    long compactions() {
        return compactions;
    }

    /** Passes the active rows' scores on: the next frame's active list and this frame's results. */
    private void grow(float best) {
        stamp++;
        resultCount = 0;
        nextCount = 0;
        threshold = best + logRelativeBeam;
        wordThreshold = best + logRelativeWordBeam;
        for (int i = 0; i < activeCount; i++) {
            int r = active[i];
            depth = 0;
            if (!graph.emitting[rowState[r]]) {
                // Only the initial token: its own state heads the chain.
                push(rowState[r]);
            }
            expand(r, rowState[r], rowScore[r]);
        }
        int[] t = active;
        active = next;
        next = t;
        activeCount = nextCount;
    }

    private void expand(int r, int state, float score) {
        if (graph.isFinal[state]) {
            if (resultCount == results.length) {
                results = Arrays.copyOf(results, resultCount * 2);
            }
            results[resultCount++] = r;
        }
        if (score < threshold || (graph.isWord[state] && score < wordThreshold)) {
            return;
        }
        int end = graph.arcStart[state + 1];
        for (int a = graph.arcStart[state]; a < end; a++) {
            int to = graph.arcTarget[a];
            float entry = score + graph.arcProbability[a];
            if (!graph.emitting[to]) {
                if (!onPath(to)) {
                    int e = row(to, r, entry);
                    push(to);
                    expand(e, to, entry);
                    depth--;
                }
                continue;
            }
            int slot = graph.slot[to];
            if (bestStamp[slot] != stamp) {
                int e = row(to, r, entry);
                bestStamp[slot] = stamp;
                bestRow[slot] = e;
                if (nextCount == next.length) {
                    next = Arrays.copyOf(next, nextCount * 2);
                }
                next[nextCount++] = e;
            } else {
                int old = bestRow[slot];
                if (rowScore[old] <= entry) {
                    // Sphinx4's update: the entry takes the state it came by (of the slot's, the same but for what
                    // it hands on).
                    rowState[old] = to;
                    rowPredecessor[old] = r;
                    rowScore[old] = entry;
                }
            }
        }
    }

    private void push(int state) {
        if (depth == path.length) {
            path = Arrays.copyOf(path, depth * 2);
        }
        path[depth++] = state;
    }

    private boolean onPath(int state) {
        for (int i = depth - 1; i >= 0; i--) {
            if (path[i] == state || graph.byValue && graph.states[state].equals(graph.states[path[i]])) {
                return true;
            }
        }
        return false;
    }

    private int row(int state, int predecessor, float score) {
        if (rows == rowState.length) {
            int n = rows * 2;
            rowState = Arrays.copyOf(rowState, n);
            rowPredecessor = Arrays.copyOf(rowPredecessor, n);
            rowScore = Arrays.copyOf(rowScore, n);
            rowAcoustic = Arrays.copyOf(rowAcoustic, n);
            rowFrame = Arrays.copyOf(rowFrame, n);
        }
        rowState[rows] = state;
        rowPredecessor[rows] = predecessor;
        rowScore[rows] = score;
        rowFrame[rows] = -1;
        return rows++;
    }

    /** The row of the best result: the first of the highest score. */
    private int bestResult() {
        int best = results[0];
        for (int i = 1; i < resultCount; i++) {
            if (rowScore[results[i]] > rowScore[best]) {
                best = results[i];
            }
        }
        return best;
    }

    /** The best path's acoustic score: the sum of its emitting states' scores, summed as Sphinx4's tokens are read. */
    double acousticScore() {
        double sum = 0;
        for (int r = bestResult(); r >= 0; r = rowPredecessor[r]) {
            if (graph.emitting[rowState[r]] && rowFrame[r] >= 0) {
                // An entry never scored (the phone loop's initial state emits) adds Sphinx4's 0.
                sum += rowAcoustic[r];
            }
        }
        return sum;
    }

    /** The frames the best path spent in each state, in time order: the state of each scored frame (for tests). */
    int[] bestStates() {
        int n = 0;
        for (int r = bestResult(); r >= 0; r = rowPredecessor[r]) {
            n += graph.emitting[rowState[r]] ? 1 : 0;
        }
        int[] out = new int[n];
        for (int r = bestResult(); r >= 0; r = rowPredecessor[r]) {
            if (graph.emitting[rowState[r]]) {
                out[--n] = rowState[r];
            }
        }
        return out;
    }

    /**
     * The best path as Sphinx4's tokens, its last first (as Sphinx4's result gives it): one per row of the path,
     * each emitting one scored with its frame, so it carries that frame's features and acoustic score.
     */
    Token bestPath() {
        int n = 0;
        for (int r = bestResult(); r >= 0; r = rowPredecessor[r]) {
            n++;
        }
        int[] chain = new int[n];
        for (int r = bestResult(); r >= 0; r = rowPredecessor[r]) {
            chain[--n] = r;
        }
        Token t = null;
        for (int r : chain) {
            int s = rowState[r];
            if (t == null) {
                t = new Token(graph.states[s], 0);
                continue;
            }
            if (graph.emitting[s] && rowFrame[r] >= 0) {
                t = new Token(t, graph.states[s], rowScore[r] - rowAcoustic[r], 0f, 0f, rowFrame[r]);
                t.calculateScore(frames.get(rowFrame[r]));
            } else {
                t = new Token(t, graph.states[s], rowScore[r], 0f, 0f, frameOf(t));
            }
        }
        return t;
    }

    private static long frameOf(Token predecessor) {
        return predecessor.getCollectTime();
    }
}
