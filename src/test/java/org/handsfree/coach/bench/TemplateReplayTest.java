package org.handsfree.coach.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.handsfree.coach.listen.TemplateRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench enroll --verdicts: the user's-takes rule replayed on a dump counts clips as the recognizer would. */
final class TemplateReplayTest {
    private static final String HEAD = "profile\tpart\tspeaker\tclip\tstretch\texpected\tfit\twith\twithout\tdecided\theard"
            + "\treason\ttemplates\tconfidence\tplainHeard\tplainReason\tplainConfidence\ttemplateRule";

    private static String row(String part, String speaker, String clip, String expected, double fit, String with,
                              String without, String decided, String heard, String reason, String templates) {
        return String.join("\t", "a", part, speaker, clip, "0", expected, Double.toString(fit), with, without, decided,
                heard, reason, templates, "0.5", without, "accepted", "0.5", "-");
    }

    private static TemplateReplay.Row parsed(double fit, String with, String without, boolean decided, String heard,
                                             String reason, Map<String, Double> d) {
        return new TemplateReplay.Row("f", "a", "own", "a", "1_a_3.wav", "number:1", fit, with, without, decided, heard,
                reason, d, 0.5);
    }

    @Test
    void aRow_isReplayedAsTheRecognizerWouldDecide() {
        TemplateRule rule = new TemplateRule(8, 0.9, 6, 0.9, true, 5.5, 0.85, 0.2, 2);
        Map<String, Double> nearOne = new java.util.LinkedHashMap<>(Map.of());
        nearOne.put("number:1", 5.0);
        nearOne.put("number:7", 6.2);
        // The profile heard seven; the nearest take is one's, clearly: one.
        assertEquals("number:1", TemplateReplay.replay(rule, parsed(4, "number:7", "number:7", true, "number:7", "accepted",
                nearOne)));
        // Undecided (fit 1 < undecidedFit 2): kept as the plain model heard it.
        assertEquals("number:7", TemplateReplay.replay(rule, parsed(1, "number:7", "number:7", false, "number:7", "accepted",
                nearOne)));
        // Undecided but fitted by 2.5: the rule meets it.
        assertEquals("number:1", TemplateReplay.replay(rule, parsed(2.5, "number:7", "number:7", false, "number:7",
                "accepted", nearOne)));
        // Far from every take: the plain model's verdict.
        Map<String, Double> far = new java.util.LinkedHashMap<>();
        far.put("number:1", 9.0);
        assertEquals("-", TemplateReplay.replay(rule, parsed(4, "number:1", "-", true, "number:1", "accepted", far)));
    }

    @Test
    void aDump_isCountedPerProfileAndSpeaker_beforeAndAfter_andLaterTakesAreLeftOut(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("d.tsv");
        Files.write(dump, List.of(HEAD,
                row("own", "a", "1_a_3.wav", "number:1", 4, "number:7", "number:7", "profile", "number:7", "accepted",
                        "number:1=5.0;number:7=6.2"),
                row("own", "a", "2_a_3.wav", "number:2", 4, "number:2", "-", "profile", "number:2", "accepted",
                        "number:2=5.0;number:7=6.2"),
                // The second test take of three: past the first one, left out.
                row("own", "a", "3_a_8.wav", "number:3", 4, "number:3", "-", "profile", "number:3", "accepted",
                        "number:3=4.0;number:7=6.2"),
                row("own", "a", "3_a_9.wav", "number:3", 4, "-", "-", "profile", "number:3", "low confidence",
                        "number:3=4.0;number:7=6.2"),
                row("non", "", "cry.wav", "-", 4, "number:7", "-", "profile", "number:7", "accepted",
                        "number:7=9.5;number:1=9.9")));
        StringWriter text = new StringWriter();
        int code = new TemplateReplay(new PrintWriter(text, true)).run(List.of(dump),
                new TemplateRule(8, 0.9, 6, 0.9, true, 5.5, 0.85, 0.2, 2), 1, false);
        assertEquals(0, code);
        String out = text.toString();
        assertTrue(out.contains("own:a 2 -> 3 of 3 (0)"), out);
        assertTrue(out.contains("non: 1 -> 0 of 1 (0)"), out);
    }
}
