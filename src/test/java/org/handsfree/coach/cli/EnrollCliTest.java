package org.handsfree.coach.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.handsfree.coach.listen.VoiceProfile;
import org.junit.jupiter.api.Test;

final class EnrollCliTest extends PrivateStateTest {
    static Path takes() throws Exception {
        return Path.of(EnrollCliTest.class.getResource("/enroll/labels.tsv").toURI()).getParent();
    }

    @Test
    void enrollFrom_writesAProfile_thatRecognizeUses_andForgetDeletes() throws Exception {
        Path profile = dir.resolve("state/voice.profile");
        CliTest.Result r = CliTest.run("", "enroll", "--from", takes().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("voice profile: " + profile + " (9 takes"), r.out());
        VoiceProfile p = VoiceProfile.read(profile);
        assertEquals(9, p.takes());
        String clip = takes().resolve("6_george_9.wav").toString();
        CliTest.Result heard = CliTest.run("", "recognize", clip);
        assertEquals(0, heard.code(), heard.err());
        assertEquals("", heard.err());
        assertEquals(clip, JsonParser.parseString(heard.out().strip()).getAsJsonObject().get("file").getAsString());
        CliTest.Result gone = CliTest.run("", "enroll", "--forget");
        assertEquals(0, gone.code());
        assertFalse(Files.exists(profile));
        assertEquals("voice profile deleted: " + profile + "\n", gone.out());
    }

    @Test
    void recognize_withAProfileOfAnotherModel_saysSoInALineAndCarriesOn() throws Exception {
        Path foreign = dir.resolve("foreign.profile");
        new VoiceProfile("another model", 3, 1.0, false, new VoiceProfile.Model(new double[][][] {{{1, 0}}}, Map.of(),
                Map.of())).write(foreign);
        String clip = takes().resolve("2_george_3.wav").toString();
        CliTest.Result r = CliTest.run("", "recognize", "--profile", foreign.toString(), clip);
        assertEquals(0, r.code(), r.err());
        assertEquals("coach recognize: " + foreign + ": the voice profile was made for another acoustic model;"
                + " carrying on without it\n", r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
    }

    @Test
    void recognize_withADamagedProfile_saysSoInALineAndCarriesOn() throws Exception {
        Path bad = dir.resolve("bad.profile");
        Files.writeString(bad, "not numbers\n");
        String clip = takes().resolve("2_george_3.wav").toString();
        CliTest.Result r = CliTest.run("", "recognize", "--profile", bad.toString(), clip);
        assertEquals(0, r.code(), r.err());
        assertEquals("coach recognize: " + bad + ": not a voice profile; carrying on without a voice profile\n", r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
    }

    @Test
    void enrollFrom_aLabelThatIsNoPhrase_isOneLineWithItsLine() throws Exception {
        Path from = dir.resolve("takes");
        Files.createDirectories(from);
        Files.copy(takes().resolve("2_george_3.wav"), from.resolve("a.wav"));
        Files.writeString(from.resolve("labels.tsv"), "a.wav\ttwo\na.wav\tbanana bread\n");
        CliTest.Result r = CliTest.run("", "enroll", "--from", from.toString(), "--profile", dir.resolve("p").toString());
        assertEquals(2, r.code());
        assertEquals("coach enroll: " + from.resolve("labels.tsv") + ":2: 'banana bread' is not a phrase the coach knows"
                + " (see ./coach phrases)\n", r.err());
        assertFalse(Files.exists(dir.resolve("p")));
    }
}
