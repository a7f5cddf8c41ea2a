package org.handsfree.coach.audio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.handsfree.coach.time.SampleTime;

/**
 * Places speech and beats at exact sample offsets and renders them frame by frame. Nothing here
 * depends on thread timing: a beat scheduled for sample {@code t} has its perceptual onset at
 * {@code t} in the output, whatever the machine is doing.
 *
 * <p>Speech and beats never talk over each other: speech that starts cuts a sounding beat with a
 * short fade, and a beat that falls while speech is playing is dropped, so the count resumes on
 * its grid after the speech.
 */
public final class Mixer {
    /** A cut fades out over 4 ms, well within one 10 ms frame, so it doesn't click. */
    public static final int FADE = SampleTime.RATE / 250;

    /** What the mixer actually played, in sample time: the trace is written from these. */
    public interface Listener {
        void spoke(String text, long start, long end);

        void beat(String word, long cycle, long onset);

        /** Nothing is left to say. */
        void drained(long at);
    }

    private record Speech(String text, Clip clip) {
    }

    /** A beat whose clip sample {@code anchor} (its perceptual onset) sounds at sample {@code onset}. */
    private record ScheduledBeat(String word, long cycle, long onset, Clip clip, int anchor) {
        long start() {
            return onset - anchor;
        }
    }

    /** A clip that is sounding: its source, where it started, and how far it has played. */
    private static final class Voice {
        final Clip clip;
        final String text;
        final long start;
        int pos;
        int fadeLeft = -1;

        Voice(Clip clip, String text, long start) {
            this.clip = clip;
            this.text = text;
            this.start = start;
        }

        boolean done() {
            return pos >= clip.length() || fadeLeft == 0;
        }

        double next() {
            double x = clip.samples()[pos++];
            if (fadeLeft > 0) {
                x *= fadeLeft / (double) (FADE + 1);
                fadeLeft--;
            }
            return x;
        }

        void fade() {
            if (fadeLeft < 0) {
                fadeLeft = Math.min(FADE, clip.length() - pos);
            }
        }
    }

    private final Listener listener;
    private final Deque<Speech> queue = new ArrayDeque<>();
    private final List<ScheduledBeat> beats = new ArrayList<>();
    private Voice speech;
    private Voice beat;
    private final List<Voice> fading = new ArrayList<>();
    private double gain = 1;
    private boolean owesDrained;

    public Mixer(Listener listener) {
        this.listener = listener;
    }

    /** Queues speech; with {@code cut}, what is playing fades out now and the queue is dropped. */
    public void say(String text, Clip clip, boolean cut) {
        if (cut) {
            hush();
        }
        queue.add(new Speech(text, clip));
    }

    /** Fades out the speech that is playing and drops what is queued. */
    public void hush() {
        queue.clear();
        if (speech != null) {
            speech.fade();
            fading.add(speech);
            speech = null;
        }
    }

    /**
     * Schedules a beat whose perceptual onset ({@link Onsets#perceptual}: where the ear hears the word
     * land, not its first audible sample) falls on sample {@code onset}.
     */
    public void scheduleBeat(String word, long cycle, long onset, Clip clip) {
        int anchor = Onsets.perceptual(clip.samples());
        beats.add(new ScheduledBeat(word, cycle, onset, clip, anchor >= 0 ? anchor : clip.onset()));
        beats.sort((a, b) -> Long.compare(a.start(), b.start()));
    }

    /** Drops beats whose onset is at or after {@code from}, and fades one that is sounding. */
    public void cancelBeats(long from) {
        beats.removeIf(b -> b.onset() >= from);
        if (beat != null) {
            beat.fade();
            fading.add(beat);
            beat = null;
        }
    }

    public void setGain(double linear) {
        this.gain = linear;
    }

    public double gain() {
        return gain;
    }

    /**
     * The first sample of the speech still sounding (fading included), or {@code now} when none is:
     * events before it are final, as the speech is reported only when it ends.
     */
    public long openSince(long now) {
        long since = speech != null ? Math.min(now, speech.start) : now;
        for (Voice v : fading) {
            if (v.text != null) {
                since = Math.min(since, v.start);
            }
        }
        return since;
    }

    /** True while anything is said or queued to be said. */
    public boolean speaking() {
        return speech != null || !queue.isEmpty();
    }

    /** Renders {@code out.length} samples starting at sample {@code start}. */
    public void render(long start, short[] out) {
        for (int i = 0; i < out.length; i++) {
            long t = start + i;
            if (speech == null && !queue.isEmpty() && fadingSpeechDone()) {
                Speech next = queue.poll();
                speech = new Voice(next.clip(), next.text(), t);
                if (beat != null) {
                    beat.fade();
                    fading.add(beat);
                    beat = null;
                }
            }
            startDueBeats(t);
            double sum = 0;
            if (speech != null) {
                sum += speech.next();
                if (speech.done()) {
                    finishSpeech(speech, t + 1);
                    speech = null;
                    owesDrained = queue.isEmpty();
                }
            }
            if (beat != null) {
                sum += beat.next();
                if (beat.done()) {
                    beat = null;
                }
            }
            for (Iterator<Voice> it = fading.iterator(); it.hasNext();) {
                Voice v = it.next();
                if (!v.done()) {
                    sum += v.next();
                }
                if (v.done()) {
                    if (v.text != null) {
                        finishSpeech(v, t + 1);
                        owesDrained = speech == null && queue.isEmpty();
                    }
                    it.remove();
                }
            }
            if (owesDrained && speech == null && queue.isEmpty() && fadingSpeechDone()) {
                owesDrained = false;
                listener.drained(t + 1);
            }
            double y = sum * gain;
            out[i] = Levels.toSample(y);
        }
    }

    private boolean fadingSpeechDone() {
        for (Voice v : fading) {
            if (v.text != null) {
                return false;
            }
        }
        return true;
    }

    private void startDueBeats(long t) {
        while (!beats.isEmpty() && beats.get(0).start() <= t) {
            ScheduledBeat b = beats.remove(0);
            if (b.start() < t || speaking() || !fadingSpeechDone()) {
                continue;
            }
            if (beat != null) {
                beat.fade();
                fading.add(beat);
            }
            beat = new Voice(b.clip(), null, t);
            listener.beat(b.word(), b.cycle(), b.onset());
        }
    }

    private void finishSpeech(Voice v, long end) {
        listener.spoke(v.text, v.start, end);
    }
}
