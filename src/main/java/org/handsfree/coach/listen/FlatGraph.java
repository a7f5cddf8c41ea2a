package org.handsfree.coach.listen;

import edu.cmu.sphinx.linguist.HMMSearchState;
import edu.cmu.sphinx.linguist.SearchState;
import edu.cmu.sphinx.linguist.SearchStateArc;
import edu.cmu.sphinx.linguist.WordSearchState;
import edu.cmu.sphinx.linguist.acoustic.HMMState;
import edu.cmu.sphinx.linguist.allphone.PhoneHmmSearchState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.SenoneHMMState;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Senone;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
    /**
     * Whether the states were told apart by value: then Sphinx4's loop check (a state that emits nothing already on
     * the chain being passed through) asks the states' own equals, which may take two of them for one.
     */
    final boolean byValue;
    /**
     * Per state, the slot that holds its best entry of a frame, shared by the states Sphinx4's search takes for one
     * (by their equals): the phone loop's states differ in the probabilities they hand on, which their equals
     * ignores, so one entry in a slot replaces another's state. By identity every state has its own.
     */
    final int[] slot;
    final int slots;
    /** Milliseconds the compilation took. */
    final long compileMillis;

    private FlatGraph(SearchState[] states, boolean[] emitting, boolean[] isFinal, boolean[] isWord, int[] senone,
                      Senone[] senones, int[] arcStart, int[] arcTarget, float[] arcProbability, boolean byValue,
                      int[] slot, int slots, long compileMillis) {
        this.byValue = byValue;
        this.slot = slot;
        this.slots = slots;
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
        return compile(initial, false);
    }

    /**
     * Every state reachable from {@code initial}, as arrays; {@code byValue}: states are told apart by their equals
     * (the phone loop's linguist makes its states anew on each call and compares them by value, as Sphinx4's search
     * does when it keeps the best token per state), else by identity.
     */
    static FlatGraph compile(SearchState initial, boolean byValue) {
        long start = System.nanoTime();
        // By value, a state is the same as another only when both are of one class and equal: the phone loop's
        // word state is a kind of its plain state and the plain one's equals takes it for itself.
        Map<Object, Integer> index = byValue ? new HashMap<>() : new IdentityHashMap<>();
        List<SearchState> order = new ArrayList<>();
        ArrayDeque<SearchState> todo = new ArrayDeque<>();
        index.put(key(initial, byValue), 0);
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
                Object k = key(next, byValue);
                if (!index.containsKey(k)) {
                    index.put(k, order.size());
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
                HMMState h = s instanceof HMMSearchState hs ? hs.getHMMState()
                        : s instanceof PhoneHmmSearchState ps ? phoneHmmState(ps) : null;
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
                arcTarget[at] = index.get(key(a.getState(), byValue));
                arcProbability[at] = a.getProbability();
                at++;
            }
        }
        arcStart[n] = at;
        int[] slot = new int[n];
        Map<ByValue, Integer> slots = new HashMap<>();
        for (int i = 0; i < n; i++) {
            slot[i] = byValue ? slots.computeIfAbsent(new ByValue(states[i], false), k -> slots.size()) : i;
        }
        return new FlatGraph(states, emitting, isFinal, isWord, senone, senones.toArray(new Senone[0]), arcStart,
                arcTarget, arcProbability, byValue, slot, byValue ? slots.size() : n,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static Object key(SearchState s, boolean byValue) {
        return byValue ? new ByValue(s, true) : s;
    }

    /** A state as a key by value: equal to another of the same class that its equals takes for itself. */
    private record ByValue(SearchState state, boolean withProbabilities) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByValue other && other.state.getClass() == state.getClass() && state.equals(other.state)
                    && (!withProbabilities || probabilities(state) == probabilities(other.state));
        }

        @Override
        public int hashCode() {
            return state.hashCode() * 31 + state.getClass().hashCode();
        }
    }

    /** The probabilities a state carries and hands on to its successors, as one long. */
    private static long probabilities(SearchState s) {
        if (!(s instanceof SearchStateArc a)) {
            return 0;
        }
        return ((long) Float.floatToRawIntBits(a.getInsertionProbability()) << 32)
                | (Float.floatToRawIntBits(a.getLanguageProbability()) & 0xffffffffL);
    }

    /** The phone loop's emitting state keeps its HMM state private (it scores with it): read it. */
    private static HMMState phoneHmmState(PhoneHmmSearchState s) {
        return (HMMState) PHONE_HMM_STATE.get(s);
    }

    private static final VarHandle PHONE_HMM_STATE;

    static {
        try {
            PHONE_HMM_STATE = MethodHandles.privateLookupIn(PhoneHmmSearchState.class, MethodHandles.lookup())
                    .findVarHandle(PhoneHmmSearchState.class, "state", HMMState.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Sphinx4's phone-loop state has no HMM state field: " + e, e);
        }
    }
}
