package org.handsfree.coach.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
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
import org.handsfree.coach.audio.SampleStream;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.loop.AudioFileInput;
import org.handsfree.coach.loop.MicrophoneInput;
import org.handsfree.coach.loop.Progress;
import org.handsfree.coach.loop.ProgressFile;
import org.handsfree.coach.audio.DeviceUnavailableException;
import org.handsfree.coach.audio.FailoverSink;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.audio.SpeakerSink;
import org.handsfree.coach.audio.TeeSink;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.history.HistoryEntry;
import org.handsfree.coach.history.HistoryFile;
import org.handsfree.coach.history.HistoryTable;
import org.handsfree.coach.history.SessionRecord;
import org.handsfree.coach.screen.ScreenAddress;
import org.handsfree.coach.screen.ScreenFeed;
import org.handsfree.coach.screen.ScreenServer;
import org.handsfree.coach.loop.CoachLoop;
import org.handsfree.coach.loop.CommandInput;
import org.handsfree.coach.loop.ConsoleDisplay;
import org.handsfree.coach.loop.KeyboardInput;
import org.handsfree.coach.loop.Trace;
import org.handsfree.coach.loop.VoiceLearning;
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
        subcommands = {CheckCommand.class, SayCommand.class, RecognizeCommand.class, PhrasesCommand.class,
            HistoryCommand.class, EnrollCommand.class})
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

    @Option(names = "--profile", paramLabel = "FILE|none",
            description = "Use this voice profile, or none (default: the one in the state directory, if any).")
    private String profile;

    @Option(names = "--learn", negatable = true,
            description = "Add the commands of this session (those the voice profile decided and that were not undone)"
                    + " to the voice profile at its end (default: live sessions do, --input runs don't).")
    private Boolean learn;

    @Option(names = "--screen", paramLabel = "[HOST:]PORT", arity = "0..1", fallbackValue = "",
            description = "Serve the companion page (127.0.0.1:" + ScreenAddress.DEFAULT_PORT
                    + " unless told otherwise; any other host needs the printed token).")
    private String screen;

    @Option(names = "--address", paramLabel = "WORD",
            description = "Addressed mode, for a busy room: only commands said after WORD count, e.g. 'coach, next'"
                    + " (coach, helper, trainer or assistant).")
    private String address;

    private final InputStream in;

    CoachCommand(InputStream in, PrintWriter out, PrintWriter err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    PrintWriter out() {
        return out;
    }

    InputStream in() {
        return in;
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
            if (m.group(1).length() > 6 || m.group(2).length() > 6 || Math.abs(Double.parseDouble(m.group(1))) > 60
                    || Integer.parseInt(m.group(2)) > MAX_ECHO_MS) {
                err.println("coach: --echo takes a gain of -60 to 60 dB and a delay of 0 to " + MAX_ECHO_MS
                        + " ms, got '" + echo + "'");
                return 2;
            }
        }
        if (input != null && output != null && sameFile(input, output)) {
            err.println("coach: --output " + output + " is the --input file; writing it would destroy the recording");
            return 2;
        }
        ScreenAddress screenAt = null;
        if (screen != null) {
            try {
                screenAt = ScreenAddress.parse(screen);
            } catch (IllegalArgumentException e) {
                err.println("coach: " + e.getMessage());
                return 2;
            }
        }
        // The acoustic model is not loaded ahead here (`recognize` does): the coach speaks while the recognizer
        // loads, and a third loading thread on two cores put the first word later (acoustic/README.md, session 11).
        // FreeTTS takes 0.4-1 s to allocate: start it while the routine and grammar load.
        CompletableFuture<FreeTtsSynthesizer> voiceLoading = CompletableFuture.supplyAsync(FreeTtsSynthesizer::load);
        Routine routine;
        try {
            routine = routineFile == null ? RoutineLoader.builtIn() : RoutineLoader.load(routineFile);
        } catch (RoutineException e) {
            err.println(e.getMessage());
            return 2;
        }
        CommandGrammar grammar;
        try {
            // Steps are said by number up to the routine's own count.
            grammar = CommandGrammar.builtIn(routine.size());
            grammar.checkAddress(address, "--address");
        } catch (IllegalArgumentException e) {
            err.println("coach: " + e.getMessage());
            return 2;
        }
        PrintStream screenErrors = new PrintStream(new WriterOutputStream(err), true);
        // Live sessions keep their place across runs; simulations over a file must run the same every time.
        Progress progress = input == null ? new ProgressFile(ProgressFile.defaultDir(), routine, Instant::now, screenErrors)
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
        voice = Profiles.read(profile, err, "coach");
        // A live session teaches the profile; a simulation over a file only when asked, so it stays repeatable.
        learning = voice != null && (learn != null ? learn : input == null) ? new VoiceLearning() : null;
        CommandInput commands = openInput(grammar, screenErrors);
        if (commands == null) {
            return 2;
        }
        List<AudioSink> sinks = new ArrayList<>();
        if (output != null) {
            try {
                sinks.add(new WavSink(output));
            } catch (IOException e) {
                err.println("coach: can't write --output " + e.getMessage());
                commands.close();
                return 2;
            }
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
        // History is kept for live sessions only; a run over a file is a simulation.
        HistoryFile history = new HistoryFile(HistoryCommand.stateDir(), screenErrors);
        if (input == null) {
            history.recoverCrashed();
        }
        SessionRecord record = new SessionRecord(routine, Instant::now, input == null ? history.keeper()
                : SessionRecord.discarding());
        ScreenServer page = null;
        if (screenAt != null) {
            List<HistoryEntry> past = history.read();
            try {
                page = ScreenServer.start(screenAt, routine, ScreenFeed.recent(past, 5, ZoneId.systemDefault()),
                        HistoryTable.weekLine(past, Instant.now(), ZoneId.systemDefault()));
            } catch (IOException e) {
                err.println("coach: " + e.getMessage());
                commands.close();
                sink.close();
                return 2;
            }
            screen.println("screen: " + page.url());
        }
        try (ScreenServer served = page;
             Synthesizer voice = voiceReady.join();
             Trace trace = traceFile == null ? Trace.none() : Trace.to(traceFile);
             sink;
             commands) {
            // Ctrl-C: the events still waiting for their time go to the trace before the process ends.
            Thread flushTrace = new Thread(trace::flushAll, "trace-on-exit");
            Runtime.getRuntime().addShutdownHook(flushTrace);
            // A phrase in the coach's own voice warms up the decoder while the intro plays. It is rendered beside the
            // loop, not before it: the first word doesn't wait for it (acoustic/README.md, session 12).
            CompletableFuture.runAsync(() -> commands.warmUp(voice.render(WARM_UP_PHRASE).samples()));
            CoachLoop loop = new CoachLoop(session, commands, voice, sink, trace,
                    new ConsoleDisplay(screen, routine, System.console() != null), !fast).keepingProgressIn(progress)
                    .openingWith(first).watchedBy(record).addressedBy(address).playingInto(played);
            if (served != null) {
                loop.watchedBy(served.feed()).takingCommandsFrom("screen", served.input());
            }
            if (learning != null) {
                loop.watchedBy(learning);
            }
            SessionState last = loop.run();
            learned();
            try {
                Runtime.getRuntime().removeShutdownHook(flushTrace);
            } catch (IllegalStateException stopping) {
                // Already shutting down: the hook runs.
            }
            if (commands instanceof AudioFileInput file && file.problem().isPresent()) {
                err.println("coach: " + file.problem().get() + "; the session ends at step " + last.step() + " of "
                        + routine.size());
                return 2;
            }
            if (loop.endedByInput()) {
                err.println("coach: " + (input != null ? "the input file ended" : "input closed")
                        + "; the session ends at step " + last.step() + " of " + routine.size()
                        + (input == null && last.step() >= 2 && progress.kept()
                        ? " (saved: the next ./coach offers to resume there)" : ""));
            }
        } finally {
            progress.close();
        }
        screen.flush();
        return 0;
    }

    /** The voice profile in use (null: none). */
    private org.handsfree.coach.listen.VoiceProfile voice;

    /** Learning the user's voice in this session (null: not). */
    private VoiceLearning learning;

    /** The recognizer for {@code grammar}, with the voice profile in use. */
    private CommandRecognizer loadRecognizer(CommandGrammar grammar) {
        CommandRecognizer r = Profiles.apply(CommandRecognizer.load(grammar, address), voice, profile, err, "coach");
        if (learning != null && r.profile() != null) {
            r.learnInto(learning);
        }
        return r;
    }

    /** The session's kept commands go into the voice profile, re-estimated when it is next loaded. */
    private void learned() {
        org.handsfree.coach.listen.LearnedStats got = learning == null ? null : learning.session();
        if (got == null) {
            return;
        }
        Path file = Profiles.fileFor(profile);
        try {
            org.handsfree.coach.listen.VoiceProfile now = voice.withLearned(got, CommandRecognizer.learnedCap());
            now.write(file);
            err.printf(java.util.Locale.ROOT, "coach: the voice profile learned from %d of your commands (%.1f s of"
                    + " speech%s); ./coach enroll --reset forgets what was learned in use%n", got.stretches(),
                    got.frames() / 100.0, learning.undone() > 0 ? ", " + learning.undone() + " undone left out" : "");
        } catch (IOException e) {
            err.println("coach: could not save what was learned of your voice: " + file + ": " + e.getMessage());
        }
    }

    /** What the coach plays, tapped by the loop for the listening side (the echo canceller, a simulated room). */
    private final PlayedSignal played = new PlayedSignal();

    /** Echo paths longer than a second are no room. */
    static final int MAX_ECHO_MS = 1000;

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())
                    || Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private CommandInput openInput(CommandGrammar grammar, PrintStream errors) {
        if (input != null) {
            SampleStream pcm;
            try {
                pcm = WavReader.open(input);
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
            return fast ? AudioFileInput.inline(pcm, loadRecognizer(grammar), played, echoDb, echoMs)
                    : AudioFileInput.inBackground(pcm, CompletableFuture.supplyAsync(() -> loadRecognizer(grammar)),
                    played, echoDb, echoMs);
        }
        if (!keyboard) {
            try {
                Microphone microphone = Microphone.open();
                return new MicrophoneInput(microphone, CompletableFuture.supplyAsync(() -> loadRecognizer(grammar)),
                        played, errors,
                        () -> new KeyboardInput(in, grammar, errors));
            } catch (DeviceUnavailableException e) {
                err.println("coach: " + e.getMessage() + "; type commands instead (the words you would say)");
            }
        }
        return new KeyboardInput(in, grammar, errors);
    }
}
