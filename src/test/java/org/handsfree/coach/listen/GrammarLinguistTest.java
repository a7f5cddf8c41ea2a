package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.cmu.sphinx.linguist.Linguist;
import edu.cmu.sphinx.linguist.SearchState;
import edu.cmu.sphinx.linguist.SearchStateArc;
import edu.cmu.sphinx.linguist.flat.FlatLinguist;
import edu.cmu.sphinx.linguist.flat.SentenceHMMState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grammar linguist of decoder.xml ({@link SphinxDecoder.GrammarLinguist}) compiles the same search graph as
 * Sphinx4's own flat linguist, from which it differs only by not walking the finished graph to count its states.
 */
final class GrammarLinguistTest {
    @Test
    void theGrammarLinguist_compilesTheSameGraphAsSphinx4sFlatLinguist(@TempDir Path dir) throws Exception {
        RecognizerSettings settings = CommandRecognizer.settings(Map.of());
        String jsgf = org.handsfree.coach.grammar.CommandGrammar.builtIn().decoderGrammar(null);
        String ours = new String(CommandRecognizer.class.getResourceAsStream(CommandRecognizer.CONFIG).readAllBytes(),
                StandardCharsets.UTF_8);
        String theirs = ours.replace(SphinxDecoder.GrammarLinguist.class.getName(), FlatLinguist.class.getName());
        assertTrue(!theirs.equals(ours), "decoder.xml names the grammar linguist");
        Path sphinx4 = dir.resolve("decoder.xml");
        Files.writeString(sphinx4, theirs);

        List<String> a;
        List<String> b;
        try (SphinxDecoder decoder = SphinxDecoder.load(CommandRecognizer.class.getResource(CommandRecognizer.CONFIG),
                settings.search(), jsgf)) {
            assertInstanceOf(SphinxDecoder.GrammarLinguist.class, decoder.grammarLinguist());
            a = graph(decoder.grammarLinguist());
        }
        try (SphinxDecoder decoder = SphinxDecoder.load(sphinx4.toUri().toURL(), settings.search(), jsgf)) {
            assertSame(FlatLinguist.class, decoder.grammarLinguist().getClass());
            b = graph(decoder.grammarLinguist());
        }
        assertTrue(a.size() > 1000, "the graph has " + a.size() + " states");
        assertEquals(b.size(), a.size());
        assertEquals(b, a);
    }

    /**
     * Every state of the linguist's graph with its arcs (the next state and both probabilities), sorted. States are
     * named by their signature without numbers: grammar nodes and states take ids from counters that run on across
     * the two loads, so the same graph gets different numbers the second time.
     */
    private static List<String> graph(Linguist linguist) {
        SentenceHMMState initial = (SentenceHMMState) linguist.getSearchGraph().getInitialState();
        List<String> lines = new ArrayList<>();
        for (SentenceHMMState s : SentenceHMMState.collectStates(initial)) {
            List<String> arcs = new ArrayList<>();
            for (SearchStateArc arc : s.getSuccessors()) {
                arcs.add(shape(arc.getState()) + "@" + arc.getLanguageProbability() + "/"
                        + arc.getInsertionProbability());
            }
            Collections.sort(arcs);
            lines.add(shape(s) + (s.isEmitting() ? " e " : " - ") + arcs);
        }
        Collections.sort(lines);
        return lines;
    }

    private static String shape(SearchState state) {
        return state.getSignature().replaceAll("[0-9]+", "#");
    }
}
