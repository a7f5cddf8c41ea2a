package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.time.SampleTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decodes real WAVs through the real Sphinx4 recognizer (clips: src/test/resources/audio/SOURCES.md). */
final class CommandRecognizerTest {
    private static CommandRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = CommandRecognizer.load();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    static short[] clip(String name) {
        return resource("/audio/" + name);
    }

    /** The samples of a WAV among the test resources, such as {@code /real/wait_013.wav}. */
    static short[] resource(String path) {
        try {
            return WavReader.read(Path.of(CommandRecognizerTest.class.getResource(path).toURI()));
        } catch (URISyntaxException | BadAudioException e) {
            throw new AssertionError(e);
        }
    }

    static List<Utterance> commands(short[] pcm) {
        return recognizer.recognizeAll(pcm).stream().filter(h -> h instanceof Utterance).map(h -> (Utterance) h)
                .toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "cmd_001_flite-rms.wav, next",
        "cmd_004_festival-slt.wav, repeat",
        "cmd_006_flite-slt.wav, back",
        "cmd_008_flite-rms.wav, pause",
        "cmd_010_festival-slt.wav, resume",
        "cmd_012_flite-rms.wav, stop",
        "cmd_013_flite-slt.wav, count",
        "cmd_014_flite-rms.wav, stop_count",
        "cmd_015_festival-slt.wav, faster",
        "cmd_017_flite-rms.wav, louder",
        "cmd_019_flite-slt.wav, time_left",
        "cmd_020_festival-slt.wav, where",
        "cmd_022_flite-rms.wav, restart",
        "cmd_023_festival-slt.wav, help",
        "cmd_024_flite-slt.wav, goto:5",
        "cmd_025_flite-rms.wav, goto:12",
        "cmd_002_espeak-en-us-150.wav, next",
        "one_004.wav, number:1",
        "three_004.wav, number:3",
    })
    void command_isRecognisedWithItsIntent(String file, String intent) {
        short[] pcm = clip(file);
        List<Utterance> heard = commands(pcm);
        assertEquals(1, heard.size(), "one command in " + file + ": " + heard);
        Utterance u = heard.get(0);
        assertEquals(intent, u.intent().toString());
        assertTrue(u.confidence() >= CommandRecognizer.settings(Map.of()).confidence().threshold() && u.confidence() <= 1,
                "confidence " + u.confidence());
        assertTrue(u.start() >= 0 && u.start() < u.end() && u.end() <= pcm.length + SampleTime.ofMillis(10),
                "start " + u.start() + " end " + u.end() + " within the clip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"noise_white.wav", "noise_brown.wav", "tone_chords.wav", "tone_sweep.wav", "clicks.wav",
        "silence.wav", "speech_001_flite-rms.wav", "speech_004_espeak-en-gb-f3.wav", "running_speech_espeak.wav",
        "speech_order_001.wav", "speech_order_040.wav"})
    void nonCommand_triggersNothing(String file) {
        List<Hearing> heard = recognizer.recognizeAll(clip(file));
        assertEquals(List.of(), heard.stream().filter(h -> h instanceof Utterance).toList(), file);
    }

    @Test
    void theLastWordsOfALongOrder_afterAPause_areJudgedAndNotHeardAsACommand() {
        // A real coffee order of five seconds: its last words used to be a stretch of their own, decoded as
        // "I'm done" (quit). With the short hang a pause inside it ends its first part; every part, the last
        // words included (they end past 4.5 s), is judged and rejected. (That the rest of talk past the longest
        // stretch is no new stretch until endpoint.overrunHangMs of quiet is EndpointerTest's.)
        List<Hearing> heard = recognizer.recognizeAll(clip("speech_order_040.wav"));
        assertTrue(!heard.isEmpty());
        assertTrue(heard.stream().allMatch(h -> h instanceof Rejection), heard.toString());
        assertTrue(heard.get(heard.size() - 1).end() >= SampleTime.ofSeconds(4.5), heard.toString());
    }

    @Test
    void brownNoise_hasNoPitch_andIsRejectedAsUnvoiced() {
        // Low-passed noise correlates best at the shortest lag: that is no pitch (it used to count as voiced at 600 Hz).
        // One second of it, short enough for a command, after a moment of quiet.
        short[] pcm = new short[16_000 * 2];
        System.arraycopy(clip("noise_brown.wav"), 0, pcm, 8_000, 16_000);
        List<Verdict> verdicts = recognizer.judgeAll(pcm);
        assertTrue(!verdicts.isEmpty());
        for (Verdict v : verdicts) {
            assertEquals("unvoiced", v.reason(), v.toString());
            assertTrue(v.features().voicedFraction() < 0.1, v.features().toString());
        }
    }

    @Test
    void aHighWarble_likeABabysCry_isRejectedByItsPitch_neverDecoded() {
        // 0.8 s of a 480-560 Hz voice-like buzz whose pitch keeps moving (so the steady-pitch gate can't catch it).
        short[] pcm = new short[16_000 * 2];
        System.arraycopy(Buzz.of(12_800, 520, 40, 6, 4_000), 0, pcm, 4_000, 12_800);
        int before = recognizer.decodes();
        List<Verdict> verdicts = recognizer.judgeAll(pcm);
        assertEquals(1, verdicts.size(), verdicts.toString());
        assertEquals("pitch too high (a tone, a whistle or a cry)", verdicts.get(0).reason());
        assertTrue(verdicts.get(0).features().meanPitchHz() > 450, verdicts.get(0).features().toString());
        assertEquals(before, recognizer.decodes(), "a gated stretch is never decoded");
    }

    @Test
    void sounds_areCountedAsRejected_silenceIsNothing() {
        assertTrue(recognizer.recognizeAll(clip("noise_white.wav")).stream().anyMatch(h -> h instanceof Rejection));
        assertEquals(List.of(), recognizer.recognizeAll(clip("silence.wav")));
    }

    @Test
    void speechWithNoLeadIn_isStillHeard() {
        short[] pcm = clip("cmd_024_flite-slt.wav");
        int onset = 0;
        while (Math.abs(pcm[onset]) < 300) {
            onset++;
        }
        short[] cut = java.util.Arrays.copyOfRange(pcm, onset, pcm.length);
        List<Utterance> heard = commands(cut);
        assertEquals(1, heard.size());
        assertEquals("goto:5", heard.get(0).intent().toString());
        assertEquals("go to step five", heard.get(0).text());
    }

    @Test
    void longFile_splitsIntoSeveralUtterances_inOrder_withTheirTimes() {
        short[] a = clip("cmd_001_flite-rms.wav");
        short[] b = clip("cmd_008_flite-rms.wav");
        short[] gap = new short[(int) SampleTime.ofSeconds(1.5)];
        List<short[]> parts = List.of(gap, a, gap, b, gap);
        int total = parts.stream().mapToInt(p -> p.length).sum();
        short[] all = new short[total];
        int at = 0;
        List<Integer> starts = new ArrayList<>();
        for (short[] p : parts) {
            starts.add(at);
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        List<Utterance> heard = commands(all);
        assertEquals(List.of("next", "pause"), heard.stream().map(u -> u.intent().toString()).toList());
        assertTrue(heard.get(0).start() >= starts.get(1) - SampleTime.ofMillis(200) && heard.get(0).end() <= starts.get(2)
                + SampleTime.ofMillis(50), "first within its clip");
        assertTrue(heard.get(1).start() >= starts.get(3) - SampleTime.ofMillis(200), "second within its clip");
    }

    @Test
    void recognizer_isReusedAcrossStreams_withTheSameResult() {
        short[] pcm = clip("cmd_019_flite-slt.wav");
        for (int i = 0; i < 3; i++) {
            assertEquals("time_left", commands(pcm).get(0).intent().toString());
        }
    }

    @Test
    void aStretch_isDecodedOnce_afterTheDecodedTail_andAClearCommandIsReportedAtTheQuickHang() {
        short[] pcm = new short[16_000 * 3];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(r.nextGaussian() * 30);
        }
        short[] next = clip("cmd_001_flite-rms.wav");
        for (int i = 0; i < next.length; i++) {
            pcm[8000 + i] += next[i];
        }
        CommandRecognizer.Stream stream = recognizer.newStream();
        short[] frame = new short[160];
        int before = recognizer.decodes();
        int decodedAt = -1;
        int heardAt = -1;
        Utterance heard = null;
        for (int f = 0; (f + 1) * 160 <= pcm.length; f++) {
            System.arraycopy(pcm, f * 160, frame, 0, 160);
            List<Hearing> h = stream.accept(frame);
            if (decodedAt < 0 && recognizer.decodes() > before) {
                decodedAt = f;
            }
            if (!h.isEmpty()) {
                heardAt = f;
                heard = (Utterance) h.get(0);
            }
        }
        assertEquals(1, recognizer.decodes() - before, "decoded once");
        int lastSound = (int) (heard.end() / 160) - 1;
        // Decoded endpoint.decodeTailMs after the last sound; a clear command alone is reported endpoint.quickHangMs
        // after it, sooner than the full hang (QuickEndTest: what is not clear waits for the full hang).
        RecognizerSettings.Endpoint s = CommandRecognizer.settings(Map.of()).endpoint();
        assertEquals(lastSound + s.decodeTailFrames(), decodedAt);
        assertTrue(heard.confidence() >= s.quick().minConfidence(), "confidence " + heard.confidence());
        assertEquals(lastSound + s.quick().hangFrames(), heardAt);
        assertTrue(s.decodeTailFrames() <= s.quick().hangFrames() && s.quick().hangFrames() < s.hangFrames());
        assertEquals("next", heard.intent().toString());
    }
}
