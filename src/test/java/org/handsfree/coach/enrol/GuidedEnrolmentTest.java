package org.handsfree.coach.enrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.handsfree.coach.grammar.CommandGrammar;
import org.junit.jupiter.api.Test;

/** The order in which the guided enrolment asks its phrases (the session itself: {@code GuidedEnrolCliTest}). */
final class GuidedEnrolmentTest {
    private final CommandGrammar grammar = CommandGrammar.builtIn();

    @Test
    void theBuiltInScript_asksFiftyTakes_numbersThrice_andEndsWithTenThenSixTwice() {
        List<String> intents = GuidedEnrolment.intents(grammar, GuidedEnrolment.SCRIPT);
        List<Integer> order = GuidedEnrolment.order(intents);
        // 19 phrases twice, the 10 numbers once more, "six" twice more.
        assertEquals(19 * 2 + 10 + 2, order.size());
        int six = GuidedEnrolment.SCRIPT.indexOf("six");
        int ten = GuidedEnrolment.SCRIPT.indexOf("ten");
        assertEquals(List.of(ten, six, six), order.subList(order.size() - 3, order.size()));
        assertEquals(5, Collections.frequency(order, six));
        assertEquals(3, Collections.frequency(order, GuidedEnrolment.SCRIPT.indexOf("one")));
        assertEquals(2, Collections.frequency(order, GuidedEnrolment.SCRIPT.indexOf("next step")));
        // Both rounds first, each in the script's order.
        for (int i = 0; i < 2 * GuidedEnrolment.SCRIPT.size(); i++) {
            assertEquals(i % GuidedEnrolment.SCRIPT.size(), order.get(i));
        }
    }

    @Test
    void aScriptWithoutSix_isTwiceItsPhrases_andThriceItsNumbers() {
        List<Integer> order = GuidedEnrolment.order(
                GuidedEnrolment.intents(grammar, List.of("next step", "three", "pause")));
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 1), order);
    }

    @Test
    void twoThreeSix_askSixTwiceMoreAfterTheThirdRound() {
        List<Integer> order = GuidedEnrolment.order(GuidedEnrolment.intents(grammar, List.of("two", "three", "six")));
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 2), order);
    }

    @Test
    void aPhraseTheCoachDoesNotKnow_isNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuidedEnrolment.intents(grammar, List.of("next step", "fly me to the moon")));
        assertEquals("'fly me to the moon' is not a phrase the coach knows (see ./coach phrases)", e.getMessage());
    }
}
