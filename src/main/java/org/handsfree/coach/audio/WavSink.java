package org.handsfree.coach.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Path;
import org.handsfree.coach.time.SampleTime;

/**
 * Writes a 16 kHz mono 16-bit WAV as the session goes, so a long session never sits whole in
 * memory. The header's sizes are filled in on close.
 */
public final class WavSink implements AudioSink {
    private static final int HEADER = 44;

    private final RandomAccessFile file;
    private final OutputStream out;
    private final byte[] buffer = new byte[4096];
    private long dataBytes;

    public WavSink(Path path) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "rw");
        file.setLength(0);
        this.out = new BufferedOutputStream(Channels.newOutputStream(file.getChannel()), 1 << 16);
        out.write(header(0));
    }

    @Override
    public void write(short[] frame, int n) throws IOException {
        int i = 0;
        while (i < n) {
            int chunk = Math.min(n - i, buffer.length / 2);
            for (int k = 0; k < chunk; k++) {
                short s = frame[i + k];
                buffer[2 * k] = (byte) s;
                buffer[2 * k + 1] = (byte) (s >> 8);
            }
            out.write(buffer, 0, chunk * 2);
            i += chunk;
        }
        dataBytes += 2L * n;
    }

    @Override
    public void close() throws IOException {
        try (file) {
            out.flush();
            file.seek(0);
            file.write(header(dataBytes));
        }
    }

    /** A canonical 44-byte header for 16 kHz mono 16-bit PCM holding {@code dataBytes}. */
    static byte[] header(long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes));
        b.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(SampleTime.RATE).putInt(SampleTime.RATE * 2);
        b.putShort((short) 2).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return b.array();
    }
}
