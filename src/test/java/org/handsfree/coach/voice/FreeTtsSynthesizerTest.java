package org.handsfree.coach.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.handsfree.coach.audio.Clip;
import org.handsfree.coach.audio.Levels;
import org.handsfree.coach.audio.Onsets;
import org.handsfree.coach.time.SampleTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class FreeTtsSynthesizerTest {
    private static FreeTtsSynthesizer voice;

    @BeforeAll
    static void load() {
        voice = FreeTtsSynthesizer.load();
    }

    @AfterAll
    static void close() {
        voice.close();
    }

    /** Share of neighbouring samples that change sign: speech is low, byte-swapped PCM is noise-like and high. */
    static double zeroCrossingRate(short[] s) {
        int n = 0;
        for (int i = 1; i < s.length; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                n++;
            }
        }
        return n / (double) s.length;
    }

    @Test
    void sentence_isSpeechOfAPlausibleLength_inTheRightByteOrder() {
        Clip c = voice.render("Press your fingers gently back toward your chest.");
        double seconds = c.length() / (double) SampleTime.RATE;
        assertTrue(seconds > 1.5 && seconds < 4.5, "length " + seconds);
        assertTrue(c.rms() > 0.03, "audible, rms " + c.rms());
        assertTrue(zeroCrossingRate(c.samples()) < 0.25, "zero-crossing rate " + zeroCrossingRate(c.samples()));
    }

    @Test
    void clip_isTrimmedToAShortFixedLead_beforeItsAudibleOnset() {
        for (String word : new String[] {"press", "squeeze", "release", "rest", "Thirty seconds left."}) {
            Clip c = voice.render(word);
            assertEquals(FreeTtsSynthesizer.LEAD, c.onset(), word);
            assertEquals(c.onset(), Onsets.onset(c.samples()), word + ": the onset is where the voice starts");
            double lead = Levels.rms(c.samples(), 0, c.onset());
            assertTrue(Levels.toDb(lead / c.rms()) < -20, word + ": lead is 20 dB below the word, was "
                    + Levels.toDb(lead / c.rms()));
        }
    }

    @Test
    void beatWords_areShortEnoughForOneSecondBeats() {
        for (String word : new String[] {"press", "squeeze", "release", "rest"}) {
            assertTrue(voice.render(word).length() < SampleTime.ofSeconds(0.8), word);
        }
    }

    @Test
    void cache_returnsTheSameClipWithoutSynthesisingAgain() {
        CachingSynthesizer cache = new CachingSynthesizer(voice, SampleTime.RATE * 10L);
        Clip a = cache.render("press");
        assertTrue(cache.isCached("press"));
        assertTrue(a == cache.render("press"));
    }
}
