package org.handsfree.coach.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class WavSinkTest {
    @TempDir
    Path dir;

    @Test
    void writesA16kMonoWav_incrementally_thatJavaSoundReadsBack() throws Exception {
        Path f = dir.resolve("x.wav");
        short[] frame = new short[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) (i * 100 - 8000);
        }
        try (WavSink sink = new WavSink(f)) {
            for (int i = 0; i < 1000; i++) {
                sink.write(frame, 160);
            }
            assertTrue(Files.size(f) > 200_000, "written as it goes, not held until close");
        }
        assertEquals(44 + 320_000, Files.size(f));
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new File(f.toString()))) {
            AudioFormat fmt = in.getFormat();
            assertEquals(16000f, fmt.getSampleRate());
            assertEquals(1, fmt.getChannels());
            assertEquals(16, fmt.getSampleSizeInBits());
            assertEquals(160_000, in.getFrameLength());
            byte[] b = new byte[4];
            assertEquals(4, in.read(b));
            assertEquals(-8000, (short) ((b[1] << 8) | (b[0] & 0xff)));
            assertEquals(-7900, (short) ((b[3] << 8) | (b[2] & 0xff)));
        }
    }

    @Test
    void aSinkNeverClosed_asAfterKillMinus9_leavesAReadableWav_upToTheLastTenthOfASecond() throws Exception {
        Path f = dir.resolve("killed.wav");
        short[] frame = new short[160];
        java.util.Arrays.fill(frame, (short) 1234);
        WavSink sink = new WavSink(f);
        for (int i = 0; i < 257; i++) {
            sink.write(frame, 160);
        }
        // No close(): the process is gone. The file on disk is what another program will read.
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new File(f.toString()))) {
            long frames = in.getFrameLength();
            assertTrue(frames >= 257 * 160 - 1600 && frames <= 257 * 160, "frames " + frames);
            byte[] all = in.readAllBytes();
            assertEquals(frames * 2, all.length, "the header's length is all there");
            assertEquals(1234, (short) ((all[all.length - 1] << 8) | (all[all.length - 2] & 0xff)));
        }
        sink.close();
    }
}
