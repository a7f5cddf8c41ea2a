package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class VoiceProfileTest {
    /** adapt.learnedCap's value when these tests were written. */
    private static final double CAP = 60;

    @TempDir
    Path dir;

    static VoiceProfile sample() {
        double[][][] w = Mllr.identity(3, 13);
        w[1][2][13] = 0.25;
        return new VoiceProfile("ptm test", 30, 14.5, true, new VoiceProfile.Model(w,
                Map.of(7, new float[] {1f, -2.5f, 3f}, 900, new float[] {0.5f}),
                Map.of(12, new float[] {-100f, -2000f})));
    }

    @Test
    void writtenProfile_readsBackTheSame() throws Exception {
        Path f = dir.resolve("sub/voice.profile");
        sample().write(f);
        VoiceProfile back = VoiceProfile.read(f);
        assertEquals(sample(), back);
        assertEquals(0.25, back.model().transform()[1][2][13]);
        assertEquals(-2.5f, back.model().means().get(7)[1]);
    }

    @Test
    void aChangedByte_isDamage() throws Exception {
        Path f = dir.resolve("voice.profile");
        sample().write(f);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x10;
        Files.write(f, b);
        IOException e = assertThrows(IOException.class, () -> VoiceProfile.read(f));
        assertEquals(f + ": the voice profile is damaged (its checksum does not match)", e.getMessage());
    }

    @Test
    void aCutShortFile_andAnotherKindOfFile_areOneLineErrors() throws Exception {
        Path f = dir.resolve("voice.profile");
        sample().write(f);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 20));
        String cut = assertThrows(IOException.class, () -> VoiceProfile.read(f)).getMessage();
        assertTrue(cut.startsWith(f + ": the voice profile is "), cut);
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello\n");
        assertEquals(text + ": not a voice profile", assertThrows(IOException.class, () -> VoiceProfile.read(text)).getMessage());
    }

    static LearnedStats learned(double scale) {
        LearnedStats l = new LearnedStats(1, 3, 2);
        l.add(7, 1.0, new float[] {1f, 2f, 3f}, 0);
        l.add(7, 0.5 * scale, new float[] {2f, 0f, -2f}, 0);
        l.addWeight(12, 0, 1, 0.75);
        l.countFrame();
        l.countStretch();
        return l;
    }

    @Test
    void whatWasLearnedInUse_readsBackTheSame_addsUpOverSessions_andCanBeForgotten() throws Exception {
        Path f = dir.resolve("voice.profile");
        VoiceProfile once = sample().withLearned(learned(1), CAP);
        VoiceProfile twice = once.withLearned(learned(1), CAP);
        twice.write(f);
        VoiceProfile back = VoiceProfile.read(f);
        assertEquals(twice, back);
        assertEquals(2, back.learned().sessions());
        assertEquals(2, back.learned().stretches());
        assertEquals(2, back.learned().frames());
        // Occupancy 1.5 per session, twice; the sums likewise: 2 x (1 + 1, 2 + 0, 3 - 1).
        assertEquals(3.0, back.learned().gaussians().get(7)[3], 1e-12);
        assertEquals(4.0, back.learned().gaussians().get(7)[0], 1e-12);
        assertEquals(1.5, back.learned().weightCounts().get(12)[1], 1e-12);
        assertEquals(sample(), back.withoutLearned());
    }

    @Test
    void learnedStatistics_areCappedPerGaussian_soTheEnrolmentKeepsItsWeight() {
        VoiceProfile many = sample().withLearned(learned(400), CAP);
        double[] g = many.learned().gaussians().get(7);
        assertEquals(CAP, g[3], 1e-9);
        // Scaled as a whole: the mean of what was learned stays where it was.
        double mean0 = (1 + 0.5 * 400 * 2) / (1 + 0.5 * 400);
        assertEquals(mean0, g[0] / g[3], 1e-9);
        assertEquals(0.75, many.learned().weightCounts().get(12)[1], 1e-12);
    }

    @Test
    void aVersionOneProfile_isStillRead_withNothingLearned() throws Exception {
        Path f = dir.resolve("v1.profile");
        sample().write(f);
        byte[] b = Files.readAllBytes(f);
        // Version 1 is version 4 without the learned block (one boolean: false), the templates and the
        // pronunciations (a count each: 0) before the checksum.
        java.io.ByteArrayOutputStream v1 = new java.io.ByteArrayOutputStream();
        v1.write(b, 0, b.length - 17);
        byte[] body = v1.toByteArray();
        setVersion(body, 1);
        writeWithChecksum(f, body);
        VoiceProfile back = VoiceProfile.read(f);
        assertEquals(sample(), back);
        assertEquals(null, back.learned());
    }

    @Test
    void aVersionTwoProfile_isStillRead_withNoTemplates() throws Exception {
        Path f = dir.resolve("v2.profile");
        VoiceProfile learnedOnce = sample().withLearned(learned(1), CAP);
        learnedOnce.write(f);
        byte[] b = Files.readAllBytes(f);
        // Version 2 is version 4 without the templates and the pronunciations (a count each: 0) before the checksum.
        byte[] body = java.util.Arrays.copyOf(b, b.length - 16);
        setVersion(body, 2);
        writeWithChecksum(f, body);
        VoiceProfile back = VoiceProfile.read(f);
        assertEquals(learnedOnce, back);
        assertTrue(back.templates().isEmpty());
    }

    @Test
    void templates_readBackTheSame_andADamagedOneIsAOneLineError() throws Exception {
        Path f = dir.resolve("t.profile");
        float[][] a = {{1f, 2f, 3f}, {0.5f, -1f, 2f}};
        float[][] b = {{-1f, 0f, 4f}};
        VoiceProfile p = sample().withTemplates(new Templates(Map.of("number:2", java.util.List.<float[][]>of(a), "next",
                java.util.List.of(b, a))).asStored());
        p.write(f);
        VoiceProfile back = VoiceProfile.read(f);
        assertEquals(p, back);
        assertEquals(3, back.templates().count());
        assertTrue(back.describe().endsWith("; 3 templates of 2 phrases"), back.describe());
        // A frame count far out of range, with the checksum made to match: still a one-line error, not a crash.
        byte[] bytes = Files.readAllBytes(f);
        byte[] body = java.util.Arrays.copyOf(bytes, bytes.length - 8);
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("next") + 4 + 4;
        java.nio.ByteBuffer.wrap(body, at, 4).putInt(-5);
        writeWithChecksum(f, body);
        IOException e = assertThrows(IOException.class, () -> VoiceProfile.read(f));
        assertEquals(f + ": the voice profile is damaged (a template is out of range)", e.getMessage());
    }

    /** A version-4 file as version 3 wrote it: without the pronunciations' count (0) before the checksum. */
    private static void asVersionThree(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        assertEquals(0, java.nio.ByteBuffer.wrap(b, b.length - 12, 4).getInt(), "no pronunciations to cut");
        byte[] body = java.util.Arrays.copyOf(b, b.length - 12);
        assertEquals(4, setVersion(body, 3));
        writeWithChecksum(f, body);
    }

    @Test
    void aVersionThreeProfile_isStillRead_withItsTemplates_andNoPronunciations() throws Exception {
        Path f = dir.resolve("v3.profile");
        float[][] a = {{1f, 2f, 3f}, {0.5f, -1f, 2f}};
        VoiceProfile p = sample().withLearned(learned(1), CAP).withTemplates(new Templates(Map.of("number:2",
                java.util.List.<float[][]>of(a))).asStored());
        p.write(f);
        asVersionThree(f);
        VoiceProfile back = VoiceProfile.read(f);
        assertEquals(p, back);
        assertEquals(1, back.templates().count());
        assertTrue(back.pronunciations().isEmpty());
    }

    @Test
    void pronunciations_readBackTheSame_andADamagedOneIsAOneLineError() throws Exception {
        Path f = dir.resolve("p.profile");
        VoiceProfile p = sample().withPronunciations(Map.of("five", java.util.List.of(java.util.List.of("F", "AY")),
                "three", java.util.List.of(java.util.List.of("T", "R", "IY"), java.util.List.of("S", "R", "IY"))));
        p.write(f);
        VoiceProfile back = VoiceProfile.read(f);
        assertEquals(p, back);
        assertEquals(java.util.List.of("F", "AY"), back.pronunciations().get("five").get(0));
        assertEquals(2, back.pronunciations().get("three").size());
        assertTrue(back.describe().endsWith("; own pronunciations of five, three"), back.describe());
        // Another profile's pronunciations are another profile.
        assertFalse(p.equals(sample()));
        // A phone that is no phone, with the checksum made to match: a one-line error, not a crash.
        byte[] bytes = Files.readAllBytes(f);
        byte[] body = java.util.Arrays.copyOf(bytes, bytes.length - 8);
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("F AY");
        body[at] = '#';
        writeWithChecksum(f, body);
        IOException e = assertThrows(IOException.class, () -> VoiceProfile.read(f));
        assertEquals(f + ": the voice profile is damaged (a pronunciation is out of range)", e.getMessage());
    }

    /** Sets the format version of a profile's bytes (after its magic string); returns the version it had. */
    private static int setVersion(byte[] body, int version) {
        int at = 2 + ((body[0] & 0xff) << 8 | (body[1] & 0xff)) + 3;
        int was = body[at];
        body[at] = (byte) version;
        return was;
    }

    /** Writes a profile's body with the checksum that makes it read as undamaged. */
    private static void writeWithChecksum(Path f, byte[] body) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        Files.write(f, java.nio.ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array());
    }
}
