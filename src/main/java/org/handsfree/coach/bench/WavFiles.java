package org.handsfree.coach.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads back the 16 kHz mono WAVs the coach writes, for measuring them. */
final class WavFiles {
    private WavFiles() {
    }

    static short[] readCanonical(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataBytes = b.getInt(40);
        short[] out = new short[dataBytes / 2];
        b.position(44);
        b.asShortBuffer().get(out);
        return out;
    }
}
