package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class VoiceProfileTest {
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
}
