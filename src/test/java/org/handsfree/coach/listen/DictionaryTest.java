package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** acoustic/commands.dict, as make-dictionary.py writes it: accents beyond cmudict's American one. */
final class DictionaryTest {
    static Map<String, Set<String>> dictionary() throws IOException {
        Map<String, Set<String>> d = new HashMap<>();
        try (InputStream in = DictionaryTest.class.getResourceAsStream("/acoustic/commands.dict")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] p = line.trim().split("\\s+", 2);
                if (p.length == 2) {
                    d.computeIfAbsent(p[0].replaceAll("\\(\\d+\\)$", ""), k -> new HashSet<>()).add(p[1]);
                }
            }
        }
        return d;
    }

    @Test
    void everyRhoticPronunciation_hasANonRhoticTwin() throws IOException {
        int checked = 0;
        for (Map.Entry<String, Set<String>> e : dictionary().entrySet()) {
            for (String pron : e.getValue()) {
                if (pron.endsWith(" ER")) {
                    String twin = pron.substring(0, pron.length() - 2) + "AH";
                    assertTrue(e.getValue().contains(twin), e.getKey() + ": " + pron + " has no " + twin);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 6, "words ending in ER: " + checked);
    }

    @Test
    void commonAccentVariants_arePresent() throws IOException {
        Map<String, Set<String>> d = dictionary();
        assertTrue(d.get("start").contains("S T AA T"), d.get("start").toString());
        assertTrue(d.get("help").contains("HH EH OW P"), "a vocalised l: " + d.get("help"));
        assertTrue(d.get("faster").contains("F AA S T AH"), "British: " + d.get("faster"));
        assertTrue(d.get("stop").contains("S T AO P"), "the British LOT vowel: " + d.get("stop"));
        assertTrue(!d.get("faster").contains("F AO S T AH"), "the LOT rule leaves the broad A alone");
    }
}
