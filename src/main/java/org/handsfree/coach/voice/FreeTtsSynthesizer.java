package org.handsfree.coach.voice;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.lexicon.LexiconImpl;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import org.handsfree.coach.audio.Clip;
import org.handsfree.coach.audio.Onsets;
import org.handsfree.coach.time.SampleTime;

/**
 * The coach's voice: FreeTTS kevin16, rendered into memory through our own {@link AudioPlayer}.
 * FreeTTS's default player opens a sound card and hangs forever where there is none, so it is
 * never used. The only class that imports FreeTTS.
 *
 * <p>Clips are trimmed: FreeTTS starts each one with 200-330 ms of silence that differs from word
 * to word, so the silence is cut to a short, fixed lead and the audible onset is recorded.
 */
public final class FreeTtsSynthesizer implements Synthesizer {
    /** Silence kept before the onset, so a plosive's soft start isn't cut. */
    public static final int LEAD = SampleTime.RATE / 200;
    private static final String VOICES = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";
    private static final String VOICE = "kevin16";

    private final Voice voice;
    private final CollectingPlayer player = new CollectingPlayer();

    private FreeTtsSynthesizer(Voice voice) {
        this.voice = voice;
    }

    /**
     * Loads and allocates kevin16 (0.4-1 s).
     *
     * @throws IllegalStateException when the voice can't be found
     */
    public static FreeTtsSynthesizer load() {
        if (System.getProperty("freetts.voices") == null) {
            System.setProperty("freetts.voices", VOICES);
        }
        Voice voice = VoiceManager.getInstance().getVoice(VOICE);
        if (voice == null) {
            throw new IllegalStateException("the FreeTTS voice " + VOICE + " is missing (freetts.voices="
                    + System.getProperty("freetts.voices") + ")");
        }
        voice.allocate();
        compactLexicon(voice);
        FreeTtsSynthesizer s = new FreeTtsSynthesizer(voice);
        voice.setAudioPlayer(s.player);
        return s;
    }

    /**
     * FreeTTS keeps its lexicon's 65,000 entries as a hash map of strings, about 9 MB of the coach's 80 MB heap;
     * the same entries as a {@link CompactLexicon} take about 1.5 MB. FreeTTS also keeps the map it loaded in a
     * static cache by the lexicon's address, so the cache gets the compact one too and the big one is let go.
     * Where this FreeTTS keeps its lexicon otherwise, it keeps its own map: the voice speaks the same either way.
     */
    private static void compactLexicon(Voice voice) {
        if (!(voice.getLexicon() instanceof LexiconImpl lexicon)) {
            return;
        }
        try {
            Field compiled = LexiconImpl.class.getDeclaredField("compiled");
            Field cache = LexiconImpl.class.getDeclaredField("loadedCompiledLexicons");
            Field address = LexiconImpl.class.getDeclaredField("compiledURL");
            compiled.setAccessible(true);
            cache.setAccessible(true);
            address.setAccessible(true);
            synchronized (LexiconImpl.class) {
                @SuppressWarnings("unchecked")
                Map<Object, Object> loaded = (Map<Object, Object>) cache.get(null);
                Object url = address.get(lexicon);
                Object map = loaded == null ? null : loaded.get(url);
                if (!(map instanceof Map<?, ?> entries)) {
                    return;
                }
                CompactLexicon compact = entries instanceof CompactLexicon c ? c : CompactLexicon.of(entries);
                loaded.put(url, compact);
                compiled.set(lexicon, compact);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Only memory is lost: FreeTTS's own map stays in place.
        }
    }

    @Override
    public synchronized Clip render(String text) {
        player.reset();
        voice.speak(text);
        short[] pcm = player.samples();
        int onset = Onsets.onset(pcm);
        if (onset < 0) {
            return new Clip(new short[0], 0);
        }
        int from = Math.max(0, onset - LEAD);
        int to = Math.min(pcm.length, Onsets.offset(pcm) + SampleTime.RATE / 50);
        return new Clip(Arrays.copyOfRange(pcm, from, Math.max(to, onset + 1)), onset - from);
    }

    @Override
    public void close() {
        voice.deallocate();
    }

    /** Collects FreeTTS's output in memory as 16 kHz mono samples, whatever its byte order. */
    private static final class CollectingPlayer implements AudioPlayer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private AudioFormat format = new AudioFormat(SampleTime.RATE, 16, 1, true, true);
        private float volume = 1;

        short[] samples() {
            byte[] b = bytes.toByteArray();
            if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1
                    || format.getSampleRate() != SampleTime.RATE) {
                throw new IllegalStateException("FreeTTS produced " + format + ", expected 16 kHz mono 16-bit");
            }
            boolean big = format.isBigEndian();
            short[] out = new short[b.length / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = big ? b[2 * i] : b[2 * i + 1];
                int lo = big ? b[2 * i + 1] : b[2 * i];
                out[i] = (short) ((hi << 8) | (lo & 0xff));
            }
            return out;
        }

        @Override
        public void setAudioFormat(AudioFormat f) {
            this.format = f;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
            bytes.reset();
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float v) {
            this.volume = v;
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public boolean write(byte[] audioData) {
            return write(audioData, 0, audioData.length);
        }

        @Override
        public boolean write(byte[] audioData, int offset, int size) {
            bytes.write(audioData, offset, size);
            return true;
        }

        @Override
        public void showMetrics() {
        }
    }
}
