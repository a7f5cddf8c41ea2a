package org.handsfree.coach.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.handsfree.coach.time.SampleTime;

/**
 * Reads a WAV (or AIFF, AU) file as 16 kHz mono 16-bit samples: other rates are resampled properly,
 * channels are averaged, 8/24/32-bit and float PCM are converted. Anything that isn't audio is a
 * one-line error naming the file.
 */
public final class WavReader {
    private WavReader() {
    }

    public static short[] read(Path file) throws BadAudioException {
        try {
            if (Files.size(file) == 0) {
                throw new BadAudioException(file + ": empty file, not audio", null);
            }
        } catch (NoSuchFileException e) {
            throw new BadAudioException(file + ": no such file", e);
        } catch (IOException e) {
            throw new BadAudioException(file + ": cannot read: " + e.getMessage(), e);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            return toNative(in, file.toString());
        } catch (UnsupportedAudioFileException e) {
            throw new BadAudioException(file + ": not a WAV file (or an audio format Java cannot read)", e);
        } catch (EOFException e) {
            throw new BadAudioException(file + ": the audio is cut short", e);
        } catch (IOException e) {
            throw new BadAudioException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static short[] toNative(AudioInputStream in, String name) throws IOException, BadAudioException {
        AudioFormat f = in.getFormat();
        AudioFormat.Encoding enc = f.getEncoding();
        int bits = f.getSampleSizeInBits();
        int channels = f.getChannels();
        boolean floatPcm = enc.equals(AudioFormat.Encoding.PCM_FLOAT);
        if (!(enc.equals(AudioFormat.Encoding.PCM_SIGNED) || enc.equals(AudioFormat.Encoding.PCM_UNSIGNED) || floatPcm)
                || channels < 1 || (bits != 8 && bits != 16 && bits != 24 && bits != 32)) {
            throw new BadAudioException(name + ": unsupported audio encoding " + f, null);
        }
        byte[] data = in.readAllBytes();
        int bytesPerSample = bits / 8;
        int frames = data.length / (bytesPerSample * channels);
        float[] mono = new float[frames];
        boolean big = f.isBigEndian();
        boolean unsigned = enc.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * bytesPerSample;
                sum += sample(data, at, bytesPerSample, big, unsigned, floatPcm);
            }
            mono[i] = (float) (sum / channels);
        }
        int rate = Math.round(f.getSampleRate());
        if (rate <= 0) {
            throw new BadAudioException(name + ": the sample rate is missing", null);
        }
        float[] resampled = Resampler.resample(mono, rate, SampleTime.RATE);
        short[] out = new short[resampled.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Levels.toSample(resampled[i] * 32768.0);
        }
        return out;
    }

    /** One sample as -1..1. */
    private static double sample(byte[] d, int at, int bytes, boolean big, boolean unsigned, boolean floatPcm) {
        long v = 0;
        for (int k = 0; k < bytes; k++) {
            int b = d[big ? at + k : at + bytes - 1 - k] & 0xff;
            v = (v << 8) | b;
        }
        if (floatPcm && bytes == 4) {
            return Float.intBitsToFloat((int) v);
        }
        int shift = 64 - 8 * bytes;
        if (unsigned) {
            return (v - (1L << (8 * bytes - 1))) / (double) (1L << (8 * bytes - 1));
        }
        long signed = (v << shift) >> shift;
        return signed / (double) (1L << (8 * bytes - 1));
    }
}
