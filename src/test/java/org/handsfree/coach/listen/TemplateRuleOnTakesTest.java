package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user's-takes rule (adapt.template*, as shipped) on real FSDD takes of george (src/test/resources/enroll, with
 * their licences): a profile from one take of each digit, as the tuning fit of acoustic/README.md "Enrolment,
 * session 12" made them.
 */
final class TemplateRuleOnTakesTest {
    private static CommandRecognizer recognizer;
    private static VoiceProfile profile;

    @BeforeAll
    static void enrol() throws Exception {
        recognizer = CommandRecognizer.load();
        List<Enrolment.Take> takes = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            takes.add(new Enrolment.Take(EnrolmentTest.clip(d + "_george_3.wav"), "number:" + d));
        }
        profile = Enrolment.build(recognizer, takes, Enrolment.Options.standard());
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void aTakeTheModelHearsAsAnotherCommand_isHeardAsItsDigitByTheUsersNearestTake() throws Exception {
        short[] eight = EnrolmentTest.clip("8_george_4.wav");
        recognizer.useProfile(null);
        List<Verdict> plain = recognizer.judgeAll(eight);
        recognizer.useProfile(profile);
        List<Verdict> with = recognizer.judgeAll(eight);
        recognizer.useProfile(null);
        assertEquals(1, plain.size());
        assertEquals(1, with.size());
        // Without the rule's help the take is a command the user never said.
        assertTrue(plain.get(0).accepted() && !plain.get(0).intent().equals("number:8"), plain.toString());
        Verdict v = with.get(0);
        assertFalse(v.withProfile(), "the profile fitted it by " + v.profileFit() + ": not a stretch the rule is for");
        assertEquals("number:8", v.templates().keySet().iterator().next(), v.templates().toString());
        assertTrue(v.accepted(), v.toString());
        assertEquals("number:8", v.intent());
        assertEquals("eight", v.text());
        assertEquals("overruled " + plain.get(0).intent(), v.templateRule());
    }
}
