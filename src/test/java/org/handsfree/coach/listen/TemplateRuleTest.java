package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user's-takes rule on its own: which distances confirm, overrule or refuse a verdict. */
final class TemplateRuleTest {
    private static final TemplateRule RULE = new TemplateRule(8, 0.9, 6, 0.9, true, 5.5, 0.85, 0.2, 2);

    /** Distances nearest first, as {@link Templates#distances} gives them. */
    private static Map<String, Double> near(Object... intentAndDistance) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < intentAndDistance.length; i += 2) {
            m.put((String) intentAndDistance[i], ((Number) intentAndDistance[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void anotherPhrasesTakeClearlyNearer_overrulesTheHeardPhrase() {
        TemplateRule.Decision d = RULE.decide("number:8", "accepted", 0.25, near("number:6", 5.0, "number:8", 6.0));
        assertEquals(TemplateRule.Decision.Kind.ACCEPT, d.kind());
        assertEquals("number:6", d.intent());
    }

    @Test
    void aNearerTakeOnlyJustNearer_orTooFar_keepsTheHeardPhrase() {
        // 5.6 / 6.0 = 0.93, over the ratio of 0.9.
        assertEquals(TemplateRule.Decision.Kind.KEEP, RULE.decide("number:8", "accepted", 0.25,
                near("number:6", 5.6, "number:8", 6.0)).kind());
        // Clearly nearer, but farther than overruleNear (6).
        assertEquals(TemplateRule.Decision.Kind.KEEP, RULE.decide("number:8", "accepted", 0.25,
                near("number:6", 6.2, "number:8", 7.5)).kind());
    }

    @Test
    void aHeardPhraseWithNoTakes_isOverruledByANearTakeClearlyNearerThanTheNext() {
        TemplateRule.Decision d = RULE.decide("no", "accepted", 0.25, near("number:0", 5.9, "number:4", 6.8));
        assertEquals("number:0", d.intent());
        // The next phrase's take almost as near: 5.9 / 6.3 = 0.94.
        assertEquals(TemplateRule.Decision.Kind.KEEP, RULE.decide("no", "accepted", 0.25,
                near("number:0", 5.9, "number:4", 6.3)).kind());
    }

    @Test
    void aHeardPhraseTheUserGaveTakesOf_needsItsOwnTakeFartherStill() {
        TemplateRule strict = new TemplateRule(8, 0.9, 6, 0.8, true, 5.5, 0.85, 0.2, 2);
        // 5.0 / 5.8 = 0.86: under the next-phrase ratio, over the own ratio of 0.8.
        assertEquals(TemplateRule.Decision.Kind.KEEP, strict.decide("number:8", "accepted", 0.25,
                near("number:6", 5.0, "number:8", 5.8)).kind());
        // The same distances with a heard phrase the user has no take of: overruled.
        assertEquals("number:6", strict.decide("undo", "accepted", 0.25, near("number:6", 5.0, "number:8", 5.8)).intent());
    }

    @Test
    void overruling_canRejectInstead() {
        TemplateRule rejecting = new TemplateRule(8, 0.9, 6, 0.9, false, 5.5, 0.85, 0.2, 2);
        assertEquals(TemplateRule.Decision.Kind.REJECT, rejecting.decide("number:8", "accepted", 0.25,
                near("number:6", 5.0, "number:8", 6.0)).kind());
        // A low-confidence stretch overruled stays rejected.
        assertEquals(TemplateRule.Decision.Kind.KEEP, rejecting.decide("number:8", CommandRecognizer.LOW_CONFIDENCE, 0.25,
                near("number:6", 5.0, "number:8", 6.0)).kind());
    }

    @Test
    void aLowConfidenceStretch_isConfirmedOnlyByANearAndClearlySeparatedTakeOfItsOwnPhrase() {
        String low = CommandRecognizer.LOW_CONFIDENCE;
        assertEquals(TemplateRule.Decision.Kind.ACCEPT, RULE.decide("number:3", low, 0.25, near("number:3", 5.0, "number:2", 6.5)).kind());
        // Not separated: 5.0 / 5.5 = 0.91.
        assertEquals(TemplateRule.Decision.Kind.KEEP, RULE.decide("number:3", low, 0.25, near("number:3", 5.0, "number:2", 5.5)).kind());
        // Too far.
        assertEquals(TemplateRule.Decision.Kind.KEEP, RULE.decide("number:3", low, 0.25, near("number:3", 5.8, "number:2", 7.5)).kind());
        // Far below the threshold (a cry heard as a command at 0.0): neither confirmed nor overruled.
        assertEquals(TemplateRule.Decision.Kind.KEEP, RULE.decide("number:3", low, 0.1, near("number:3", 5.0, "number:2", 6.5)).kind());
        assertEquals(TemplateRule.Decision.Kind.KEEP, RULE.decide("next", low, 0.0, near("number:4", 5.0, "number:9", 6.5)).kind());
    }

    @Test
    void otherRejections_stand() {
        for (String reason : new String[] {CommandRecognizer.TOO_NOISY, CommandRecognizer.A_CRY, "not for now",
                "not addressed", "out of grammar"}) {
            assertEquals(TemplateRule.Decision.Kind.KEEP, RULE.decide("number:3", reason, 0.25,
                    near("number:6", 4.0, "number:3", 7.0)).kind(), reason);
        }
    }

    @Test
    void aStretchFarFromEveryTake_isNotTheUsersVoice() {
        assertTrue(RULE.notThisVoice(near("number:3", 8.1, "number:2", 9.0)));
        assertFalse(RULE.notThisVoice(near("number:3", 7.9)));
        assertFalse(RULE.notThisVoice(Map.of()));
        assertFalse(TemplateRule.off().notThisVoice(near("number:3", 100.0)));
    }

    @Test
    void theRuleOff_doesNothing() {
        TemplateRule off = TemplateRule.off();
        assertEquals(TemplateRule.Decision.Kind.KEEP, off.decide("number:8", "accepted", 0.25, near("number:6", 1.0, "number:8", 9.0)).kind());
        assertEquals(TemplateRule.Decision.Kind.KEEP, off.decide("number:6", CommandRecognizer.LOW_CONFIDENCE, 0.25,
                near("number:6", 1.0, "number:8", 9.0)).kind());
        assertFalse(off.judgesUndecided(2.9));
        assertTrue(RULE.judgesUndecided(2.0));
        assertFalse(RULE.judgesUndecided(Double.NaN));
    }
}
