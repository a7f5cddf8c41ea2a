package org.handsfree.coach.audio;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * IMA ADPCM WAVs (format 0x11, what many voice recorders and telephony tools write), which Java
 * Sound doesn't read: decoded block by block into 16-bit PCM as they are read, in constant memory.
 */
final class ImaAdpcm {
    private static final int FORMAT_IMA_ADPCM = 0x11;
    private static final int[] INDEX_STEP = {-1, -1, -1, -1, 2, 4, 6, 8};
    private static final int[] STEP = {
        7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97,
        107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796,
        876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871,
        5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623,
        27086, 29794, 32767};

    private ImaAdpcm() {
    }

    /**
     * The file as 16-bit PCM if it is an IMA ADPCM WAV; empty if it is some other kind of file. {@code in}
     * is at the file's first byte and is consumed.
     */
    static Optional<AudioInputStream> open(InputStream in, String name) throws IOException, BadAudioException {
        DataInputStream d = new DataInputStream(in);
        byte[] riff = new byte[12];
        if (d.read(riff) != 12 || !new String(riff, 0, 4, "US-ASCII").equals("RIFF")
                || !new String(riff, 8, 4, "US-ASCII").equals("WAVE")) {
            return Optional.empty();
        }
        int channels = 0;
        int rate = 0;
        int blockAlign = 0;
        int perBlock = 0;
        long frames = -1;
        while (true) {
            byte[] head = new byte[8];
            try {
                d.readFully(head);
            } catch (EOFException e) {
                return Optional.empty();
            }
            String id = new String(head, 0, 4, "US-ASCII");
            long size = ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (id.equals("fmt ")) {
                if (size < 16 || size > 1024) {
                    return Optional.empty();
                }
                byte[] fmt = new byte[(int) size];
                d.readFully(fmt);
                ByteBuffer b = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
                if ((b.getShort(0) & 0xffff) != FORMAT_IMA_ADPCM) {
                    return Optional.empty();
                }
                channels = b.getShort(2) & 0xffff;
                rate = b.getInt(4);
                blockAlign = b.getShort(12) & 0xffff;
                int bits = b.getShort(14) & 0xffff;
                if (bits != 4 || channels < 1 || channels > 8 || blockAlign < 4 * channels + 4 * channels) {
                    throw new BadAudioException(name + ": an IMA ADPCM header that doesn't add up (" + bits + " bits, "
                            + channels + " channels, blocks of " + blockAlign + " bytes)", null);
                }
                perBlock = (blockAlign - 4 * channels) * 2 / channels + 1;
            } else if (id.equals("fact") && size == 4) {
                frames = Integer.toUnsignedLong(Integer.reverseBytes(d.readInt()));
            } else if (id.equals("data")) {
                if (channels == 0) {
                    return Optional.empty();
                }
                long blocks = (size + blockAlign - 1) / blockAlign;
                long total = frames >= 0 ? Math.min(frames, blocks * perBlock) : blocks * perBlock;
                AudioFormat pcm = new AudioFormat(rate, 16, channels, true, false);
                return Optional.of(new AudioInputStream(new Decoder(d, channels, blockAlign, perBlock, size, total),
                        pcm, total));
            } else {
                d.skipNBytes(size + (size & 1));
            }
        }
    }

    /** Blocks in, interleaved little-endian 16-bit samples out. */
    private static final class Decoder extends InputStream {
        private final DataInputStream in;
        private final int channels;
        private final byte[] block;
        private final int perBlock;
        private final byte[] pcm;
        private long dataLeft;
        private long framesLeft;
        private int at;
        private int end;

        Decoder(DataInputStream in, int channels, int blockAlign, int perBlock, long dataBytes, long frames) {
            this.in = in;
            this.channels = channels;
            this.block = new byte[blockAlign];
            this.perBlock = perBlock;
            this.pcm = new byte[perBlock * channels * 2];
            this.dataLeft = dataBytes;
            this.framesLeft = frames;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at == end && !decodeBlock()) {
                return -1;
            }
            int n = Math.min(len, end - at);
            System.arraycopy(pcm, at, b, off, n);
            at += n;
            return n;
        }

        private boolean decodeBlock() throws IOException {
            if (dataLeft <= 0 || framesLeft <= 0) {
                return false;
            }
            int n = in.readNBytes(block, 0, (int) Math.min(block.length, dataLeft));
            dataLeft -= block.length;
            if (n < 4 * channels) {
                return false;
            }
            int frames = Math.min(perBlock, (n - 4 * channels) * 2 / channels + 1);
            frames = (int) Math.min(frames, framesLeft);
            for (int c = 0; c < channels; c++) {
                int predictor = (short) ((block[4 * c] & 0xff) | (block[4 * c + 1] << 8));
                int index = Math.max(0, Math.min(88, block[4 * c + 2] & 0xff));
                put(0, c, predictor);
                // After the headers, each channel's nibbles come in runs of 4 bytes (8 samples), channels taking turns.
                for (int k = 1; k < frames; k++) {
                    int nib = k - 1;
                    int byteAt = 4 * channels + (nib / 8) * 4 * channels + 4 * c + (nib % 8) / 2;
                    int code = nib % 2 == 0 ? block[byteAt] & 0x0f : (block[byteAt] >> 4) & 0x0f;
                    int step = STEP[index];
                    int diff = step >> 3;
                    if ((code & 1) != 0) {
                        diff += step >> 2;
                    }
                    if ((code & 2) != 0) {
                        diff += step >> 1;
                    }
                    if ((code & 4) != 0) {
                        diff += step;
                    }
                    predictor += (code & 8) != 0 ? -diff : diff;
                    predictor = Math.max(-32768, Math.min(32767, predictor));
                    index = Math.max(0, Math.min(88, index + INDEX_STEP[code & 7]));
                    put(k, c, predictor);
                }
            }
            framesLeft -= frames;
            at = 0;
            end = frames * channels * 2;
            return true;
        }

        private void put(int frame, int channel, int sample) {
            int i = (frame * channels + channel) * 2;
            pcm[i] = (byte) sample;
            pcm[i + 1] = (byte) (sample >> 8);
        }
    }
}
