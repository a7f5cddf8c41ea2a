package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user's takes as templates, on real takes of FSDD george and jackson (src/test/resources/enroll, with their
 * licences): george's profile from his takes 3-5 of two, three and six.
 */
final class TemplatesTest {
    private static final int[] DIGITS = {2, 3, 6};
    private static CommandRecognizer recognizer;
    private static VoiceProfile profile;

    @BeforeAll
    static void enrol() throws Exception {
        recognizer = CommandRecognizer.load();
        profile = Enrolment.build(recognizer, EnrolmentTest.takes("george", DIGITS, 3, 5), Enrolment.Options.standard());
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void enrolment_keepsEachTakesSpeechAsATemplateOfItsPhrase() {
        Templates t = profile.templates();
        assertEquals(List.of("number:2", "number:3", "number:6"), List.copyOf(t.byIntent().keySet()));
        for (List<float[][]> takes : t.byIntent().values()) {
            assertEquals(3, takes.size());
            for (float[][] take : takes) {
                // One digit of FSDD is about a third to two thirds of a second of speech: 10 ms frames.
                assertTrue(take.length >= 20 && take.length <= 100, "frames " + take.length);
                assertEquals(39, take[0].length);
            }
        }
    }

    @Test
    void aTakeOfTheSameVoice_isNearestItsOwnPhrase_andOtherSoundIsFartherFromEveryTemplate() throws Exception {
        List<Double> own = new ArrayList<>();
        int nearestOwn = 0;
        int n = 0;
        for (int d : DIGITS) {
            for (int t = 6; t <= 13; t++) {
                Map<String, Double> dist = profile.templates().distances(
                        recognizer.speechFeatures(EnrolmentTest.clip(d + "_george_" + t + ".wav")), null);
                String nearest = dist.keySet().iterator().next();
                nearestOwn += nearest.equals("number:" + d) ? 1 : 0;
                own.add(dist.get("number:" + d));
                n++;
            }
        }
        List<Double> other = new ArrayList<>();
        for (String name : List.of("2_jackson_3.wav", "3_jackson_3.wav", "6_jackson_3.wav", "2_jackson_4.wav",
                "3_jackson_4.wav", "6_jackson_4.wav", "speech_order_001.wav")) {
            other.add(profile.templates().distances(recognizer.speechFeatures(EnrolmentTest.clip(name)), null).values()
                    .stream().min(Double::compare).orElse(Double.POSITIVE_INFINITY));
        }
        double ownMedian = own.stream().sorted().toList().get(own.size() / 2);
        double otherMedian = other.stream().sorted().toList().get(other.size() / 2);
        System.out.printf(java.util.Locale.ROOT, "templates: george's other takes nearest their own digit %d of %d; distance"
                + " to it median %.3f; jackson and an order, nearest template median %.3f%n", nearestOwn, n, ownMedian,
                otherMedian);
        assertTrue(nearestOwn >= n - 2, nearestOwn + " of " + n);
        assertTrue(otherMedian > ownMedian * 1.1, "own " + own + " other " + other);
    }

    @Test
    void dynamicTimeWarping_ofATakeWithItself_isZero_andATimeStretchedCopyIsNearerThanAnotherTake() {
        float[][] a = profile.templates().byIntent().get("number:2").get(0);
        float[][] slow = new float[a.length * 3 / 2][];
        for (int i = 0; i < slow.length; i++) {
            slow[i] = a[i * 2 / 3];
        }
        float[][] other = profile.templates().byIntent().get("number:6").get(0);
        Templates one = new Templates(Map.of("number:2", List.<float[][]>of(a)));
        assertEquals(0.0, one.distances(a, null).get("number:2"), 1e-9);
        double stretched = one.distances(slow, null).get("number:2");
        double different = one.distances(other, null).get("number:2");
        assertTrue(stretched < different / 3, "a slower copy " + stretched + ", another digit " + different);
        // Far too long against the template: not compared at all.
        float[][] tooLong = new float[a.length * 3][];
        for (int i = 0; i < tooLong.length; i++) {
            tooLong[i] = a[i / 3];
        }
        assertTrue(one.distances(tooLong, null).isEmpty());
    }

    @Test
    void aHighVoiceThatTheCryGateStops_isHeardWhenItFitsTheProfileAndItsOwnTakes_aRealCryAndOrderAreNot() throws Exception {
        // FSDD jackson's "six" is pitched high enough for the gate that stops a baby's cry or a whistle.
        List<Enrolment.Take> takes = new ArrayList<>();
        for (int d : DIGITS) {
            for (int t = 3; t <= 5; t++) {
                takes.add(new Enrolment.Take(EnrolmentTest.clip(d + "_jackson_" + t + ".wav"), "number:" + d));
            }
        }
        VoiceProfile jackson = Enrolment.build(recognizer, takes, Enrolment.Options.standard());
        int gatedWithout = 0;
        int heardWith = 0;
        int gated = 0;
        for (int t = 6; t <= 8; t++) {
            short[] pcm = EnrolmentTest.clip("6_jackson_" + t + ".wav");
            recognizer.useProfile(null);
            List<Verdict> without = recognizer.judgeAll(pcm);
            boolean stopped = without.stream().anyMatch(v -> v.reason().startsWith("pitch too high"));
            gatedWithout += stopped ? 1 : 0;
            recognizer.useProfile(jackson);
            List<Verdict> with = recognizer.judgeAll(pcm);
            if (stopped) {
                gated++;
                heardWith += with.stream().filter(Verdict::accepted).map(Verdict::intent).toList().equals(List.of("number:6"))
                        ? 1 : 0;
            }
        }
        assertTrue(gatedWithout >= 1, "none of jackson's sixes was stopped by the pitch gate");
        assertEquals(gated, heardWith, "of " + gated + " sixes the gate stopped, heard with the profile: " + heardWith);
        // Asked to fit by more than these sixes fit (adapt.templateGateFit), the profile leaves them to the gate.
        try (CommandRecognizer strict = CommandRecognizer.load(Map.of("adapt.templateGateFit", "9"))) {
            VoiceProfile again = Enrolment.build(strict, takes, Enrolment.Options.standard());
            strict.useProfile(again);
            for (int t = 6; t <= 8; t++) {
                List<Verdict> with = strict.judgeAll(EnrolmentTest.clip("6_jackson_" + t + ".wav"));
                assertTrue(with.stream().noneMatch(v -> v.accepted() && !v.gateOverridden().isEmpty()), t + ": " + with);
            }
        }
        for (String name : List.of("baby_cry_003.wav", "speech_order_001.wav")) {
            recognizer.useProfile(jackson);
            List<Verdict> with = recognizer.judgeAll(EnrolmentTest.clip(name));
            recognizer.useProfile(null);
            assertTrue(with.stream().noneMatch(Verdict::accepted), name + ": " + with);
        }
    }

    @Test
    void aWordOfTheUsersCutShorterThanTheGateAllows_isHeardWhenItFitsTheProfileAndItsOwnTakes() throws Exception {
        // george's sixes 26 dB quieter (a far microphone): the endpointer keeps little more than their vowel, shorter
        // than gate.minSeconds allows any stretch.
        int cut = 0;
        int heard = 0;
        try (CommandRecognizer off = CommandRecognizer.load(Map.of("adapt.templateShortSeconds", "0"))) {
            off.useProfile(profile);
            recognizer.useProfile(profile);
            for (int t = 6; t <= 13; t++) {
                short[] pcm = OwnVoiceDitherTest.scaled(EnrolmentTest.clip("6_george_" + t + ".wav"), 0.05);
                List<Verdict> without = off.judgeAll(pcm);
                if (without.stream().noneMatch(v -> v.reason().equals("too short"))) {
                    continue;
                }
                cut++;
                assertTrue(without.stream().noneMatch(Verdict::accepted), t + ": " + without);
                List<Verdict> with = recognizer.judgeAll(pcm);
                List<Verdict> accepted = with.stream().filter(Verdict::accepted).toList();
                heard += accepted.size() == 1 && accepted.get(0).intent().equals("number:6")
                        && accepted.get(0).gateOverridden().equals("too short") ? 1 : 0;
            }
            // Another voice as quiet, cut as short, is not taken for george's.
            int otherCut = 0;
            for (int d : DIGITS) {
                for (int t = 3; t <= 8; t++) {
                    short[] pcm = OwnVoiceDitherTest.scaled(EnrolmentTest.clip(d + "_jackson_" + t + ".wav"), 0.03);
                    List<Verdict> with = recognizer.judgeAll(pcm);
                    otherCut += with.stream().anyMatch(v -> v.reason().equals("too short")) ? 1 : 0;
                    assertTrue(with.stream().noneMatch(v -> v.accepted() && v.gateOverridden().equals("too short")),
                            d + "_jackson_" + t + ": " + with);
                }
            }
            assertTrue(otherCut >= 1, "none of jackson's quiet takes was too short");
        } finally {
            recognizer.useProfile(null);
        }
        assertTrue(cut >= 2, "only " + cut + " of george's quiet sixes were too short");
        assertEquals(cut, heard, "of " + cut + " sixes too short for the gate, heard with adapt.templateShortSeconds: " + heard);
    }
}
