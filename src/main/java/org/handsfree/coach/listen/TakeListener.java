package org.handsfree.coach.listen;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.time.SampleTime;

/**
 * Listens for one enrolment take at a time: the first stretch of sound after it starts, cut by the
 * recognizer's own endpointer, kept whole (with its pre-roll and a little quiet after it) and judged
 * usable or not. A take is unusable when it is clipped, when the room's noise stands too close to the
 * voice, or when the recognizer is sure it was another phrase; a take the recognizer only doubts is
 * kept, since those are the ones enrolment is for.
 */
public final class TakeListener {
    /** Samples at or beyond this size count as clipped. */
    static final int CLIP_LEVEL = 32_000;
    /** More than this share of the voiced samples clipped makes a take unusable. */
    static final double MAX_CLIPPED = 0.002;
    /**
     * The confidence at which a take heard as another phrase clearly was that phrase. Far above the
     * coach's own threshold: enrolment is for voices the model gets wrong, and FSDD george's takes
     * (a tuning speaker) are heard as the wrong digit or command at confidences up to 0.987.
     */
    static final double CLEARLY = 0.995;
    /** A voice less than this far above the room's floor is too noisy to learn from. */
    static final double MIN_SNR_DB = 12;

    /**
     * One take.
     *
     * @param pcm the stretch's audio, with its pre-roll and quiet after it (16 kHz mono)
     * @param problem why it can't be used, in words for the user; null when it can
     * @param heard the intent the recognizer heard ("" for none)
     */
    public record Take(short[] pcm, String problem, String heard) {
        public boolean usable() {
            return problem == null;
        }
    }

    private final CommandRecognizer recognizer;
    private final CommandGrammar grammar;
    private final RecognizerSettings.Endpoint ep;
    private final short[] ring;
    private final Endpointer endpointer;
    private int frames;
    /** Stretches that start before this frame were not listened for (the coach was talking). */
    private int listenFrom = Integer.MAX_VALUE;
    private String expected = "";

    public TakeListener(CommandRecognizer recognizer, CommandGrammar grammar) {
        this.recognizer = recognizer;
        this.grammar = grammar;
        this.ep = recognizer.settings().endpoint();
        this.ring = new short[SampleTime.FRAME * (ep.maxFrames() + ep.preRollFrames() + 64)];
        this.endpointer = new Endpointer(ep.startDb(), ep.endDb(), ep.hangFrames(), ep.preRollFrames(), ep.maxFrames(),
                ep.minLevelDb(), new SelfHearing(recognizer.settings().self()), ep.overrunRise(),
                ep.overrunHangFrames());
    }

    /**
     * Listens from the next frame on for a take of the phrase whose intent is {@code intent}; frames
     * before it still teach the endpointer the room's noise, but sound that began then is no take.
     */
    public void listenFor(String intent) {
        expected = intent;
        listenFrom = frames;
    }

    /** Stops listening for takes (the coach talks): frames still go to the endpointer. */
    public void stopListening() {
        listenFrom = Integer.MAX_VALUE;
    }

    /** True while a stretch of sound is open (a take may be on its way). */
    public boolean hearing() {
        return endpointer.inSpeech();
    }

    /** Takes the next 10 ms; returns the take when a stretch of sound just ended, else null. */
    public Take accept(short[] frame) {
        int slot = (frames * SampleTime.FRAME) % ring.length;
        System.arraycopy(frame, 0, ring, slot, SampleTime.FRAME);
        List<Endpointer.Stretch> ended = endpointer.accept(SoundFeatures.energyDb(frame, 0, SampleTime.FRAME),
                Double.NEGATIVE_INFINITY);
        frames++;
        return take(ended);
    }

    /** The input ended: a stretch still open is the take, else null. */
    public Take finish() {
        return take(endpointer.finish());
    }

    private Take take(List<Endpointer.Stretch> ended) {
        for (Endpointer.Stretch st : ended) {
            if (st.voicedStart() >= listenFrom) {
                listenFrom = Integer.MAX_VALUE;
                return judge(st);
            }
        }
        return null;
    }

    private Take judge(Endpointer.Stretch st) {
        int first = Math.max(st.first(), frames - ring.length / SampleTime.FRAME);
        int last = Math.min(st.last(), st.voicedEnd() + ep.decodeTailFrames());
        int n = (last - first + 1) * SampleTime.FRAME;
        short[] audio = new short[n];
        for (int i = 0; i < n; i++) {
            audio[i] = ring[(int) (((long) first * SampleTime.FRAME + i) % ring.length)];
        }
        int from = (st.voicedStart() - first) * SampleTime.FRAME;
        int to = Math.min(n, (st.voicedEnd() - first + 1) * SampleTime.FRAME);
        int clipped = 0;
        for (int i = from; i < to; i++) {
            clipped += Math.abs(audio[i]) >= CLIP_LEVEL ? 1 : 0;
        }
        if (clipped > MAX_CLIPPED * Math.max(1, to - from)) {
            return new Take(audio, "that was too loud for the microphone; speak a little softer or further away", "");
        }
        SoundFeatures f = SoundFeatures.measure(audio, st.voicedStart() - first, st.voicedEnd() - first, st.floorDb());
        if (f.snrDb() < MIN_SNR_DB) {
            return new Take(audio, String.format(Locale.ROOT, "there was too much noise around your voice (%.0f dB above it)",
                    f.snrDb()), "");
        }
        Verdict v = recognizer.judgeSound(audio, f, (long) st.voicedStart() * SampleTime.FRAME,
                (long) (st.voicedEnd() + 1) * SampleTime.FRAME, null);
        if (!v.decoded()) {
            return new Take(audio, "that did not sound like speech", "");
        }
        if (!v.intent().isEmpty() && !v.intent().equals(expected) && v.confidence() >= CLEARLY) {
            return new Take(audio, "that sounded like '" + v.text() + "'", v.intent());
        }
        return new Take(audio, null, v.intent());
    }

    /** The intent of a script's phrase, as the grammar names it; empty when it is no phrase the coach knows. */
    public static Optional<String> intentOf(CommandGrammar grammar, String phrase) {
        return grammar.intentOf(phrase.trim().toLowerCase(Locale.ROOT)).map(Intent::toString);
    }
}
