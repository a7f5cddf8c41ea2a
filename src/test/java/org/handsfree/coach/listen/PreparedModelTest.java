package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared copy of the acoustic model: a start that reads it decides every stretch of real audio exactly
 * as a start that parses the model, and a copy that is damaged is not used but made again.
 */
final class PreparedModelTest {
    private static final List<String> CLIPS = List.of("wait_013.wav", "help_013.wav", "oov_word_036.wav",
            "speech_conversational_001.wav");

    @TempDir
    Path dir;

    @AfterEach
    void noPreparedModel() {
        CommandRecognizer.keepPreparedModelIn(null);
    }

    /** Every verdict on the clips, with its scores and features, as text. */
    private static List<String> verdicts(Path prepared) {
        CommandRecognizer.keepPreparedModelIn(prepared);
        CommandRecognizer r = CommandRecognizer.load();
        try {
            List<String> out = new ArrayList<>();
            for (String clip : CLIPS) {
                out.add(clip + " " + r.judgeAll(RealAudioTest.clip(clip)));
            }
            return out;
        } finally {
            r.close();
        }
    }

    private List<Path> blocks() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void aStartFromThePreparedCopy_hearsRealAudioAsAParsingStartDoes_andADamagedCopyIsMadeAgain() throws IOException {
        List<String> parsed = verdicts(null);
        assertTrue(parsed.stream().anyMatch(v -> v.contains("pause")), parsed.toString());

        List<String> writing = verdicts(dir);
        assertEquals(parsed, writing);
        assertEquals(1, blocks().size(), "one block is written");
        Path block = blocks().get(0);
        byte[] written = Files.readAllBytes(block);
        assertTrue(written.length > 8_000_000, "the weights alone are 7.9 MB: " + written.length);

        assertEquals(parsed, verdicts(dir), "read from the block");
        assertArrayEquals(written, Files.readAllBytes(block), "a start that reads the block leaves it as it was");

        // One float of the mixture weights changed: the checksum tells, the model is parsed and the block made anew.
        try (RandomAccessFile f = new RandomAccessFile(block.toFile(), "rw")) {
            f.seek(written.length / 2);
            f.write(written[written.length / 2] ^ 0x40);
        }
        assertNotEquals(written[written.length / 2], Files.readAllBytes(block)[written.length / 2]);
        assertEquals(parsed, verdicts(dir), "a damaged block is not used");
        assertArrayEquals(written, Files.readAllBytes(block), "and is written again whole");
    }

    @Test
    void aModelLoadedAhead_isTakenByTheLoadItFits_andHearsAsAStartThatLoadsItself() {
        List<String> itself = verdicts(dir);
        int taken = SphinxDecoder.loadsTakenOver();

        CommandRecognizer.keepPreparedModelIn(dir);
        CommandRecognizer.preload();
        assertEquals(itself, verdicts(dir));
        assertEquals(taken + 1, SphinxDecoder.loadsTakenOver(), "the load took the model loaded ahead");

        // Loaded ahead for another prepared copy: not used, and let go.
        CommandRecognizer.preload();
        assertEquals(itself, verdicts(null));
        assertEquals(taken + 1, SphinxDecoder.loadsTakenOver(), "a load for another copy made its own");
        CommandRecognizer.keepPreparedModelIn(dir);
        assertEquals(itself, verdicts(dir));
        assertEquals(taken + 1, SphinxDecoder.loadsTakenOver(), "none waits to be taken any more");
    }

    @Test
    void aBlockForAnotherModel_isNotRead() throws IOException {
        PreparedModel tiny = new PreparedModel("model A", 1, 1, 1, new int[] {2}, new float[][] {{1, 2}},
                new float[][] {{3, 4}}, 1, 1, 1, new float[][] {{-5}}, 1, new int[] {0}, new String[] {"SIL"}, 3,
                new int[] {0, -1, -1, '-', 1, 0, 0, 0, 0});
        tiny.write(dir);
        PreparedModel back = PreparedModel.read(dir, "model A");
        assertArrayEquals(new float[] {3, 4}, back.variances[0]);
        assertArrayEquals(new float[] {-5}, back.weights[0]);
        assertArrayEquals(new int[] {0, -1, -1, '-', 1, 0, 0, 0, 0}, back.rows);
        assertEquals(null, PreparedModel.read(dir, "model B"));
        // Written for another key, the first block is removed.
        new PreparedModel("model B", 1, 1, 1, new int[] {2}, new float[][] {{1, 2}}, new float[][] {{3, 4}}, 1, 1, 1,
                new float[][] {{-5}}, 1, new int[] {0}, new String[] {"SIL"}, 3, new int[] {0, -1, -1, '-', 1, 0, 0, 0, 0})
                .write(dir);
        assertEquals(1, blocks().size());
        assertEquals(null, PreparedModel.read(dir, "model A"));
    }
}
