package org.handsfree.coach.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.speech.freetts.en.us.CMULexicon;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The voice's lexicon in flat arrays: every entry as FreeTTS's own map has it, and nothing else. */
final class CompactLexiconTest {
    @Test
    void lookups_findEveryKeyAndOnlyThose_evenWhereOneKeyIsTheStartOfAnother() {
        Map<String, String[]> map = new LinkedHashMap<>();
        map.put("restn", new String[] {"r", "eh1", "s", "t"});
        map.put("rest", new String[] {"r", "eh1", "s", "t"});
        map.put("pressv", new String[] {"p", "r", "eh1", "s"});
        map.put("a", new String[] {"ax0"});
        map.put("ab", new String[0]);
        CompactLexicon c = CompactLexicon.of(map);
        assertEquals(5, c.size());
        for (Map.Entry<String, String[]> e : map.entrySet()) {
            assertArrayEquals(e.getValue(), c.get(e.getKey()), e.getKey());
        }
        assertNull(c.get("res"));
        assertNull(c.get("restnn"));
        assertNull(c.get(""));
        assertNull(c.get(42));
        assertFalse(c.containsKey("press"));
        assertTrue(c.containsKey("ab"));
        assertEquals(map.keySet(), c.keySet());
    }

    @Test
    void aValueThatIsNotPhones_isRefused() {
        Map<String, Object> map = Map.of("rest", "r eh1 s t");
        assertThrows(IllegalArgumentException.class, () -> CompactLexicon.of(map));
    }

    /** FreeTTS's own reading of the lexicon the voice uses, into its own map. */
    private static final class OwnReading extends CMULexicon {
        OwnReading() throws IOException {
            super("cmulex");
        }

        Map<?, ?> read() throws IOException {
            try (InputStream in = CMULexicon.class.getResourceAsStream("cmulex_compiled.bin")) {
                return createLexicon(in, true, 65_000);
            }
        }
    }

    @Test
    void theVoicesLexicon_hasEveryEntryFreeTtsReads_withTheSamePhones() throws IOException {
        Map<?, ?> own = new OwnReading().read();
        assertTrue(own.size() > 60_000, "entries: " + own.size());
        CompactLexicon c = CompactLexicon.of(own);
        assertEquals(own.size(), c.size());
        for (Map.Entry<?, ?> e : own.entrySet()) {
            assertArrayEquals((String[]) e.getValue(), c.get(e.getKey()), (String) e.getKey());
        }
    }
}
