package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.handsfree.coach.audio.WavReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Enrolment on real takes of one FSDD speaker (src/test/resources/enroll, with their licences). */
final class EnrolmentTest {
    private static final int[] DIGITS = {2, 3, 6};
    private static CommandRecognizer recognizer;
    private static VoiceProfile profile;
    private static List<Enrolment.Take> tests = new ArrayList<>();

    static short[] clip(String name) throws Exception {
        return WavReader.read(Path.of(EnrolmentTest.class.getResource("/enroll/" + name).toURI()));
    }

    /** {@code speaker}'s takes {@code first} to {@code last} of each of {@code digits}, digit by digit, labelled. */
    static List<Enrolment.Take> takes(String speaker, int[] digits, int first, int last) throws Exception {
        List<Enrolment.Take> out = new ArrayList<>();
        for (int d : digits) {
            for (int t = first; t <= last; t++) {
                out.add(new Enrolment.Take(clip(d + "_" + speaker + "_" + t + ".wav"), "number:" + d));
            }
        }
        return out;
    }

    @BeforeAll
    static void enrol() throws Exception {
        recognizer = CommandRecognizer.load();
        List<Enrolment.Take> takes = new ArrayList<>();
        for (int d : DIGITS) {
            for (int t = 3; t <= 13; t++) {
                Enrolment.Take take = new Enrolment.Take(clip(d + "_george_" + t + ".wav"), "number:" + d);
                (t <= 5 ? takes : tests).add(take);
            }
        }
        profile = Enrolment.build(recognizer, takes, Enrolment.Options.standard());
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    private static boolean right(Enrolment.Take t) {
        List<Utterance> heard = recognizer.recognizeAll(t.pcm()).stream().filter(h -> h instanceof Utterance)
                .map(h -> (Utterance) h).toList();
        return heard.size() == 1 && heard.get(0).intent().toString().equals(t.intent());
    }

    @Test
    void enrolling_liftsTheSpeakerOnTakesNotUsedToEnrol() {
        recognizer.useProfile(null);
        boolean[] before = new boolean[tests.size()];
        int without = 0;
        for (int i = 0; i < tests.size(); i++) {
            before[i] = right(tests.get(i));
            without += before[i] ? 1 : 0;
        }
        recognizer.useProfile(profile);
        int with = 0;
        int fixed = 0;
        for (int i = 0; i < tests.size(); i++) {
            boolean after = right(tests.get(i));
            with += after ? 1 : 0;
            fixed += after && !before[i] ? 1 : 0;
        }
        recognizer.useProfile(null);
        assertTrue(fixed > 0, "no take the model got wrong is right with the profile");
        assertTrue(with >= without + 4, "right without a profile " + without + ", with " + with + " of " + tests.size());
        assertTrue(with >= tests.size() - 2, "with the profile " + with + " of " + tests.size());
    }

    @Test
    void aProfile_acceptsNoMoreOfRealNonCommandsThanNoProfile() throws Exception {
        for (String name : List.of("speech_order_001.wav", "baby_cry_003.wav")) {
            recognizer.useProfile(null);
            List<Hearing> without = recognizer.recognizeAll(clip(name));
            recognizer.useProfile(profile);
            List<Hearing> with = recognizer.recognizeAll(clip(name));
            recognizer.useProfile(null);
            assertFalse(with.isEmpty(), name + ": nothing heard at all");
            assertTrue(with.stream().filter(h -> h instanceof Utterance).count()
                    <= without.stream().filter(h -> h instanceof Utterance).count(), name + ": " + without + " -> " + with);
        }
    }

    @Test
    void aTakeTheWholeGrammarHearsAsAnotherPhrase_isStillAlignedWithItsOwnPhraseOverEveryFrame() {
        recognizer.useProfile(null);
        Enrolment.Take wrong = tests.stream().filter(t -> !right(t)).findFirst()
                .orElseThrow(() -> new AssertionError("the plain model got every test take right"));
        Mllr stats = recognizer.newAdaptation();
        long stretches = recognizer.judgeAll(wrong.pcm()).stream().filter(Verdict::decoded).count();
        assertTrue(stretches >= 1);
        assertEquals(stretches, recognizer.align(wrong.pcm(), recognizer.wordingsOf(wrong.intent()), Enrolment.PHRASE_BEAM,
                stats));
        // The path runs from the lead-in to the tail: every frame the decoder got is aligned, at least the take's own.
        assertTrue(stats.frames() >= wrong.pcm().length / 160 * 0.8, stats.frames() + " frames of a take of "
                + wrong.pcm().length / 160);
    }

    @Test
    void aTakeHeardAsItsPhrase_isAlignedByThePhraseSearchExactlyAsByTheWholeGrammar() {
        recognizer.useProfile(null);
        Enrolment.Take heard = tests.stream().filter(EnrolmentTest::right).findFirst()
                .orElseThrow(() -> new AssertionError("the plain model got no test take right"));
        Mllr whole = recognizer.newAdaptation();
        Mllr phrase = recognizer.newAdaptation();
        assertEquals(1, recognizer.collect(heard.pcm(), heard.intent(), whole, true));
        assertEquals(1, recognizer.align(heard.pcm(), recognizer.wordingsOf(heard.intent()), Enrolment.PHRASE_BEAM, phrase));
        assertEquals(whole.frames(), phrase.frames());
        double total = 0;
        double moved = 0;
        for (int i = 0; i < whole.gaussians(); i++) {
            total += whole.occupancy(i);
            moved += Math.abs(whole.occupancy(i) - phrase.occupancy(i));
        }
        assertTrue(total > 0 && moved < 1e-6 * total, "occupancy moved " + moved + " of " + total);
    }

    @Test
    void eachPhrasesSearch_isCompiledOnce_andAlignsOnlyThatPhrase() {
        Enrolment.Take take = tests.get(0);
        recognizer.align(take.pcm(), List.of("two"), Enrolment.PHRASE_BEAM, recognizer.newAdaptation());
        recognizer.align(take.pcm(), List.of("six"), Enrolment.PHRASE_BEAM, recognizer.newAdaptation());
        int compiled = recognizer.decoder().phraseSearches();
        Mllr two = recognizer.newAdaptation();
        Mllr six = recognizer.newAdaptation();
        recognizer.align(take.pcm(), List.of("two"), Enrolment.PHRASE_BEAM, two);
        recognizer.align(take.pcm(), List.of("six"), Enrolment.PHRASE_BEAM, six);
        assertEquals(compiled, recognizer.decoder().phraseSearches());
        // The same frames, through different phones: the Gaussians they reach differ.
        assertEquals(two.frames(), six.frames());
        int differ = 0;
        for (int i = 0; i < two.gaussians(); i++) {
            differ += Math.abs(two.occupancy(i) - six.occupancy(i)) > 1 ? 1 : 0;
        }
        assertTrue(differ > 20, "Gaussians whose occupancy differs by a frame: " + differ);
    }

    @Test
    void aCommandKnownToBeAnother_isLearnedAsThatOne_onlyWithAProfileInUse() throws Exception {
        short[] six = clip("6_george_9.wav");
        recognizer.useProfile(null);
        assertNull(recognizer.learnedAs(six, "number:6", Enrolment.PHRASE_BEAM), "no profile: nothing to learn into");
        recognizer.useProfile(profile);
        try {
            assertNull(recognizer.learnedAs(six, "no such intent", Enrolment.PHRASE_BEAM));
            // The stretch the coach heard (learned as accepted) and the same stretch aligned with "six" only.
            LearnedStats[] heard = {null};
            recognizer.learnInto((start, end, stats) -> heard[0] = stats);
            List<Verdict> verdicts = recognizer.judgeAll(six);
            recognizer.learnInto(null);
            assertTrue(verdicts.stream().anyMatch(v -> v.accepted() && v.intent().equals("number:6")),
                    verdicts.toString());
            assertNotNull(heard[0], "an accepted six the profile decided is learned");
            LearnedStats meant = recognizer.learnedAs(six, "number:6", Enrolment.PHRASE_BEAM);
            assertEquals(1, meant.stretches());
            assertTrue(meant.frames() >= 30 && meant.frames() <= 150, "frames: " + meant.frames());
            assertEquals(heard[0].frames(), meant.frames(), 10,
                    "the phrase's alignment covers the stretch as the decode did");
            // A three aligned as "six" is forced through six's phones: it still teaches frames, as a correction would.
            short[] three = clip("3_george_9.wav");
            List<String> threeBefore = recognizer.judgeAll(three).stream().map(Verdict::intent).toList();
            LearnedStats forced = recognizer.learnedAs(three, "number:6", Enrolment.PHRASE_BEAM);
            assertEquals(1, forced.stretches());
            assertTrue(forced.frames() >= 30, "frames: " + forced.frames());
            // Afterwards the recognizer decodes as before: nothing of the alignment is left in force.
            assertEquals(threeBefore, recognizer.judgeAll(three).stream().map(Verdict::intent).toList());
            assertTrue(threeBefore.contains("number:3"), threeBefore.toString());
        } finally {
            recognizer.learnInto(null);
            recognizer.useProfile(null);
        }
    }

    @Test
    void theProfile_holdsTheSpeakersOwnMeansAndWeights_andFitsThisModelOnly() {
        assertTrue(profile.model().means().size() > 100, profile.describe());
        assertTrue(profile.model().logWeights().size() > 10, profile.describe());
        VoiceProfile foreign = new VoiceProfile("another model", profile.takes(), profile.seconds(), profile.narrowband(), profile.model());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> recognizer.useProfile(foreign));
        assertEquals("the voice profile was made for another acoustic model", e.getMessage());
    }

