package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.cmu.sphinx.linguist.SearchState;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flat search ({@link FlatSearch}) against Sphinx4's token search, on real people's clips (the FSDD takes of
 * src/test/resources/enroll and the real-more clips of src/test/resources/real): the same words, the same
 * out-of-grammar flag, the same acoustic score and the same state in every frame of the best path.
 */
final class FlatSearchTest {
    private static SphinxDecoder decoder;

    @BeforeAll
    static void load() {
        RecognizerSettings settings = CommandRecognizer.settings(Map.of());
        decoder = SphinxDecoder.load(CommandRecognizer.class.getResource(CommandRecognizer.CONFIG), settings.search());
    }

    @AfterAll
    static void close() {
        decoder.close();
    }

    /** Every second FSDD take of the test resources and every real-more clip (cries, noise and talk among them). */
    private static List<Path> clips() throws IOException, URISyntaxException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("/enroll", "/real")) {
            List<Path> all;
            try (Stream<Path> files = Files.list(Path.of(FlatSearchTest.class.getResource(dir).toURI()))) {
                all = files.filter(f -> f.toString().endsWith(".wav")).sorted().toList();
            }
            for (int i = 0; i < all.size(); i += dir.equals("/enroll") ? 2 : 1) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** A clip as the decoder gets a stretch: a lead-in and a tail of low noise, and dither. */
    private static short[] padded(Path clip) throws Exception {
        short[] pcm = org.handsfree.coach.audio.WavReader.read(clip);
        int pad = 1280;
        short[] out = new short[pad + pcm.length + pad];
        System.arraycopy(pcm, 0, out, pad, pcm.length);
        Random dither = new Random(pcm.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(out[i] + dither.nextGaussian() * 100)));
        }
        return out;
    }

    @Test
    void theFlatSearch_findsWhatSphinx4Finds_onRealClips() throws Exception {
        double[][][] plain = decoder.identity();
        List<Path> clips = clips();
        assertTrue(clips.size() >= 30, "real clips: " + clips.size());
        int words = 0;
        int outOfGrammar = 0;
        for (Path clip : clips) {
            short[] pcm = padded(clip);
            decoder.flatSearch(false);
            SphinxDecoder.Decoded tokens = decoder.decode(pcm, true, plain);
            List<SearchState> tokenPath = decoder.lastPath();
            decoder.flatSearch(true);
            SphinxDecoder.Decoded flat = decoder.decode(pcm, true, plain);
            List<SearchState> flatPath = decoder.lastPath();
            String name = clip.getFileName().toString();
            assertNull(decoder.flatSearch().fellBack(), name);
            assertEquals(tokens.text(), flat.text(), name);
            assertEquals(tokens.outOfGrammar(), flat.outOfGrammar(), name);
            assertEquals(tokens.grammarScore(), flat.grammarScore(), 1e-3, name);
            assertEquals(tokens.phoneScore(), flat.phoneScore(), 1e-3, name);
            assertEquals(tokenPath.size(), flatPath.size(), name);
            for (int f = 0; f < tokenPath.size(); f++) {
                assertSame(tokenPath.get(f), flatPath.get(f), name + " frame " + f);
            }
            words += flat.text().isEmpty() ? 0 : 1;
            outOfGrammar += flat.outOfGrammar() ? 1 : 0;
        }
        // Both kinds of path were compared: commands heard and sound taken for no command; and paths read back
        // through a compacted back-pointer table.
        assertTrue(words >= 20, "clips heard as words: " + words);
        assertTrue(outOfGrammar >= 1, "clips out of grammar: " + outOfGrammar);
        assertTrue(decoder.flatSearch().compactions() >= 10, "compactions: " + decoder.flatSearch().compactions());
    }

    @Test
    void theFlatPhoneLoop_scoresAsSphinx4sAllphoneSearch_onRealClips() throws Exception {
        double[][][] plain = decoder.identity();
        decoder.flatSearch(true);
        int scored = 0;
        try {
            for (Path clip : clips()) {
                short[] pcm = padded(clip);
                decoder.flatPhoneLoop(false);
                SphinxDecoder.Decoded tokens = decoder.decode(pcm, true, plain);
                decoder.flatPhoneLoop(true);
                SphinxDecoder.Decoded flat = decoder.decode(pcm, true, plain);
                String name = clip.getFileName().toString();
                assertEquals(tokens.text(), flat.text(), name);
                if (Double.isInfinite(tokens.phoneScore())) {
                    continue;
                }
                assertNull(decoder.flatPhoneLoop().fellBack(), name);
                // The same path's scores summed in the same order: equal to the bit.
                assertEquals(tokens.phoneScore(), flat.phoneScore(), 0.0, name);
                scored++;
            }
        } finally {
            decoder.flatPhoneLoop(false);
        }
        assertTrue(scored >= 20, "clips the phone loop scored: " + scored);
    }

    @Test
    void theFlatScores_areSphinx4sToTheBit_andFollowAVoiceProfilesWeights() throws Exception {
        double[][][] plain = decoder.identity();
        decoder.flatSearch(true);
        FlatSearch flat = decoder.flatSearch();
        FlatGraph g = flat.graph();
        short[] pcm = padded(clips().get(0));
        decoder.decode(pcm, false, plain);
        List<edu.cmu.sphinx.frontend.FloatData> frames = flat.lastFrames();
        assertTrue(frames.size() > 50, "frames: " + frames.size());
        int n = g.senones.length;
        assertEquals(n, flat.scorer().fromArrays(), "every tied state of the graph is scored from the arrays");
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        // A profile that gives a third of the graph's tied states other weights in every stream: the loaded ones
        // moved round by one Gaussian (the same numbers, each on another Gaussian).
        int streams = 3;
        Map<Integer, float[]> weights = new java.util.HashMap<>();
        for (int i = 0; i < n; i += 3) {
            int id = (int) g.senones[i].getID();
            for (int s = 0; s < streams; s++) {
                float[] w = decoder.logWeights(id, s);
                float[] moved = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    moved[(k + 1) % w.length] = w[k];
                }
                weights.put(id * streams + s, moved);
            }
        }
        VoiceProfile.Model voice = new VoiceProfile.Model(plain, Map.of(), weights);
        float[][] before = scores(flat.scorer(), frames, all);
        decoder.use(voice);
        float[][] with = scores(flat.scorer(), frames, all);
        decoder.transform(plain);
        float[][] after = scores(flat.scorer(), frames, all);
        int changed = 0;
        for (int f = 0; f < frames.size(); f += 4) {
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(before[f][i]), Float.floatToIntBits(after[f][i]), "frame " + f + " state " + i);
                if (i % 3 == 0) {
                    changed += before[f][i] != with[f][i] ? 1 : 0;
                } else {
                    assertEquals(Float.floatToIntBits(before[f][i]), Float.floatToIntBits(with[f][i]), "frame " + f + " state " + i);
                }
            }
        }
        int profiled = ((n + 2) / 3) * ((frames.size() + 3) / 4);
        assertTrue(changed > profiled * 9 / 10, "scores the profile changed: " + changed + " of " + profiled);
        // And the whole search with the profile: Sphinx4's search and the flat one find the same.
        decoder.flatSearch(false);
        SphinxDecoder.Decoded tokens = decoder.decode(pcm, true, voice);
        decoder.flatSearch(true);
        SphinxDecoder.Decoded flatDecoded = decoder.decode(pcm, true, voice);
        assertEquals(tokens, flatDecoded);
        decoder.transform(plain);
    }

    /**
     * Every frame's flat scores of {@code all}, each checked against Sphinx4's own computation of that tied state
     * with the model as it is now (no score cache: {@code calculateScore}).
     */
    private static float[][] scores(FlatScorer scorer, List<edu.cmu.sphinx.frontend.FloatData> frames, int[] all) {
        FlatGraph g = decoder.flatSearch().graph();
        float[][] out = new float[frames.size()][all.length];
        for (int f = 0; f < frames.size(); f += 4) {
            scorer.score(frames.get(f), all, all.length, out[f]);
            for (int i = 0; i < all.length; i++) {
                float sphinx = ((edu.cmu.sphinx.linguist.acoustic.tiedstate.GaussianMixture) g.senones[i]).calculateScore(frames.get(f));
                assertEquals(Float.floatToIntBits(sphinx), Float.floatToIntBits(out[f][i]), "frame " + f + " state " + i);
            }
        }
        return out;
    }

    @Test
    void aStretchNoPathGetsThrough_isGivenBackToSphinx4_withTheSameResult() {
        // 12 ms of low noise: less than a frame of features, so no path reaches the grammar's end.
        short[] pcm = new short[200];
        Random noise = new Random(7);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(noise.nextGaussian() * 100);
        }
        double[][][] plain = decoder.identity();
        decoder.flatSearch(false);
        SphinxDecoder.Decoded tokens = decoder.decode(pcm, true, plain);
        decoder.flatSearch(true);
        long givenBack = decoder.flatSearch().givenBack();
        SphinxDecoder.Decoded flat = decoder.decode(pcm, true, plain);
        assertEquals("no path reached the grammar's end", decoder.flatSearch().fellBack());
        assertEquals(givenBack + 1, decoder.flatSearch().givenBack());
        assertEquals(tokens, flat);
    }

    @Test
    void theGraph_isCompiledOnce_withEveryStateItsArcsAndItsTiedState() {
        decoder.flatSearch(true);
        FlatSearch first = decoder.flatSearch();
        decoder.flatSearch(true);
        assertSame(first, decoder.flatSearch(), "turning it on again keeps the compiled graph");
        FlatGraph g = first.graph();
        assertTrue(g.size() > 10_000, "states: " + g.size());
        int emitting = 0;
        int finals = 0;
        for (int i = 0; i < g.size(); i++) {
            assertEquals(g.states[i].getSuccessors().length, g.arcStart[i + 1] - g.arcStart[i], "arcs of state " + i);
            emitting += g.emitting[i] ? 1 : 0;
            finals += g.isFinal[i] ? 1 : 0;
            assertEquals(g.emitting[i], g.senone[i] >= 0, "state " + i);
        }
        assertTrue(emitting > g.size() / 2, "emitting: " + emitting);
        assertTrue(finals >= 1, "final states: " + finals);
    }

}
