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
        profile = Enrolment.build(recognizer, EnrolmentTest.takes("george", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3),
                Enrolment.Options.standard());
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void realNonCommandsThroughATelephoneBand_stayRejected_thoughTheUsersTakesAreWeighed() throws Exception {
        // Real non-commands (src/test/resources/real and enroll, with their sources), through an 8 kHz channel so the
        // narrowband profile and its templates meet them.
        List<short[]> clips = new ArrayList<>();
        for (String name : List.of("speech_conversational_001.wav", "oov_word_036.wav", "noise_misc_014.wav",
                "baby_cry_214.wav", "baby_cry_271.wav")) {
            clips.add(CommandRecognizerTest.resource("/real/" + name));
        }
        clips.add(EnrolmentTest.clip("speech_order_001.wav"));
        clips.add(EnrolmentTest.clip("baby_cry_003.wav"));
        int weighed = 0;
        for (short[] wide : clips) {
            short[] pcm = org.handsfree.coach.audio.Resampler.throughChannel(wide, 16000, 8000);
            recognizer.useProfile(null);
            long without = recognizer.judgeAll(pcm).stream().filter(Verdict::accepted).count();
            recognizer.useProfile(profile);
            List<Verdict> with = recognizer.judgeAll(pcm);
            recognizer.useProfile(null);
            weighed += (int) with.stream().filter(v -> !v.templates().isEmpty()).count();
            assertTrue(with.stream().filter(Verdict::accepted).count() <= without, with.toString());
        }
        assertTrue(weighed > 0, "no stretch met the user's takes");
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
