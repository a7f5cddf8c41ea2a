package org.handsfree.coach.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.handsfree.coach.time.SampleTime;

/**
 * Reads a WAV (or AIFF, AU) file as 16 kHz mono 16-bit samples: other rates are resampled properly,
 * channels are averaged, 8/24/32-bit and float PCM, μ-law, A-law and IMA ADPCM are converted. {@link #open}
 * reads a piece at a time, so a file of any length is heard in constant memory. Anything that isn't
 * audio, or that no recording could be (a rate of 1 Hz, a thousand channels), is a one-line error
 * naming the file.
 */
public final class WavReader {
    /** Sample rates a recording may have: from a telephone's 4 kHz to studio 192 kHz. */
    public static final int MIN_RATE = 4_000;
    public static final int MAX_RATE = 192_000;
    /** More channels than any microphone array a person would hand us. */
    public static final int MAX_CHANNELS = 64;
    /** Input frames read at a time. */
    private static final int CHUNK = 4096;

    private WavReader() {
    }

    /** The whole file in memory: for short clips (tests, benchmarks). */
    public static short[] read(Path file) throws BadAudioException {
        try (SampleStream in = open(file)) {
            short[] all = new short[1 << 14];
            int n = 0;
            while (true) {
                if (n == all.length) {
                    all = Arrays.copyOf(all, all.length * 2);
                }
                int got = in.read(all, n, all.length - n);
                if (got < 0) {
                    return Arrays.copyOf(all, n);
                }
                n += got;
            }
        }
    }

