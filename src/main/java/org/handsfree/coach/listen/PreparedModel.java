package org.handsfree.coach.listen;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The acoustic model as the loader leaves it, kept as one binary block so that a start reads arrays instead
 * of parsing: the Gaussians' means and (floored) variances, the mixture weights already normalised, floored
 * and in Sphinx4's log base, the tied-state-to-phone map, and the rows of the model definition that
 * {@link SphinxDecoder.Model} keeps. Parsing those (two million weights a float at a time with a logarithm
 * each, and the definition's text three times over) was most of a start's CPU.
 *
 * <p>The block is made from a first, parsing load and written under a name derived from its {@link #key}
 * (what it was made from); a block whose key, shape or checksum doesn't match is not used. Nothing here
 * knows Sphinx4: these are plain arrays.
 */
final class PreparedModel {
    private static final int MAGIC = 0x48464350; // "HFCP"
    private static final int VERSION = 1;
    /** Read and written through a buffer this big: the block never sits in the heap whole. */
    private static final int CHUNK = 1 << 16;

    /** What the block was made from (model files, dictionary, floors): a block for another key is not used. */
    final String key;
    /** The density files' shape: tied states (codebooks), streams, Gaussians per state; each stream's length. */
    final int densityStates;
    final int streams;
    final int gaussiansPerState;
    final int[] vectorLength;
    final float[][] means;
    final float[][] variances;
    /** The mixture weights' shape and values, as Sphinx4 holds them: per Gaussian, every state's streams in turn. */
    final int weightStates;
    final int weightStreams;
    final int weightsPerState;
    final float[][] weights;
    final int baseCount;
    final int[] senoneToPhone;
    /**
     * Phone names, and each kept row of the model definition as {@link #rowLength} ints: phone, left and right
     * (indexes of {@link #names}, -1 for none), the position letter, filler (1) or not (0), the transition
     * matrix, then the tied state of each emitting state.
     */
    final String[] names;
    final int statesPerHmm;
    final int[] rows;

    PreparedModel(String key, int densityStates, int streams, int gaussiansPerState, int[] vectorLength,
                  float[][] means, float[][] variances, int weightStates, int weightStreams, int weightsPerState,
                  float[][] weights, int baseCount, int[] senoneToPhone, String[] names, int statesPerHmm, int[] rows) {
        this.key = key;
        this.densityStates = densityStates;
        this.streams = streams;
        this.gaussiansPerState = gaussiansPerState;
        this.vectorLength = vectorLength;
        this.means = means;
        this.variances = variances;
        this.weightStates = weightStates;
        this.weightStreams = weightStreams;
        this.weightsPerState = weightsPerState;
        this.weights = weights;
        this.baseCount = baseCount;
        this.senoneToPhone = senoneToPhone;
        this.names = names;
        this.statesPerHmm = statesPerHmm;
        this.rows = rows;
    }

    /** How many ints a row of {@link #rows} takes. */
    int rowLength() {
        return 6 + statesPerHmm;
    }

    /** The file a block for {@code key} is kept in, in {@code dir}. */
    static Path file(Path dir, String key) {
        return dir.resolve("model-" + Hashing.sha256().hashString(key, StandardCharsets.UTF_8).toString().substring(0, 16)
                + ".bin");
    }

    /** The block kept for {@code key} in {@code dir}, or null when there is none that is whole and for that key. */
    static PreparedModel read(Path dir, String key) {
        Path f = file(dir, key);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (In in = new In(FileChannel.open(f, StandardOpenOption.READ))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !key.equals(in.readString())) {
                return null;
            }
            int densityStates = in.readInt();
            int streams = in.readInt();
            int perState = in.readInt();
            int[] vectorLength = in.readInts(streams);
            float[][] means = in.readDensities(densityStates * streams * perState, vectorLength, perState);
            float[][] variances = in.readDensities(densityStates * streams * perState, vectorLength, perState);
            int weightStates = in.readInt();
            int weightStreams = in.readInt();
            int weightsPerState = in.readInt();
            float[][] weights = new float[weightsPerState][Math.multiplyExact(weightStates, weightStreams)];
            for (float[] w : weights) {
                in.readFloats(w);
            }
            int baseCount = in.readInt();
            int[] senoneToPhone = in.readInts(in.readInt());
            String[] names = new String[in.readInt()];
            for (int i = 0; i < names.length; i++) {
                names[i] = in.readString();
            }
            int statesPerHmm = in.readInt();
            int[] rows = in.readInts(in.readInt());
            long expected = in.crcSoFar();
            if (in.readLong() != expected) {
                return null;
            }
            return new PreparedModel(key, densityStates, streams, perState, vectorLength, means, variances, weightStates,
                    weightStreams, weightsPerState, weights, baseCount, senoneToPhone, names, statesPerHmm, rows);
        } catch (IOException | RuntimeException e) {
            // A block cut short or not ours: the model is parsed again and the block written anew.
            return null;
        }
    }

    /**
     * Writes this block into {@code dir} under its key: to a file of its own first, then renamed, so a
     * reader finds the whole block or none. Blocks for other keys in {@code dir} are removed.
     */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = file(dir, key);
        Path temp = Files.createTempFile(dir, "model-", ".tmp");
        try {
            try (Out out = new Out(FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeString(key);
                out.writeInt(densityStates);
                out.writeInt(streams);
                out.writeInt(gaussiansPerState);
                out.writeInts(vectorLength);
                for (float[] m : means) {
                    out.writeFloats(m);
                }
                for (float[] v : variances) {
                    out.writeFloats(v);
                }
                out.writeInt(weightStates);
                out.writeInt(weightStreams);
                out.writeInt(weightsPerState);
                for (float[] w : weights) {
                    out.writeFloats(w);
                }
                out.writeInt(baseCount);
                out.writeInt(senoneToPhone.length);
                out.writeInts(senoneToPhone);
                out.writeInt(names.length);
                for (String n : names) {
                    out.writeString(n);
                }
                out.writeInt(statesPerHmm);
                out.writeInt(rows.length);
                out.writeInts(rows);
                out.writeLong(out.crcSoFar());
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        try (var old = Files.newDirectoryStream(dir, "model-*.bin")) {
            for (Path f : old) {
                if (!f.equals(target)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Reads little-endian numbers through one small buffer, with a running checksum of what it read. */
    private static final class In implements AutoCloseable {
        private final FileChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32 crc = new CRC32();

        In(FileChannel channel) {
            this.channel = channel;
            buf.limit(0);
        }

        /** At least {@code n} bytes (at most a chunk) in the buffer, or an exception at the end of the file. */
        private void need(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            // What was read is checksummed as it leaves the buffer.
            crc.update(buf.array(), 0, buf.position());
            buf.compact();
            while (buf.position() < n) {
                if (channel.read(buf) < 0) {
                    throw new IOException("the prepared model ends early");
                }
            }
            buf.flip();
        }

        /** The checksum of every byte read so far. */
        long crcSoFar() {
            crc.update(buf.array(), 0, buf.position());
            buf.compact().flip();
            return crc.getValue();
        }

        int readInt() throws IOException {
            need(4);
            return buf.getInt();
        }

        long readLong() throws IOException {
            need(8);
            return buf.getLong();
        }

        String readString() throws IOException {
            int n = readInt();
            if (n < 0 || n > CHUNK) {
                throw new IOException("a name in the prepared model is " + n + " bytes");
            }
            need(n);
            byte[] b = new byte[n];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        int[] readInts(int n) throws IOException {
            int[] out = new int[n];
            int done = 0;
            while (done < n) {
                need(4);
                int k = Math.min(n - done, buf.remaining() / 4);
                buf.asIntBuffer().get(out, done, k);
                buf.position(buf.position() + 4 * k);
                done += k;
            }
            return out;
        }

        void readFloats(float[] out) throws IOException {
            int done = 0;
            while (done < out.length) {
                need(4);
                int k = Math.min(out.length - done, buf.remaining() / 4);
                buf.asFloatBuffer().get(out, done, k);
                buf.position(buf.position() + 4 * k);
                done += k;
            }
        }

        /** {@code count} density vectors, in the order state, stream, Gaussian. */
        float[][] readDensities(int count, int[] vectorLength, int perState) throws IOException {
            float[][] out = new float[count][];
            int perStates = vectorLength.length * perState;
            for (int i = 0; i < count; i++) {
                out[i] = new float[vectorLength[(i % perStates) / perState]];
                readFloats(out[i]);
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Writes little-endian numbers through one small buffer, with a running checksum of what it wrote. */
    private static final class Out implements AutoCloseable {
        private final FileChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32 crc = new CRC32();

        Out(FileChannel channel) {
            this.channel = channel;
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        private void flush() throws IOException {
            buf.flip();
            crc.update(buf.array(), 0, buf.limit());
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            buf.clear();
        }

        long crcSoFar() throws IOException {
            flush();
            return crc.getValue();
        }

        void writeInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void writeLong(long v) throws IOException {
            room(8);
            buf.putLong(v);
        }

        void writeString(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            writeInt(b.length);
            room(b.length);
            buf.put(b);
        }

        void writeInts(int[] v) throws IOException {
            for (int done = 0; done < v.length; ) {
                room(4);
                int k = Math.min(v.length - done, buf.remaining() / 4);
                buf.asIntBuffer().put(v, done, k);
                buf.position(buf.position() + 4 * k);
                done += k;
            }
        }

        void writeFloats(float[] v) throws IOException {
            for (int done = 0; done < v.length; ) {
                room(4);
                int k = Math.min(v.length - done, buf.remaining() / 4);
                buf.asFloatBuffer().put(v, done, k);
                buf.position(buf.position() + 4 * k);
                done += k;
            }
        }

        @Override
        public void close() throws IOException {
            flush();
            channel.force(false);
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "prepared model " + densityStates + "x" + streams + "x" + gaussiansPerState + " " + Arrays.toString(vectorLength)
                + ", " + weightStates + " weighted states, " + rows.length + " row ints";
    }
}
