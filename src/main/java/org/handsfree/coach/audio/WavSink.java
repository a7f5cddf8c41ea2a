package org.handsfree.coach.audio;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.handsfree.coach.time.SampleTime;

/**
 * Writes a 16 kHz mono 16-bit WAV as the session goes, so a long session never sits whole in
 * memory. The header is kept true as it goes: every 0.1 s of audio the data is flushed and the
 * header's sizes rewritten, so a session stopped by Ctrl-C or kill -9 leaves a WAV that any reader
 * opens, holding everything up to the last rewrite.
 */
public final class WavSink implements AudioSink {
    private static final int HEADER = 44;
    /** How much audio may be written between two header rewrites: 0.1 s. */
    static final long HEADER_EVERY = 2L * SampleTime.RATE / 10;

    private final RandomAccessFile file;
    private final OutputStream out;
    private final byte[] buffer = new byte[4096];
    private long dataBytes;
    private long headerBytes;
    /** A regular file gets its header rewritten in place; a device or a pipe only gets the stream. */
    private boolean seekable;

    public WavSink(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": a folder, not a file to write");
        }
        try {
            this.file = new RandomAccessFile(path.toFile(), "rw");
        } catch (FileNotFoundException e) {
            String m = String.valueOf(e.getMessage());
            throw new IOException(path + ": " + (m.contains("Permission denied") ? "permission denied"
                    : m.contains("No such file") ? "no such folder" : m), e);
        }
        try {
            seekable = Files.isRegularFile(path);
            if (seekable) {
                file.setLength(0);
            }
            this.out = new BufferedOutputStream(Channels.newOutputStream(file.getChannel()), 1 << 16);
            out.write(header(0));
            // Written at once, so a place that can't take it (a full disk, /dev/full) says so before the session starts.
            sync();
        } catch (IOException e) {
            file.close();
            throw new IOException(path + ": " + e.getMessage(), e);
        }
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
        if (dataBytes - headerBytes >= HEADER_EVERY) {
            sync();
        }
    }

    /** Flushes what is written and makes the header say so. */
    private void sync() throws IOException {
        out.flush();
        if (seekable) {
            file.getChannel().write(ByteBuffer.wrap(header(dataBytes)), 0);
        }
        headerBytes = dataBytes;
    }

    @Override
    public void close() throws IOException {
        try (file) {
            sync();
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
