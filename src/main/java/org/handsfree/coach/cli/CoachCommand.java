package org.handsfree.coach.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handsfree.coach.audio.AudioSink;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.Microphone;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.loop.AudioFileInput;
import org.handsfree.coach.loop.MicrophoneInput;
import org.handsfree.coach.loop.Progress;
import org.handsfree.coach.loop.ProgressFile;
import org.handsfree.coach.audio.DeviceUnavailableException;
import org.handsfree.coach.audio.FailoverSink;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.audio.SpeakerSink;
import org.handsfree.coach.audio.TeeSink;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.loop.CoachLoop;
import org.handsfree.coach.loop.CommandInput;
import org.handsfree.coach.loop.ConsoleDisplay;
import org.handsfree.coach.loop.KeyboardInput;
import org.handsfree.coach.loop.Trace;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineException;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Action;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.session.Transition;
import org.handsfree.coach.session.SessionState;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.handsfree.coach.voice.Synthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./coach}: coaches a routine. The one place where the real adapters (FreeTTS, Java Sound,
 * files) are built and wired into the loop.
 */
@Command(name = "coach", mixinStandardHelpOptions = true, version = "Hands-Free Coach 0.1",
        description = "Hands-free, voice-driven coaching of a routine. Default: the built-in hand-expression routine.",
        subcommands = {CheckCommand.class, SayCommand.class, RecognizeCommand.class, PhrasesCommand.class})
public final class CoachCommand implements Callable<Integer> {
    private static final Pattern ECHO = Pattern.compile("(-?\\d+(?:\\.\\d+)?)@(\\d+)");
    private static final String WARM_UP_PHRASE = "Go to step five. What step am I on?";
    /** Clips cached by the voice: about two minutes of audio. */
    private static final long CACHE_SAMPLES = 120L * SampleTime.RATE;

    private final PrintWriter out;
    private final PrintWriter err;

    @Option(names = "--routine", paramLabel = "FILE", description = "Coach this routine file instead of the built-in one.")
    private Path routineFile;

    @Option(names = "--keyboard", description = "Type commands instead of speaking them.")
    private boolean keyboard;

    @Option(names = "--input", paramLabel = "IN.wav", description = "Listen to a WAV file instead of the microphone.")
    private Path input;

    @Option(names = "--output", paramLabel = "OUT.wav", description = "Speak into a WAV file instead of the speakers.")
    private Path output;

    @Option(names = "--fast", description = "With --input: simulated time, as fast as possible.")
    private boolean fast;

    @Option(names = "--trace", paramLabel = "TRACE.jsonl", description = "Write every event, stamped in sample time.")
    private Path traceFile;

    @Option(names = "--echo", paramLabel = "GAIN_DB@DELAY_MS",
            description = "With --input: mix the coach's own output back into its input, e.g. -6@40.")
    private String echo;

    private final InputStream in;

