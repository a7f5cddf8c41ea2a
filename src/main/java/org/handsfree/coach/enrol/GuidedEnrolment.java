package org.handsfree.coach.enrol;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handsfree.coach.audio.AudioSink;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.Clip;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Enrolment;
import org.handsfree.coach.listen.TakeListener;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.Synthesizer;

/**
 * The enrolment by voice: the coach says "Say: next step", the user says it, and so on through a
 * short script of commands and numbers, twice, and the numbers a third time (the words the recognizer
 * confuses most, whose profile gains most from a third take), and "six" twice more (through a phone-quality
 * microphone its hiss is lost above 4 kHz, and what is left is the word most often misheard). A take that can't be
 * used (nothing heard, clipped, too noisy, clearly another phrase) is asked for again once, with the reason; a second
 * bad take of the same phrase is left out. Time runs on the audio: while the coach talks, a frame of input is heard
 * (and not taken) for each frame of its voice, as a microphone beside a speaker would hear it, so a recording stands in
 * for the microphone deterministically.
 */
public final class GuidedEnrolment {
    /** Commands and numbers, each said twice, the numbers three times and "six" five times: about three minutes. */
    public static final List<String> SCRIPT = List.of("next step", "go back", "repeat that", "pause", "resume",
            "stop", "what step am i on", "yes", "no", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten");
    /** How long the coach waits for a take to begin after it asked. */
    static final int WAIT_FRAMES = SampleTime.framesOfMillis(6000);
    /** How a number's intent begins ("number:5"): the phrases said a third time. */
    private static final String NUMBER = "number:";
    /** The phrases asked again at the end, by intent, and how many more times (acoustic/README.md, session 16). */
    static final Map<String, Integer> MORE = Map.of("number:6", 2);

    /** Where the user's voice comes from, 10 ms at a time. */
    public interface Ears {
        /** Fills {@code frame}; false when the input has ended. */
        boolean read(short[] frame) throws IOException, BadAudioException;
    }

    /** The keyboard fallback: blocks until the user pressed Enter; false when the keyboard closed. */
    public interface EnterKey {
        boolean await() throws IOException;
    }

    /**
     * What the session gathered.
     *
     * @param takes the usable takes, with their phrases' intents
     * @param asked takes asked for (first asks and second ones)
     * @param again phrases asked for a second time
     * @param left phrases left out after two unusable takes
     * @param ended the input ended before the script did
     * @param seconds the user's time, from the first prompt to the last take
     */
    public record Result(List<Enrolment.Take> takes, int asked, int again, int left, boolean ended, double seconds) {
    }

    private final TakeListener listener;
    private final CommandGrammar grammar;
    private final Synthesizer voice;
    private final AudioSink sink;
    private final Ears ears;
    private final EnterKey enter;
    private final PrintWriter out;
    private final short[] frame = new short[SampleTime.FRAME];
    private long heard;
    private boolean ended;

    /** {@code enter} is null unless the user asked to press Enter before each take. */
    public GuidedEnrolment(CommandRecognizer recognizer, CommandGrammar grammar, Synthesizer voice, AudioSink sink,
                           Ears ears, EnterKey enter, PrintWriter out) {
        this.listener = new TakeListener(recognizer, grammar);
        this.grammar = grammar;
        this.voice = voice;
        this.sink = sink;
        this.ears = ears;
        this.enter = enter;
        this.out = out;
    }

    /** Checks a script: every phrase must be one the coach knows. */
    public static List<String> intents(CommandGrammar grammar, List<String> script) {
        List<String> intents = new ArrayList<>();
        for (String phrase : script) {
            intents.add(TakeListener.intentOf(grammar, phrase).orElseThrow(() -> new IllegalArgumentException(
                    "'" + phrase + "' is not a phrase the coach knows (see ./coach phrases)")));
        }
        return intents;
    }

    /**
     * The phrases in the order they are asked, by their place in the script (given as intents): all of them twice, then
     * the numbers again, then those {@link #MORE} names as often as it says.
     */
    static List<Integer> order(List<String> intents) {
        List<Integer> order = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < intents.size(); i++) {
                order.add(i);
            }
        }
        for (int i = 0; i < intents.size(); i++) {
            if (intents.get(i).startsWith(NUMBER)) {
                order.add(i);
            }
        }
        for (int i = 0; i < intents.size(); i++) {
            for (int n = 0; n < MORE.getOrDefault(intents.get(i), 0); n++) {
                order.add(i);
            }
        }
        return order;
    }

    /** Runs the script twice, its numbers a third time and {@link #MORE} again, and returns the takes. */
    public Result run(List<String> script) throws IOException, BadAudioException {
        List<String> intents = intents(grammar, script);
        List<Integer> order = order(intents);
        List<Enrolment.Take> takes = new ArrayList<>();
        int asked = 0;
        int again = 0;
        int left = 0;
        say(enter == null ? "Let's learn your voice. Say each phrase after me, in your usual voice."
                : "Let's learn your voice. Press Enter, then say each phrase after me.");
        int total = order.size();
        for (int n = 0; n < total && !ended; n++) {
            int i = order.get(n);
            String phrase = script.get(i);
            String prompt = "Say: " + phrase + ".";
            for (int attempt = 0; attempt < 2 && !ended; attempt++) {
                asked++;
                say(prompt);
                if (enter != null) {
                    out.println("Press Enter, then say: " + phrase);
                    out.flush();
                    if (!enter.await()) {
                        ended = true;
                        break;
                    }
                }
                TakeListener.Take take = listen(intents.get(i));
                if (ended && take == null) {
                    break;
                }
                String problem = take == null ? "I heard nothing" : take.problem();
                if (problem == null) {
                    takes.add(new Enrolment.Take(take.pcm(), intents.get(i), phrase));
                    out.printf(Locale.ROOT, "take %d of %d, '%s': kept%n", n + 1, total, phrase);
                    break;
                }
                out.printf(Locale.ROOT, "take %d of %d, '%s': %s%n", n + 1, total, phrase, problem);
                if (attempt == 0) {
                    again++;
                    prompt = capitalised(problem) + ". Once more, say: " + phrase + ".";
                } else {
                    left++;
                    say("Let's leave that one.");
                }
            }
            out.flush();
        }
        return new Result(takes, asked, again, left, ended, heard / (double) SampleTime.RATE);
    }

    /** Says the session's last words (after the profile was built or not). */
    public void close(String words) throws IOException, BadAudioException {
        say(words);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Plays {@code text}, hearing a frame of input for each frame played (sound then is no take). */
    private void say(String text) throws IOException, BadAudioException {
        out.println("coach: " + text);
        out.flush();
        listener.stopListening();
        Clip clip = voice.render(text);
        short[] pcm = clip.samples();
        short[] part = new short[SampleTime.FRAME];
        for (int at = 0; at < pcm.length; at += SampleTime.FRAME) {
            int n = Math.min(SampleTime.FRAME, pcm.length - at);
            System.arraycopy(pcm, at, part, 0, n);
            java.util.Arrays.fill(part, n, SampleTime.FRAME, (short) 0);
            sink.write(part, SampleTime.FRAME);
            if (!ended) {
                hear();
            }
        }
    }

    /** Reads a frame into the listener; returns the take that just ended, if any. */
    private TakeListener.Take hear() throws IOException, BadAudioException {
        if (!ears.read(frame)) {
            ended = true;
            return listener.finish();
        }
        heard += SampleTime.FRAME;
        return listener.accept(frame);
    }

    /** Listens for one take of {@code intent}: null when nothing began in time or the input ended. */
    private TakeListener.Take listen(String intent) throws IOException, BadAudioException {
        listener.listenFor(intent);
        for (int waited = 0; !ended; waited++) {
            TakeListener.Take take = hear();
            if (take != null) {
                return take;
            }
            if (waited >= WAIT_FRAMES && !listener.hearing()) {
                return null;
            }
        }
        return null;
    }
}
