package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** acoustic/rejection.properties, read once into typed settings: every key used, none unknown, units converted. */
final class RecognizerSettingsTest {
    private static final String FILE = "acoustic/rejection.properties";
    private static final Set<String> DECODER = Set.of("absoluteBeamWidth", "relativeBeamWidth");

    private static Map<String, String> raw() throws IOException {
        try (Reader in = new InputStreamReader(RecognizerSettings.class.getResourceAsStream(RecognizerSettings.RESOURCE),
                StandardCharsets.UTF_8)) {
            return RecognizerSettings.read(in);
        }
    }

    @Test
    void theBuiltInSettings_keepEveryValue_inTheCodesUnits() throws IOException {
        Map<String, String> raw = raw();
        RecognizerSettings s = CommandRecognizer.settings(Map.of());
        // Frames of 10 ms and samples at 16 kHz, from the file's milliseconds and seconds.
        assertEquals(Double.parseDouble(raw.get("endpoint.hangMs")) / 10, s.endpoint().hangFrames());
        assertEquals(Double.parseDouble(raw.get("endpoint.overrunHangMs")) / 10, s.endpoint().overrunHangFrames());
        assertEquals(Double.parseDouble(raw.get("endpoint.decodeTailMs")) / 10, s.endpoint().decodeTailFrames());
        assertEquals(Double.parseDouble(raw.get("endpoint.preRollMs")) / 10, s.endpoint().preRollFrames());
        assertEquals(Double.parseDouble(raw.get("endpoint.maxSeconds")) * 100, s.endpoint().maxFrames());
        assertEquals(Double.parseDouble(raw.get("decode.leadInMs")) * 16, s.decode().leadInSamples());
        assertEquals(Double.parseDouble(raw.get("decode.tailMs")) * 16, s.decode().tailSamples());
        assertEquals(Double.parseDouble(raw.get("gate.maxPitchHz")), s.gates().maxPitchHz());
        assertEquals(Double.parseDouble(raw.get("confidence.threshold")), s.confidence().threshold());
        assertEquals(raw.get("adapt.narrowband"), s.adapt().narrowband());
        assertEquals(Double.parseDouble(raw.get("self.tailMs")) * 16, s.self().tailSamples());
        assertEquals(Double.parseDouble(raw.get("self.echoMarginDb")), s.self().echoMarginDb());
        assertEquals(Double.parseDouble(raw.get("self.overSpeechConfidence")), s.self().overSpeechConfidence());
        assertEquals(Double.parseDouble(raw.get("self.audibleRms")), s.self().audibleRms());
        // The decoder's settings are exactly the keys without a dot, each filling a ${name} of decoder.xml.
        Map<String, String> search = new TreeMap<>(raw);
        search.keySet().removeIf(k -> k.contains("."));
        assertEquals(search, s.search());
        assertTrue(s.search().containsKey("absoluteBeamWidth"));
    }

    @Test
    void anOverride_replacesOneValue() {
        RecognizerSettings s = CommandRecognizer.settings(Map.of("gate.maxPitchHz", "350", "absoluteBeamWidth", "500"));
        assertEquals(350, s.gates().maxPitchHz());
        assertEquals("500", s.search().get("absoluteBeamWidth"));
    }

    @Test
    void aMissingKey_namesTheKeyAndTheFile() throws IOException {
        Map<String, String> raw = raw();
        raw.remove("gate.maxPitchHz");
        Exception e = assertThrows(RecognizerSettings.BadSettingException.class,
                () -> RecognizerSettings.of(raw, FILE, placeholders()));
        assertEquals(FILE + ": the setting 'gate.maxPitchHz' is missing", e.getMessage());
    }

    @Test
    void aMisspeltKey_isUnknown_notIgnored() throws IOException {
        Map<String, String> raw = raw();
        raw.put("gate.maxPitchHzz", "300");
        Exception e = assertThrows(RecognizerSettings.BadSettingException.class,
                () -> RecognizerSettings.of(raw, FILE, placeholders()));
        assertEquals(FILE + ": unknown setting 'gate.maxPitchHzz'", e.getMessage());
        Map<String, String> raw2 = raw();
        raw2.put("absoluteBeamWidh", "300");
        Exception e2 = assertThrows(RecognizerSettings.BadSettingException.class,
                () -> RecognizerSettings.of(raw2, FILE, placeholders()));
        assertEquals(FILE + ": unknown setting 'absoluteBeamWidh' (the decoder's configuration has no "
                + "${absoluteBeamWidh})", e2.getMessage());
    }

    @Test
    void anInputRangeThatIsEmpty_namesBothKeysAndTheFile() throws IOException {
        Map<String, String> raw = raw();
        raw.put("confidence.min.snrDb", "60");
        raw.put("confidence.max.snrDb", "20");
        Exception e = assertThrows(RecognizerSettings.BadSettingException.class,
                () -> RecognizerSettings.of(raw, FILE, placeholders()));
        assertEquals(FILE + ": confidence.min.snrDb is above confidence.max.snrDb", e.getMessage());
    }

    @Test
    void aValueThatIsNoNumber_namesKeyValueAndFile() throws IOException {
        Map<String, String> raw = raw();
        raw.put("endpoint.hangMs", "250ms");
        Exception e = assertThrows(RecognizerSettings.BadSettingException.class,
                () -> RecognizerSettings.of(raw, FILE, placeholders()));
        assertEquals(FILE + ": the setting 'endpoint.hangMs' must be a number, got '250ms'", e.getMessage());
        assertTrue(e.getCause() instanceof NumberFormatException);
    }

    @Test
    void placeholders_inCommentsDoNotCount() {
        assertEquals(DECODER, RecognizerSettings.placeholders(
                "<!-- ${...} --><a v=\"${absoluteBeamWidth}\"/><b v=\"${relativeBeamWidth}\"/><c v=\"${absoluteBeamWidth}\"/>"));
        assertFalse(RecognizerSettings.placeholders("<!-- ${x} -->").contains("x"));
    }

    private static Set<String> placeholders() throws IOException {
        try (var in = RecognizerSettings.class.getResourceAsStream(CommandRecognizer.CONFIG)) {
            return RecognizerSettings.placeholders(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
