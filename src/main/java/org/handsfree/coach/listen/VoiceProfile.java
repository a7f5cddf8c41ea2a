package org.handsfree.coach.listen;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * A voice profile: what the recognizer learned of one user's voice and microphone, as numbers only
 * (never audio). It holds a transform of the acoustic model's means, the user's own means for the
 * Gaussians their takes reached, and their own mixture weights for the tied states their takes
 * visited; it fits only the acoustic model it was made for (the model's fingerprint is in the file),
 * and a checksum guards the rest.
 *
 * @param fingerprint the acoustic model it was made for ({@code SphinxDecoder.fingerprint})
 * @param takes how many takes it was learned from
 * @param seconds how much speech that was
 * @param narrowband the takes came through an 8 kHz channel: the profile is used for such audio only, and
 *     otherwise for wideband audio only (it learned the user's voice through their channel)
 * @param model what it changes in the acoustic model, as enrolment made it
 * @param learned what commands heard in use added since (null: nothing); the model the recognizer uses is the
 *     enrolment's moved towards these ({@link Enrolment#adapted})
 * @param templates the front end's features of each enrolment take, by its phrase's intent (none: empty), which
 *     confirm or overrule what the grammar heard ({@link CommandRecognizer})
 * @param pronunciations the user's own ways of saying words, found on their takes ({@link Pronunciations}): word ->
 *     pronunciations added beside the dictionary's, each a list of phones as the dictionary spells them (none: empty)
 */
public record VoiceProfile(String fingerprint, int takes, double seconds, boolean narrowband, Model model,
                           LearnedStats learned, Templates templates, Map<String, List<List<String>>> pronunciations) {
    private static final String MAGIC = "hands-free-coach voice profile";
    /**
     * Version 2 adds what was learned in use, version 3 the user's templates, version 4 the user's pronunciations;
     * files of versions 1 (enrolment only), 2 and 3 are still read (with none of what they lack).
     */
    private static final int VERSION = 4;
    /** At most this many words, pronunciations of a word, and phones in one, in a file (a damaged count is caught). */
    private static final int MAX_WORDS = 10_000;
    private static final int MAX_PRONUNCIATIONS = 16;
    private static final int MAX_PHONES = 64;
    /** A profile as enrolment makes it, with nothing learned in use. */
    public VoiceProfile(String fingerprint, int takes, double seconds, boolean narrowband, Model model) {
        this(fingerprint, takes, seconds, narrowband, model, null, Templates.none());
    }

    /** A profile without templates. */
    public VoiceProfile(String fingerprint, int takes, double seconds, boolean narrowband, Model model,
                        LearnedStats learned) {
        this(fingerprint, takes, seconds, narrowband, model, learned, Templates.none());
    }

    /** A profile without pronunciations of its own. */
    public VoiceProfile(String fingerprint, int takes, double seconds, boolean narrowband, Model model,
                        LearnedStats learned, Templates templates) {
        this(fingerprint, takes, seconds, narrowband, model, learned, templates, Map.of());
    }

    public VoiceProfile {
        templates = templates == null ? Templates.none() : templates;
        Map<String, List<List<String>>> p = new TreeMap<>();
        if (pronunciations != null) {
            pronunciations.forEach((w, l) -> p.put(w, l.stream().map(List::copyOf).toList()));
        }
        pronunciations = java.util.Collections.unmodifiableMap(p);
    }

    /** This profile with {@code t} as its templates. */
    public VoiceProfile withTemplates(Templates t) {
        return new VoiceProfile(fingerprint, takes, seconds, narrowband, model, learned, t, pronunciations);
    }

    /** This profile with {@code p} as the user's own pronunciations (word -> phones; empty: none). */
    public VoiceProfile withPronunciations(Map<String, List<List<String>>> p) {
        return new VoiceProfile(fingerprint, takes, seconds, narrowband, model, learned, templates, p);
    }

    /**
     * This profile with one more session's commands learned: their statistics added to what was learned
     * before, each Gaussian's capped at {@code cap} frames ({@code adapt.learnedCap}; see {@link LearnedStats#cap}).
     */
    public VoiceProfile withLearned(LearnedStats session, double cap) {
        LearnedStats all = session.plusSession();
        if (learned != null) {
            all.addAll(learned);
        }
        all.cap(cap);
        return new VoiceProfile(fingerprint, takes, seconds, narrowband, model, all, templates, pronunciations);
    }

    /** This profile as enrolment made it: what was learned in use is forgotten. */
    public VoiceProfile withoutLearned() {
        return new VoiceProfile(fingerprint, takes, seconds, narrowband, model, null, templates, pronunciations);
    }

    /**
     * What a profile changes in the acoustic model.
     *
     * @param transform one affine transform of the means per stream (as {@link Mllr}), applied first
     * @param means the user's means, by the Gaussian's index in the model's pool; they replace the transformed ones
     * @param logWeights log mixture weights (Sphinx4's log base), by {@code senone * streams + stream}
     */
    public record Model(double[][][] transform, Map<Integer, float[]> means, Map<Integer, float[]> logWeights) {
    }

    /** Writes the profile to {@code file}, replacing it whole (a crash never leaves half a profile). */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint);
            out.writeInt(takes);
            out.writeDouble(seconds);
            out.writeBoolean(narrowband);
            double[][][] w = model.transform();
            out.writeInt(w.length);
            out.writeInt(w[0].length);
            for (double[][] stream : w) {
                for (double[] row : stream) {
                    for (double v : row) {
                        out.writeDouble(v);
                    }
                }
            }
            writeMap(out, model.means());
            writeMap(out, model.logWeights());
            out.writeBoolean(learned != null);
            if (learned != null) {
                out.writeInt(learned.streams());
                out.writeInt(learned.dim());
                out.writeInt(learned.perStream());
                out.writeLong(learned.frames());
                out.writeInt(learned.stretches());
                out.writeInt(learned.sessions());
                writeDoubles(out, learned.gaussians());
                writeDoubles(out, learned.weightCounts());
            }
            templates.write(out);
            out.writeInt(pronunciations.size());
            for (Map.Entry<String, List<List<String>>> e : pronunciations.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().size());
                for (List<String> phones : e.getValue()) {
                    out.writeUTF(String.join(" ", phones));
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".voice", ".tmp");
        try {
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeMap(DataOutputStream out, Map<Integer, float[]> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<Integer, float[]> e : new TreeMap<>(m).entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue().length);
            for (float v : e.getValue()) {
                out.writeFloat(v);
            }
        }
    }

    private static void writeDoubles(DataOutputStream out, Map<Integer, double[]> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<Integer, double[]> e : new TreeMap<>(m).entrySet()) {
            out.writeInt(e.getKey());
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
    }

    /**
     * Reads a profile. A file that is not a profile, is damaged or cut short is an {@link IOException}
     * whose message names the file and says which.
     */
    public static VoiceProfile read(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the voice profile (" + e.getClass().getSimpleName() + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                magic = "";
            }
            if (!magic.equals(MAGIC)) {
                throw new IOException(file + ": not a voice profile");
            }
            if (all.length < 8) {
                throw new IOException(file + ": the voice profile is cut short");
            }
            CRC32 crc = new CRC32();
            crc.update(all, 0, all.length - 8);
            long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                throw new IOException(file + ": the voice profile is damaged (its checksum does not match)");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new IOException(file + ": voice profile version " + version + ", this coach reads version " + VERSION);
            }
            String fingerprint = in.readUTF();
            int takes = in.readInt();
            double seconds = in.readDouble();
            boolean narrowband = in.readBoolean();
            int streams = in.readInt();
            int dim = in.readInt();
            check(file, streams > 0 && streams < 16 && dim > 0 && dim < 256, "its transform");
            double[][][] w = new double[streams][dim][dim + 1];
            for (double[][] stream : w) {
                for (double[] row : stream) {
                    for (int c = 0; c <= dim; c++) {
                        row[c] = in.readDouble();
                    }
                }
            }
            Map<Integer, float[]> means = readMap(in, file);
            Map<Integer, float[]> weights = readMap(in, file);
            LearnedStats learned = null;
            if (version >= 2 && in.readBoolean()) {
                int lStreams = in.readInt();
                int lDim = in.readInt();
                int lPer = in.readInt();
                check(file, lStreams > 0 && lStreams < 16 && lDim > 0 && lDim < 256 && lPer > 0 && lPer <= 1024,
                        "what was learned in use");
                learned = new LearnedStats(lStreams, lDim, lPer);
                long frames = in.readLong();
                int stretches = in.readInt();
                int sessions = in.readInt();
                check(file, frames >= 0 && stretches >= 0 && sessions >= 0, "a count");
                learned.setCounts(frames, stretches, sessions);
                readDoubles(in, file, learned.gaussians(), lDim + 1);
                readDoubles(in, file, learned.weightCounts(), lPer);
            }
            Templates templates = version >= 3 ? Templates.read(in, file) : Templates.none();
            Map<String, List<List<String>>> pronunciations = new TreeMap<>();
            if (version >= 4) {
                int words = in.readInt();
                check(file, words >= 0 && words <= MAX_WORDS, "a count of pronunciations");
                for (int i = 0; i < words; i++) {
                    String word = in.readUTF();
                    int n = in.readInt();
                    check(file, !word.isBlank() && n > 0 && n <= MAX_PRONUNCIATIONS, "a word's pronunciations");
                    List<List<String>> prons = new java.util.ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        String phones = in.readUTF().trim();
                        List<String> p = phones.isEmpty() ? List.of() : List.of(phones.split(" "));
                        check(file, !p.isEmpty() && p.size() <= MAX_PHONES
                                && p.stream().allMatch(ph -> ph.matches("[A-Z]{1,3}")), "a pronunciation");
                        prons.add(p);
                    }
                    pronunciations.put(word, prons);
                }
            }
            if (in.available() != 8) {
                throw new IOException(file + ": the voice profile is damaged (it does not end where its contents do)");
            }
            return new VoiceProfile(fingerprint, takes, seconds, narrowband, new Model(w, means, weights), learned,
                    templates, pronunciations);
        } catch (EOFException e) {
            throw new IOException(file + ": the voice profile is cut short");
        }
    }

    private static Map<Integer, float[]> readMap(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        check(file, n >= 0 && n < 10_000_000, "a count");
        Map<Integer, float[]> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int key = in.readInt();
            int len = in.readInt();
            check(file, key >= 0 && len > 0 && len <= 1024, "an entry");
            float[] v = new float[len];
            for (int k = 0; k < len; k++) {
                v[k] = in.readFloat();
                check(file, Float.isFinite(v[k]) || v[k] == Float.NEGATIVE_INFINITY || v[k] < -1e30f, "a number");
            }
            m.put(key, v);
        }
        return m;
    }

    private static void readDoubles(DataInputStream in, Path file, Map<Integer, double[]> into, int len) throws IOException {
        int n = in.readInt();
        check(file, n >= 0 && n < 10_000_000, "a count");
        for (int i = 0; i < n; i++) {
            int key = in.readInt();
            check(file, key >= 0, "an entry");
            double[] v = new double[len];
            for (int k = 0; k < len; k++) {
                v[k] = in.readDouble();
                check(file, Double.isFinite(v[k]), "a number");
            }
            into.put(key, v);
        }
    }

    private static void check(Path file, boolean ok, String what) throws IOException {
        if (!ok) {
            throw new IOException(file + ": the voice profile is damaged (" + what + " is out of range)");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VoiceProfile p) || !p.fingerprint.equals(fingerprint) || p.takes != takes
                || p.seconds != seconds || p.narrowband != narrowband || !Arrays.deepEquals(p.model.transform(), model.transform())) {
            return false;
        }
        return same(p.model.means(), model.means()) && same(p.model.logWeights(), model.logWeights())
                && java.util.Objects.equals(p.learned, learned) && p.templates.equals(templates)
                && p.pronunciations.equals(pronunciations);
    }

    private static boolean same(Map<Integer, float[]> a, Map<Integer, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode() * 31 + takes;
    }

    /** One line for people: what the profile holds. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d takes, %.0f s of speech, %s; %d Gaussian means and %d mixtures of the user's own",
                takes, seconds, narrowband ? "through an 8 kHz channel" : "wideband", model.means().size(), model.logWeights().size())
                + (learned == null ? "" : String.format(java.util.Locale.ROOT, "; learned in use: %d commands, %.1f s of"
                + " speech, in %d sessions", learned.stretches(), learned.frames() / 100.0, learned.sessions()))
                + (templates.isEmpty() ? "" : "; " + templates.describe())
                + (pronunciations.isEmpty() ? "" : "; own pronunciations of " + String.join(", ", pronunciations.keySet()));
    }
}
