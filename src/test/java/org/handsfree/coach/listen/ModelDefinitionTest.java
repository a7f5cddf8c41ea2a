package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model definition cut down to the triphones a dictionary can use. */
final class ModelDefinitionTest {
    @Test
    void aWordsPhonesNeedTheirNeighbours_andAtItsEdgesAnyWordsOrSilence() {
        Set<String> c = SphinxDecoder.Model.contexts("go G OW\nno N OW\n");
        assertTrue(c.contains("SIL G OW"));
        assertFalse(c.contains("N G OW"), "no word ends in N");
        assertTrue(c.contains("OW G OW"), "'go' after 'no' or 'go'");
        assertTrue(c.contains("G OW N"), "'go' before 'no'");
        assertTrue(c.contains("N OW SIL"));
        assertFalse(c.contains("G N OW"), "no word has G before N");
        assertFalse(c.contains("OW OW G"));
    }

    @Test
    void onlyTheTriphonesInUseAreKept_withTheCountsToMatch() {
        String mdef = String.join("\n",
                "0.3",
                "2 n_base",
                "3 n_tri",
                "20 n_state_map",
                "9 n_tied_state",
                "6 n_tied_ci_state",
                "2 n_tied_tmat",
                "#",
                "# Columns definitions",
                "#base lft  rt p attrib tmat      ... state id's ...",
                "   G   -   - -    n/a    0      0    1    2 N",
                "  OW   -   - -    n/a    1      3    4    5 N",
                "   G SIL  OW b    n/a    0      6    1    2 N",
                "   G  OW  OW i    n/a    0      7    1    2 N",
                "  OW   G SIL e    n/a    1      3    8    5 N",
                "");
        String trimmed = new String(SphinxDecoder.Model.trim(mdef, Set.of("SIL G OW", "G OW SIL")),
                StandardCharsets.US_ASCII);
        assertTrue(trimmed.contains("\n2 n_tri\n"), trimmed);
        assertTrue(trimmed.contains("\n16 n_state_map\n"), trimmed);
        assertTrue(trimmed.contains("   G SIL  OW b    n/a    0      6    1    2 N"), trimmed);
        assertTrue(trimmed.contains("  OW   G SIL e    n/a    1      3    8    5 N"), trimmed);
        assertFalse(trimmed.contains("   G  OW  OW i"), trimmed);
        assertTrue(trimmed.contains("  OW   -   - -    n/a    1      3    4    5 N"), trimmed);
        assertTrue(trimmed.contains("\n9 n_tied_state\n"), trimmed);
    }
}