    /** Opens a file to be read a piece at a time; the header is checked here. */
    public static SampleStream open(Path file) throws BadAudioException {
        try {
            if (Files.isDirectory(file)) {
                throw new BadAudioException(file + ": a folder, not an audio file", null);
            }
            if (Files.size(file) == 0) {
                throw new BadAudioException(file + ": empty file, not audio", null);
            }
        } catch (NoSuchFileException e) {
            throw new BadAudioException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new BadAudioException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new BadAudioException(file + ": cannot read: " + e.getMessage(), e);
        }
        InputStream raw = null;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            AudioInputStream in = AudioSystem.getAudioInputStream(raw);
            return new Decoding(toPcm(in, file.toString()), file.toString());
        } catch (UnsupportedAudioFileException e) {
            close(raw);
            Optional<SampleStream> adpcm = openAdpcm(file);
            if (adpcm.isPresent()) {
                return adpcm.get();
            }
            throw new BadAudioException(file + ": not a WAV file (or an audio format Java cannot read)", e);
        } catch (AccessDeniedException e) {
            close(raw);
            throw new BadAudioException(file + ": permission denied", e);
        } catch (EOFException e) {
            close(raw);
            throw new BadAudioException(file + ": the audio is cut short", e);
        } catch (IOException | RuntimeException e) {
            close(raw);
            throw new BadAudioException(file + ": cannot read: " + e.getMessage(), e);
        } catch (BadAudioException e) {
            close(raw);
            throw e;
        }
    }

    /** An IMA ADPCM WAV, which Java Sound can't read, decoded by {@link ImaAdpcm}; empty for any other file. */
    private static Optional<SampleStream> openAdpcm(Path file) throws BadAudioException {
        InputStream raw = null;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            Optional<AudioInputStream> pcm = ImaAdpcm.open(raw, file.toString());
            if (pcm.isEmpty()) {
                close(raw);
                return Optional.empty();
            }
            return Optional.of(new Decoding(toPcm(pcm.get(), file.toString()), file.toString()));
        } catch (IOException e) {
            close(raw);
            return Optional.empty();
        } catch (BadAudioException e) {
            close(raw);
            throw e;
        }
    }

    /** Checks the format and converts μ-law and A-law to 16-bit PCM as it is read. */
    private static AudioInputStream toPcm(AudioInputStream in, String name) throws BadAudioException {
        AudioFormat f = in.getFormat();
        float rate = f.getSampleRate();
        if (!(rate >= MIN_RATE && rate <= MAX_RATE)) {
            throw new BadAudioException(name + ": the sample rate is " + describeRate(rate)
                    + "; a recording has 4 to 192 kHz", null);
        }
        int channels = f.getChannels();
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new BadAudioException(name + ": " + channels + " channels; a recording has 1 to " + MAX_CHANNELS, null);
        }
        AudioFormat.Encoding enc = f.getEncoding();
        if (enc.equals(AudioFormat.Encoding.ULAW) || enc.equals(AudioFormat.Encoding.ALAW)) {
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, 2 * channels, rate, false);
            return AudioSystem.getAudioInputStream(pcm, in);
        }
        int bits = f.getSampleSizeInBits();
        boolean known = enc.equals(AudioFormat.Encoding.PCM_SIGNED) || enc.equals(AudioFormat.Encoding.PCM_UNSIGNED)
                || enc.equals(AudioFormat.Encoding.PCM_FLOAT);
        if (!known || (bits != 8 && bits != 16 && bits != 24 && bits != 32)
                || enc.equals(AudioFormat.Encoding.PCM_FLOAT) && bits != 32) {
            throw new BadAudioException(name + ": unsupported audio encoding " + enc + ", " + bits
                    + " bits (PCM, float, μ-law and A-law are read)", null);
        }
        return in;
    }

    private static String describeRate(float rate) {
        if (!Float.isFinite(rate) || rate <= 0) {
            return "missing";
        }
        return rate < 1000 ? Math.round(rate) + " Hz" : rate / 1000 + " kHz";
    }

    private static void close(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Already failing; the first problem is the one reported.
            }
        }
    }

    /** PCM bytes in, 16 kHz mono samples out. */
    private static final class Decoding implements SampleStream {
        private final AudioInputStream in;
        private final String name;
        private final int channels;
        private final int bytesPerSample;
        private final boolean big;
        private final boolean unsigned;
        private final boolean floatPcm;
        private final byte[] bytes;
        private final float[] mono = new float[CHUNK];
        private final float[] out = new float[CHUNK];
        private final StreamingResampler resampler;
        private int carry;
        private boolean ended;

        Decoding(AudioInputStream in, String name) {
            this.in = in;
            this.name = name;
            AudioFormat f = in.getFormat();
            this.channels = f.getChannels();
            this.bytesPerSample = f.getSampleSizeInBits() / 8;
            this.big = f.isBigEndian();
            this.unsigned = f.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED);
            this.floatPcm = f.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT);
            this.bytes = new byte[CHUNK * channels * bytesPerSample];
            this.resampler = new StreamingResampler(Math.round(f.getSampleRate()), SampleTime.RATE);
        }

        @Override
        public int read(short[] buf, int off, int len) throws BadAudioException {
            while (true) {
                int n = resampler.pull(out, Math.min(len, out.length), ended);
                if (n > 0) {
                    for (int i = 0; i < n; i++) {
                        buf[off + i] = Levels.toSample(out[i] * 32768.0);
                    }
                    return n;
                }
                if (ended) {
                    return -1;
                }
                fill();
            }
        }

        /** Reads the next chunk of whole frames into the resampler; at the end, marks it ended. */
        private void fill() throws BadAudioException {
            int frameBytes = channels * bytesPerSample;
            int got;
            try {
                got = in.read(bytes, carry, bytes.length - carry);
            } catch (IOException e) {
                throw new BadAudioException(name + ": cannot read: " + e.getMessage(), e);
            }
            if (got < 0) {
                ended = true;
                return;
            }
            int have = carry + got;
            int frames = have / frameBytes;
            for (int i = 0; i < frames; i++) {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += sample((i * channels + c) * bytesPerSample);
                }
                mono[i] = (float) (sum / channels);
            }
            carry = have - frames * frameBytes;
            System.arraycopy(bytes, frames * frameBytes, bytes, 0, carry);
            resampler.push(mono, frames);
        }

        /** One sample as -1..1. */
        private double sample(int at) {
            long v = 0;
            for (int k = 0; k < bytesPerSample; k++) {
                int b = bytes[big ? at + k : at + bytesPerSample - 1 - k] & 0xff;
                v = (v << 8) | b;
            }
            if (floatPcm) {
                double x = Float.intBitsToFloat((int) v);
                return Double.isFinite(x) ? x : 0;
            }
            int shift = 64 - 8 * bytesPerSample;
            if (unsigned) {
                return (v - (1L << (8 * bytesPerSample - 1))) / (double) (1L << (8 * bytesPerSample - 1));
            }
            long signed = (v << shift) >> shift;
            return signed / (double) (1L << (8 * bytesPerSample - 1));
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // Nothing was being written.
            }
        }
    }
}
