package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handsfree.coach.audio.Levels;
import org.junit.jupiter.api.Test;

/**
 * The dither of the user's own voice ({@code decode.ditherReferenceDb}): relative to the stretch's speech level, so a
 * quiet microphone's takes are not drowned by a dither that was set for a loud one.
 */
final class OwnVoiceDitherTest {
    private static final int[] DIGITS = {2, 3, 6};

    @Test
    void theDither_followsTheSpeechLevel_onlyWhenAReferenceIsSet() {
        RecognizerSettings.Decode off = new RecognizerSettings.Decode(0, 0, 100, 0, true, true, true);
        RecognizerSettings.Decode on = new RecognizerSettings.Decode(0, 0, 100, -19, true, true, true);
        assertEquals(100, off.ownVoiceDither(-45), 1e-9);
        assertEquals(100, on.ownVoiceDither(-19), 1e-9);
        assertEquals(10, on.ownVoiceDither(-39), 1e-9);
        assertEquals(1000, on.ownVoiceDither(1), 1e-9);
    }

    @Test
    void theSpeechLevel_isTheLoudFramesLevel_notTheSilences() {
        short[] pcm = new short[16_000];
        // A tenth of a second of silence, then a sine of amplitude 0.1 of full scale: RMS -23 dBFS.
        for (int i = 1600; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(3276.8 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        assertEquals(-23.0, CommandRecognizer.speechLevelDb(pcm), 0.1);
        assertEquals(-43.0, CommandRecognizer.speechLevelDb(scaled(pcm, 0.1)), 0.1);
    }

    /**
     * george's profile from his loud takes, tried on his other takes made 20 dB quieter (a far microphone): with the
     * fixed dither (the reference off) the quiet takes' speech sits only a few decibels over the dither the profile
     * never heard; with the dither relative to the level the profile hears them as it heard his loud takes.
     */
    @Test
    void aQuieterCopyOfTheUsersTakes_isHeardAsTheLoudOnes_withTheRelativeDither() throws Exception {
        int fixed = rightOnQuietTakes("0");
        int relative = rightOnQuietTakes("-19");
        assertTrue(relative >= fixed + 5 && relative >= 23, "quiet takes right with the fixed dither " + fixed
                + ", with the relative dither " + relative + " of 24");
    }

    private static int rightOnQuietTakes(String reference) throws Exception {
        try (CommandRecognizer r = CommandRecognizer.load(Map.of("decode.ditherReferenceDb", reference))) {
            VoiceProfile profile = Enrolment.build(r, EnrolmentTest.takes("george", DIGITS, 3, 5),
                    Enrolment.Options.standard());
            r.useProfile(profile);
            int right = 0;
            for (Enrolment.Take t : EnrolmentTest.takes("george", DIGITS, 6, 13)) {
                List<Utterance> heard = new ArrayList<>();
                for (Hearing h : r.recognizeAll(scaled(t.pcm(), 0.1))) {
                    if (h instanceof Utterance u) {
                        heard.add(u);
                    }
                }
                right += heard.size() == 1 && heard.get(0).intent().toString().equals(t.intent()) ? 1 : 0;
            }
            return right;
        }
    }

    /** {@code pcm} with every sample times {@code gain}. */
    static short[] scaled(short[] pcm, double gain) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = Levels.toSample(pcm[i] * gain);
        }
        return out;
    }
}