    CoachCommand(InputStream in, PrintWriter out, PrintWriter err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    @Override
    public Integer call() throws IOException {
        if (fast && input == null) {
            err.println("coach: --fast needs --input IN.wav (simulated time runs over a file)");
            return 2;
        }
        if (echo != null) {
            Matcher m = ECHO.matcher(echo);
            if (!m.matches()) {
                err.println("coach: --echo must look like GAIN_DB@DELAY_MS, e.g. -6@40, got '" + echo + "'");
                return 2;
            }
            if (input == null) {
                err.println("coach: --echo needs --input IN.wav");
                return 2;
            }
        }
        // FreeTTS takes 0.4-1 s to allocate: start it while the routine and grammar load.
        CompletableFuture<FreeTtsSynthesizer> voiceLoading = CompletableFuture.supplyAsync(FreeTtsSynthesizer::load);
        Routine routine;
        try {
            routine = routineFile == null ? RoutineLoader.builtIn() : RoutineLoader.load(routineFile);
        } catch (RoutineException e) {
            err.println(e.getMessage());
            return 2;
        }
        PrintStream screenErrors = new PrintStream(new WriterOutputStream(err), true);
        // Live sessions keep their place across runs; simulations over a file must run the same every time.
        Progress progress = input == null ? new ProgressFile(ProgressFile.defaultFile(), routine, Instant::now, screenErrors)
                : Progress.none();
        Session session = new Session(routine);
        // The progress file is read once, here. The first thing the coach will say is rendered while the
        // recognizer loads, so it speaks as soon as it listens.
        OptionalInt saved = progress.saved();
        Transition first = saved.isPresent() ? session.offerResume(saved.getAsInt(), 0) : session.start(0);
        CompletableFuture<CachingSynthesizer> voiceReady = voiceLoading.thenApply(v -> {
            CachingSynthesizer cached = new CachingSynthesizer(v, CACHE_SAMPLES);
            first.actions().stream().filter(a -> a instanceof Action.Say).findFirst()
                    .ifPresent(a -> cached.render(((Action.Say) a).text()));
            return cached;
        });
        CommandGrammar grammar = CommandGrammar.builtIn();
        CommandInput commands = openInput(grammar, screenErrors);
        if (commands == null) {
            return 2;
        }
        List<AudioSink> sinks = new ArrayList<>();
        if (output != null) {
            sinks.add(new WavSink(output));
        }
        if (input == null || !fast) {
            try {
                sinks.add(new FailoverSink(SpeakerSink.open(), "speech goes to the screen"
                        + (output != null ? " and to " + output : ""), screenErrors));
            } catch (DeviceUnavailableException e) {
                err.println("coach: " + e.getMessage() + "; speech goes to the screen"
                        + (output != null ? " and to " + output : ""));
            }
        }
        AudioSink sink = sinks.isEmpty() ? new NullSink() : new TeeSink(sinks);
        PrintStream screen = new PrintStream(new WriterOutputStream(out), true);
        try (Synthesizer voice = voiceReady.join();
             Trace trace = traceFile == null ? Trace.none() : Trace.to(traceFile);
             sink;
             commands) {
            // A phrase in the coach's own voice warms up the decoder while the intro plays.
            commands.warmUp(voice.render(WARM_UP_PHRASE).samples());
            CoachLoop loop = new CoachLoop(session, commands, voice, sink, trace,
                    new ConsoleDisplay(screen, routine, System.console() != null), !fast).keepingProgressIn(progress)
                    .openingWith(first);
            SessionState last = loop.run();
            if (loop.endedByInput()) {
                err.println("coach: " + (input != null ? "the input file ended" : "input closed")
                        + "; the session ends at step " + last.step() + " of " + routine.size()
                        + (input == null && last.step() >= 2 ? " (saved: the next ./coach offers to resume there)" : ""));
            }
        }
        screen.flush();
        return 0;
    }

    private CommandInput openInput(CommandGrammar grammar, PrintStream errors) {
        if (input != null) {
            short[] pcm;
            try {
                pcm = WavReader.read(input);
            } catch (BadAudioException e) {
                err.println("coach: " + e.getMessage());
                return null;
            }
            Double echoDb = null;
            int echoMs = 0;
            if (echo != null) {
                Matcher m = ECHO.matcher(echo);
                m.matches();
                echoDb = Double.parseDouble(m.group(1));
                echoMs = Integer.parseInt(m.group(2));
            }
            // --fast must give the same trace every time: it listens on the loop's thread. At real pace the
            // loop feeds a speaker, so decoding runs beside it, and the coach starts speaking while the
            // recognizer loads.
            return fast ? new AudioFileInput(pcm, CommandRecognizer.load(), echoDb, echoMs, CoachLoop.FRAME)
                    : AudioFileInput.inBackground(pcm, CompletableFuture.supplyAsync(CommandRecognizer::load), echoDb,
                    echoMs, CoachLoop.FRAME);
        }
        if (!keyboard) {
            try {
                Microphone microphone = Microphone.open();
                return new MicrophoneInput(microphone, CompletableFuture.supplyAsync(CommandRecognizer::load), errors,
                        () -> new KeyboardInput(in, grammar, errors));
            } catch (DeviceUnavailableException e) {
                err.println("coach: " + e.getMessage() + "; type commands instead (the words you would say)");
            }
        }
        return new KeyboardInput(in, grammar, errors);
    }
}
