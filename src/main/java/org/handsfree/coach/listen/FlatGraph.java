package org.handsfree.coach.listen;

import edu.cmu.sphinx.linguist.HMMSearchState;
import edu.cmu.sphinx.linguist.SearchState;
import edu.cmu.sphinx.linguist.SearchStateArc;
import edu.cmu.sphinx.linguist.WordSearchState;
import edu.cmu.sphinx.linguist.acoustic.HMMState;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.SenoneHMMState;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Senone;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search graph of Sphinx4's (the grammar's flat linguist, with its out-of-grammar branch) compiled once into
 * arrays, for {@link FlatSearch}: every state reachable from the initial one gets an index (in the order a
 * breadth-first walk meets them, the initial state 0), and per index whether it emits, is final, is a word (Sphinx4's
 * {@link WordSearchState}: a word's end, the out-of-grammar branch's {@code <unk>}) and, for an emitting state, its
 * tied state (an index into {@link #senones}); the arcs in one table, each state's in the order Sphinx4 gives them
 * (which decides ties), with their log probabilities. The states themselves are kept too, only to spell a found path
 * back as Sphinx4's tokens. The flat linguist's states are equal only to themselves, so they are told apart by identity.
 */
final class FlatGraph {
    /** The states, by index; index 0 is the initial state. */
    final SearchState[] states;
    final boolean[] emitting;
    final boolean[] isFinal;
    final boolean[] isWord;
    /** Per state, its tied state's index in {@link #senones} (emitting states), or -1. */
    final int[] senone;
    /** The distinct tied states the emitting states score with (Sphinx4's own objects: the same numbers). */
    final Senone[] senones;
    /** State i's arcs are {@code arcStart[i]} to {@code arcStart[i + 1]} of {@link #arcTarget} and {@link #arcProbability}. */
    final int[] arcStart;
    final int[] arcTarget;
    final float[] arcProbability;
    /** Milliseconds the compilation took. */
    final long compileMillis;

    private FlatGraph(SearchState[] states, boolean[] emitting, boolean[] isFinal, boolean[] isWord, int[] senone,
                      Senone[] senones, int[] arcStart, int[] arcTarget, float[] arcProbability, long compileMillis) {
        this.states = states;
        this.emitting = emitting;
        this.isFinal = isFinal;
        this.isWord = isWord;
        this.senone = senone;
        this.senones = senones;
        this.arcStart = arcStart;
        this.arcTarget = arcTarget;
        this.arcProbability = arcProbability;
        this.compileMillis = compileMillis;
    }

    int size() {
        return states.length;
    }

    int arcs() {
        return arcTarget.length;
    }

    /** Every state reachable from {@code initial}, as arrays. */
    static FlatGraph compile(SearchState initial) {
        long start = System.nanoTime();
        Map<SearchState, Integer> index = new IdentityHashMap<>();
        List<SearchState> order = new ArrayList<>();
        ArrayDeque<SearchState> todo = new ArrayDeque<>();
        index.put(initial, 0);
        order.add(initial);
        todo.add(initial);
        List<SearchStateArc[]> successors = new ArrayList<>();
        int arcCount = 0;
        while (!todo.isEmpty()) {
            SearchState s = todo.poll();
            SearchStateArc[] arcs = s.getSuccessors();
            successors.add(arcs);
            arcCount += arcs.length;
            for (SearchStateArc a : arcs) {
                SearchState next = a.getState();
                if (!index.containsKey(next)) {
                    index.put(next, order.size());
                    order.add(next);
                    todo.add(next);
                }
            }
        }
        int n = order.size();
        SearchState[] states = order.toArray(new SearchState[0]);
        boolean[] emitting = new boolean[n];
        boolean[] isFinal = new boolean[n];
        boolean[] isWord = new boolean[n];
        int[] senone = new int[n];
        Map<Senone, Integer> senoneIndex = new IdentityHashMap<>();
        List<Senone> senones = new ArrayList<>();
        int[] arcStart = new int[n + 1];
        int[] arcTarget = new int[arcCount];
        float[] arcProbability = new float[arcCount];
        int at = 0;
        for (int i = 0; i < n; i++) {
            SearchState s = states[i];
            emitting[i] = s.isEmitting();
            isFinal[i] = s.isFinal();
            isWord[i] = s instanceof WordSearchState;
            senone[i] = -1;
            if (emitting[i]) {
                HMMState h = s instanceof HMMSearchState hs ? hs.getHMMState() : null;
                if (!(h instanceof SenoneHMMState sh)) {
                    throw new IllegalStateException("an emitting state of the grammar's search graph has no tied state: " + s);
                }
                senone[i] = senoneIndex.computeIfAbsent(sh.getSenone(), k -> {
                    senones.add(k);
                    return senones.size() - 1;
                });
            }
            arcStart[i] = at;
            // The states were numbered in the order their lists were read, so list i is state i's.
            for (SearchStateArc a : successors.get(i)) {
                arcTarget[at] = index.get(a.getState());
                arcProbability[at] = a.getProbability();
                at++;
            }
        }
        arcStart[n] = at;
        return new FlatGraph(states, emitting, isFinal, isWord, senone, senones.toArray(new Senone[0]), arcStart,
                arcTarget, arcProbability, (System.nanoTime() - start) / 1_000_000);
    }
}
