package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.handsfree.coach.audio.Resampler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MLLR on the real Sphinx4 model: statistics from a decoded clip, a transform, and undoing it. */
final class AdaptationTest {
    private static SphinxDecoder decoder;

    @BeforeAll
    static void load() {
        decoder = SphinxDecoder.load(AdaptationTest.class.getResource(CommandRecognizer.CONFIG),
                CommandRecognizer.settings(Map.of()).search());
    }

    @AfterAll
    static void close() {
        decoder.close();
    }

    /** The clip with 100 ms of low noise before and after, as the recognizer gives it to the decoder. */
    private static short[] padded(String name) {
        short[] clip = CommandRecognizerTest.clip(name);
        short[] pcm = new short[clip.length + 3200];
        Random r = new Random(3);
        for (int i = 0; i < pcm.length; i++) {
            int inClip = i - 1600;
            double v = (inClip >= 0 && inClip < clip.length ? clip[inClip] : 0) + r.nextGaussian() * 100;
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return pcm;
    }

    @Test
    void adaptingToAVoiceMakesItsCommandMoreLikelyAndNoTransformUndoesIt() {
        short[] pcm = padded("cmd_004_festival-slt.wav");
        SphinxDecoder.Decoded before = decoder.decode(pcm, false);
        assertEquals("repeat", before.text());

        Mllr stats = decoder.newMllr();
        decoder.collect(stats);
        // Every 10 ms frame the front end made (all but the last few of the window and deltas) is aligned.
        assertTrue(stats.frames() >= before.frames() - 6 && stats.frames() <= before.frames(),
                stats.frames() + " frames aligned of " + before.frames());

        decoder.transform(decoder.estimate(stats, 0.05, Mllr.Form.FULL));
        SphinxDecoder.Decoded adapted = decoder.decode(pcm, false);
        assertEquals("repeat", adapted.text());
        double gainPerFrame = (adapted.grammarScore() - before.grammarScore()) / before.frames();
        assertTrue(gainPerFrame > 10_000, "log-likelihood per frame rose by only " + gainPerFrame);

        decoder.transform(decoder.identity());
        assertEquals(before.grammarScore(), decoder.decode(pcm, false).grammarScore(), 1e-3);
    }

    @Test
    void whatAnEightKilohertzChannelDoes_isLearnedFromTwoCopiesOfTheSameSpeech() {
        short[] clean = padded("cmd_019_flite-slt.wav");
        short[] narrow = Resampler.throughChannel(clean, 16_000, 8_000);
        SphinxDecoder.Decoded before = decoder.decode(narrow, false);

        Mllr stats = decoder.newMllr();
        decoder.collectThroughChannel(clean, narrow, stats, decoder.identity());
        assertTrue(stats.frames() >= before.frames() - 6, stats.frames() + " frames aligned of " + before.frames());
        decoder.transform(decoder.estimate(stats, 0.05, Mllr.Form.FULL));
        SphinxDecoder.Decoded adapted = decoder.decode(narrow, false);
        decoder.transform(decoder.identity());

        double gainPerFrame = (adapted.grammarScore() - before.grammarScore()) / before.frames();
        assertTrue(gainPerFrame > 10_000, "log-likelihood per frame of the 8 kHz copy rose by only " + gainPerFrame);
    }
}