    @Test
    void anotherSpeaker_isHeardAsWithoutAProfile_becauseTheProfileDoesNotFitTheirVoice() throws Exception {
        double margin = CommandRecognizer.settings(java.util.Map.of()).adapt().profileFitMargin();
        List<Double> own = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        recognizer.useProfile(profile);
        for (Enrolment.Take t : tests) {
            recognizer.judgeAll(t.pcm()).stream().filter(Verdict::decoded).forEach(v -> own.add(v.profileFit()));
        }
        int decidedByProfile = 0;
        List<String> ruled = new ArrayList<>();
        for (int d : DIGITS) {
            for (int t = 3; t <= 8; t++) {
                short[] pcm = clip(d + "_jackson_" + t + ".wav");
                recognizer.useProfile(null);
                List<Verdict> without = recognizer.judgeAll(pcm);
                recognizer.useProfile(profile);
                List<Verdict> with = recognizer.judgeAll(pcm);
                assertEquals(without.size(), with.size(), d + "_jackson_" + t);
                for (int i = 0; i < with.size(); i++) {
                    Verdict w = with.get(i);
                    if (w.decoded()) {
                        other.add(w.profileFit());
                    }
                    decidedByProfile += w.withProfile() ? 1 : 0;
                    if (!w.withProfile() && !w.templateRule().isEmpty()) {
                        // The user's takes met a stretch the profile fitted a little (adapt.templateUndecidedFit): they
                        // may change the plain verdict, but never make a digit jackson said right into a wrong one.
                        ruled.add(d + "_jackson_" + t + " " + w.templateRule() + " -> " + w.intent() + " (fit "
                                + w.profileFit() + ")");
                        String expected = "number:" + d;
                        assertFalse(without.get(i).accepted() && without.get(i).intent().equals(expected)
                                && !(w.accepted() && w.intent().equals(expected)), ruled.toString());
                    } else if (!w.withProfile()) {
                        assertEquals(without.get(i).text(), w.text(), d + "_jackson_" + t);
                        assertEquals(without.get(i).accepted(), w.accepted(), d + "_jackson_" + t);
                        assertEquals(without.get(i).confidence(), w.confidence(), 1e-9, d + "_jackson_" + t);
                    }
                }
            }
        }
        recognizer.useProfile(null);
        double ownMedian = own.stream().filter(f -> !f.isNaN()).sorted().toList().get(own.size() / 2);
        double otherMedian = other.stream().filter(f -> !f.isNaN()).sorted().toList().get(other.size() / 2);
        System.out.printf(java.util.Locale.ROOT, "profile fit (nats per frame): george's own takes median %.2f, jackson's"
                + " %.2f; margin %.2f; jackson's stretches the profile decided: %d; the user's takes changed: %s%n", ownMedian,
                otherMedian, margin, decidedByProfile, ruled);
        assertTrue(ownMedian > margin && otherMedian < margin, "own " + own + " other " + other);
        assertTrue(own.stream().filter(f -> f >= margin).count() >= own.size() - 2, "own " + own);
        assertTrue(decidedByProfile <= 2, "jackson's stretches the profile decided: " + decidedByProfile + " " + other);
    }
}
