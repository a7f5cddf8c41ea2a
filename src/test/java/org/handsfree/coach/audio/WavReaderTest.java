package org.handsfree.coach.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class WavReaderTest {
    @TempDir
    Path dir;

    /** Writes a WAV of {@code seconds} of a sine at {@code hz}, in any rate and channel count. */
    static Path tone(Path file, int rate, int channels, double hz, double seconds) throws Exception {
        int frames = (int) (rate * seconds);
        ByteBuffer b = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                b.putShort(s);
            }
        }
        AudioFormat f = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), f, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    static int zeroCrossings(short[] s, int from, int to) {
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void stereo44k_becomes16kMono_withTheSamePitchAndLevel() throws Exception {
        short[] pcm = WavReader.read(tone(dir.resolve("s.wav"), 44_100, 2, 440, 1.0));
        assertEquals(16_000, pcm.length, 2);
        int crossings = zeroCrossings(pcm, 1000, 15_000);
        assertEquals(2 * 440 * 14_000 / 16_000.0, crossings, 2, "still 440 Hz");
        double rms = Levels.rms(pcm, 1000, 15_000);
        assertEquals(8000 / 32768.0 / Math.sqrt(2), rms, 0.005, "same level");
    }

    @Test
    void downsampling_removesWhatCannotBeRepresented() throws Exception {
        short[] pcm = WavReader.read(tone(dir.resolve("hi.wav"), 44_100, 1, 12_000, 0.5));
        assertTrue(Levels.rms(pcm, 500, pcm.length - 500) < 0.003, "a 12 kHz tone does not alias into the 16 kHz file");
    }

    @Test
    void native16kMono_isReadAsIs() throws Exception {
        short[] pcm = WavReader.read(tone(dir.resolve("n.wav"), 16_000, 1, 1000, 0.25));
        assertEquals(4000, pcm.length);
        assertEquals((short) (8000 * Math.sin(2 * Math.PI * 1000 * 7 / 16000.0)), pcm[7]);
    }

    @Test
    void textFile_isAOneLineErrorNamingIt() throws Exception {
        Path f = Files.writeString(dir.resolve("notes.txt"), "this is not audio\n");
        BadAudioException e = assertThrows(BadAudioException.class, () -> WavReader.read(f));
        assertEquals(f + ": not a WAV file (or an audio format Java cannot read)", e.getMessage());
    }

    @Test
    void emptyAndMissingFiles_areNamed() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        assertEquals(empty + ": empty file, not audio",
                assertThrows(BadAudioException.class, () -> WavReader.read(empty)).getMessage());
        Path missing = dir.resolve("missing.wav");
        assertEquals(missing + ": no such file",
                assertThrows(BadAudioException.class, () -> WavReader.read(missing)).getMessage());
    }
}
