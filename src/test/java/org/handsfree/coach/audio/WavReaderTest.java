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

public final class WavReaderTest {
    @TempDir
    Path dir;

    /** Writes a WAV of {@code seconds} of a sine at {@code hz}, in any rate and channel count. */
    public static Path tone(Path file, int rate, int channels, double hz, double seconds) throws Exception {
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

    /** {@code pcm} written by Java Sound as a WAV in another encoding (μ-law, A-law) at {@code rate}. */
    public static Path encoded(Path file, short[] pcm, int rate, AudioFormat.Encoding encoding) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short x : pcm) {
            b.putShort(x);
        }
        AudioFormat linear = new AudioFormat(rate, 16, 1, true, false);
        AudioFormat target = new AudioFormat(encoding, rate, 8, 1, 1, rate, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), linear, pcm.length);
             AudioInputStream coded = AudioSystem.getAudioInputStream(target, in)) {
            AudioSystem.write(coded, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    @Test
    void muLawAndALaw_areConverted_withTheSamePitchAndLevel() throws Exception {
        short[] tone = new short[8000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        for (AudioFormat.Encoding e : new AudioFormat.Encoding[] {AudioFormat.Encoding.ULAW, AudioFormat.Encoding.ALAW}) {
            short[] pcm = WavReader.read(encoded(dir.resolve(e + ".wav"), tone, 8000, e));
            assertEquals(16_000, pcm.length, 1);
            assertEquals(880, zeroCrossings(pcm, 0, 16_000), 4, e + ": 440 Hz");
            double rms = Levels.rms(pcm, 2000, 14_000) * 32768;
            assertEquals(8000 / Math.sqrt(2), rms, 150, e + ": level");
        }
    }

    @Test
    void readingAPieceAtATime_givesTheSameSamplesAsTheWholeArrayResampler() throws Exception {
        java.util.Random random = new java.util.Random(7);
        float[] x = new float[30_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 0.1f;
        }
        for (int rate : new int[] {8000, 22_050, 44_100, 48_000}) {
            float[] whole = Resampler.resample(x, rate, 16_000);
            StreamingResampler s = new StreamingResampler(rate, 16_000);
            float[] got = new float[whole.length + 10];
            float[] piece = new float[333];
            int n = 0;
            int at = 0;
            while (at < x.length) {
                int k = Math.min(1 + random.nextInt(700), x.length - at);
                s.push(java.util.Arrays.copyOfRange(x, at, at + k), k);
                at += k;
                int m;
                while ((m = s.pull(piece, piece.length, false)) > 0) {
                    System.arraycopy(piece, 0, got, n, m);
                    n += m;
                }
            }
            int m;
            while ((m = s.pull(piece, piece.length, true)) > 0) {
                System.arraycopy(piece, 0, got, n, m);
                n += m;
            }
            assertEquals(whole.length, n, "length at " + rate);
            for (int i = 0; i < n; i++) {
                assertEquals(whole[i], got[i], 0f, "sample " + i + " at " + rate);
            }
        }
    }

    /** A canonical PCM header with any rate and channel count, as a damaged or absurd file may have. */
    public static Path header(Path file, int rate, int channels, int dataBytes) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVEfmt ".getBytes()).putInt(16);
        b.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        Files.write(file, b.array());
        return file;
    }

    @Test
    void absurdHeaders_areOneLineErrors_notOutOfMemory() throws Exception {
        BadAudioException e = assertThrows(BadAudioException.class,
                () -> WavReader.read(header(dir.resolve("1hz.wav"), 1, 1, 3200)));
        assertEquals(dir.resolve("1hz.wav") + ": the sample rate is 1 Hz; a recording has 4 to 192 kHz", e.getMessage());
        e = assertThrows(BadAudioException.class, () -> WavReader.read(header(dir.resolve("c.wav"), 16_000, 1000, 4000)));
        assertEquals(dir.resolve("c.wav") + ": 1000 channels; a recording has 1 to 64", e.getMessage());
        e = assertThrows(BadAudioException.class, () -> WavReader.read(header(dir.resolve("hi.wav"), 1_000_000, 1, 3200)));
        assertTrue(e.getMessage().endsWith("the sample rate is 1000.0 kHz; a recording has 4 to 192 kHz"), e.getMessage());
    }

    @Test
    void imaAdpcm_isDecoded_toTheRecordingItWasMadeFrom() throws Exception {
        // sox made it from cmd_024 at 8 kHz: the decoded audio follows the original's envelope and level.
        short[] adpcm = WavReader.read(Path.of(getClass().getResource("/audio/cmd_024_ima-adpcm-8k.wav").toURI()));
        short[] original = WavReader.read(Path.of(getClass().getResource("/audio/cmd_024_flite-slt.wav").toURI()));
        assertEquals(original.length, adpcm.length, 1100, "the same length, give or take the last block");
        int n = Math.min(original.length, adpcm.length);
        double[] a = new double[n / 160];
        double[] b = new double[n / 160];
        for (int i = 0; i < a.length; i++) {
            a[i] = Levels.rms(original, i * 160, i * 160 + 160);
            b[i] = Levels.rms(adpcm, i * 160, i * 160 + 160);
        }
        double sa = 0;
        double sb = 0;
        double sab = 0;
        for (int i = 0; i < a.length; i++) {
            sab += a[i] * b[i];
            sa += a[i] * a[i];
            sb += b[i] * b[i];
        }
        assertTrue(sab / Math.sqrt(sa * sb) > 0.95, "envelopes agree: " + sab / Math.sqrt(sa * sb));
        assertEquals(1.0, Math.sqrt(sb / sa), 0.2, "the same level");
    }
}
