package org.handsfree.coach.listen;


import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.Levels;
import org.handsfree.coach.audio.SampleStream;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.session.Context;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.time.SampleTime;

/**
 * Spoken commands from audio: frames in, {@link Utterance}s or {@link Rejection}s out.
 *
 * <p>Our endpointer cuts the audio into stretches of sound; each stretch is measured (length,
 * level, flatness, pitch), decoded whole by Sphinx4 against the command grammar and a free phone
 * loop, and accepted only when every gate passes and the calibrated confidence reaches the
 * threshold. Anything else counts as rejected. One instance serves every stream and file: the
 * models are loaded once.
 *
 * <p>Every listening context's phrases are in the one search graph; a stream accepts only those of
 * the context in force ({@link Stream#listenFor}), and rejects the others as "not for now". In
 * addressed mode the address word may come first in the graph, and a command without it is "not
 * addressed".
 */
public final class CommandRecognizer implements AutoCloseable {
    static final int FRAME = SampleTime.FRAME;
    static final String CONFIG = "/acoustic/decoder.xml";

    private final SphinxDecoder decoder;
    private final CommandGrammar grammar;
    /** The word a command must start with in addressed mode, or null. */
    private final String address;
    /**
     * The word a command may start with: the address word, or else the grammar's first (coach), so that
     * "coach, next" is heard as "next" whether or not addressed mode is on.
     */
    private final String optionalAddress;
    private final RecognizerSettings settings;
    private final ConfidenceModel model;
    private final double threshold;
    private final short[] leadIn;
    private final short[] tail;
    /** Stretches decoded so far (for tests of when decoding happens). */
    private int decodes;
    /** The model's transform for wideband audio, and for audio that came through an 8 kHz channel. */
    private double[][][] wideband;
    private double[][][] narrowband;
    /**
     * While adapting: where a stretch that decodes to {@link #adaptIntent} adds its statistics (an enrolment's, or a
     * command's heard in use, {@link #learnedAs}).
     */
    private AlignedFrames adaptStats;
    private String adaptIntent;
    private int adaptStretches;
    private int adaptNarrow;
    /** While adapting: a stretch heard as something else is aligned with its phrase all the same. */
    private boolean adaptForced;
    /** While aligning for enrolment ({@link #align}): the phrase's wordings and the search's beam; null otherwise. */
    private List<String> alignWordings;
    private double alignBeam;
    /** While adapting: the features of the take's longest stretch that counted (for its template), or null. */
    private float[][] adaptSpeech;
    /** Where the takes {@link #collect}ed add their templates, by intent; null while not gathering them. */
    private Map<String, List<float[][]>> gathering;
    /** The voice profile's model, used for every stretch while there is one; null: none. */
    private volatile VoiceProfile.Model voice;
    /** The channel the profile was learned through: other audio is decoded without it. */
    private volatile boolean voiceNarrow;
    private volatile VoiceProfile voiceProfile;
    private volatile Learner learner;

    private CommandRecognizer(SphinxDecoder decoder, CommandGrammar grammar, String address, RecognizerSettings settings) {
        this.decoder = decoder;
        this.grammar = grammar;
        this.address = address;
        this.optionalAddress = address != null ? address : grammar.addressWords().stream().findFirst().orElse(null);
        this.settings = settings;
        this.model = settings.confidence().model();
        this.threshold = settings.confidence().threshold();
        Random dither = new Random(1);
        this.leadIn = noise(dither, settings.decode().leadInSamples());
        this.tail = noise(dither, settings.decode().tailSamples());
    }

    /** Where recognizers loaded from now on keep the prepared copy of the acoustic model (null: nowhere). */
    private static volatile Path preparedModel;

    /**
     * Recognizers loaded from now on keep a prepared copy of the acoustic model in {@code dir} (null: none):
     * the first start writes it, later ones read it instead of parsing the model (a start takes a third of the CPU).
     */
    public static void keepPreparedModelIn(Path dir) {
        preparedModel = dir;
    }

    /**
     * Starts loading the acoustic model with the built-in settings on a thread of its own, for the next load
     * with those settings to take over: a command that is going to listen calls this first, and its start
     * reads the model while it does its other work ({@code recognize} does; coaching does not, see
     * acoustic/README.md, session 11). Does nothing while one started so waits to be taken.
     */
    public static void preload() {
        URL config = CommandRecognizer.class.getResource(CONFIG);
        if (config != null) {
            SphinxDecoder.startLoading(config, () -> settings(Map.of()).search(), preparedModel);
        }
    }

    /** Loads the built-in models, grammar and settings (about a second). */
    public static CommandRecognizer load() {
        return load(Map.of());
    }

    /**
     * Loads the built-in models and settings with {@code grammar} (such as one numbered for a routine)
     * and, for addressed mode, the word every command must start with (null for none).
     *
     * @throws IllegalArgumentException when {@code address} is not one of the grammar's address words
     */
    public static CommandRecognizer load(CommandGrammar grammar, String address) {
        return load(settings(Map.of()), grammar, address);
    }

    /** Loads with some settings replaced: for fitting and benchmarks. */
    public static CommandRecognizer load(Map<String, String> overrides) {
        return load(settings(overrides));
    }

    /** Loads with some settings replaced, a grammar and an address word (or null). */
    public static CommandRecognizer load(Map<String, String> overrides, CommandGrammar grammar, String address) {
        return load(settings(overrides), grammar, address);
    }

    /** The built-in settings with {@code overrides} replacing some; a bad one is a {@link RecognizerSettings.BadSettingException}. */
    static RecognizerSettings settings(Map<String, String> overrides) {
        return RecognizerSettings.builtIn(overrides, resourceText(CONFIG));
    }

    /** How many frames of each Gaussian's learned statistics a profile keeps ({@code adapt.learnedCap}), built in. */
    public static double learnedCap() {
        return settings(Map.of()).adapt().learnedCap();
    }

    /** The user's-takes rule of the built-in settings with {@code overrides} replacing some: for the benchmark's replay. */
    public static TemplateRule templateRule(Map<String, String> overrides) {
        return settings(overrides).adapt().templates();
    }

    private static String resourceText(String name) {
        try (InputStream in = CommandRecognizer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name.substring(1) + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name.substring(1) + ": " + e.getMessage(), e);
        }
    }

    static CommandRecognizer load(RecognizerSettings settings) {
        return load(settings, CommandGrammar.builtIn(), null);
    }

    static CommandRecognizer load(RecognizerSettings settings, CommandGrammar grammar, String address) {
        grammar.checkAddress(address, "the address word");
        URL config = CommandRecognizer.class.getResource(CONFIG);
        if (config == null) {
            throw new IllegalStateException("the decoder configuration is missing from the jar");
        }
        // The transforms are read and the wideband one put in place on the decoder's second loading thread, while
        // this one compiles the grammar's graph: off a start's critical path (acoustic/README.md, session 12).
        double[][][][] transforms = new double[2][][][];
        SphinxDecoder decoder;
        try {
            decoder = SphinxDecoder.load(config, settings.search(), grammar.decoderGrammar(address != null ? address
                    : grammar.addressWords().stream().findFirst().orElse(null)), preparedModel, d -> {
                        try {
                            transforms[0] = transform(d, settings.adapt().transform());
                            transforms[1] = transform(d, settings.adapt().narrowband());
                        } catch (IOException e) {
                            d.close();
                            throw new java.io.UncheckedIOException(e);
                        }
                        d.transform(transforms[0]);
                    });
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalStateException("cannot read an adaptation transform: " + e.getCause().getMessage(), e.getCause());
        }
        CommandRecognizer r = new CommandRecognizer(decoder, grammar, address, settings);
        r.wideband = transforms[0];
        r.narrowband = transforms[1];
        r.decoder.flatSearch(settings.decode().flatSearch());
        r.decoder.flatPhoneLoop(settings.decode().flatPhoneLoop());
        return r;
    }

    /**
     * A transform named by a setting: a file, or else a resource of the jar (such as
     * {@code /acoustic/narrowband.mllr}); none (the identity) when the setting is empty.
     */
    private static double[][][] transform(SphinxDecoder decoder, String name) throws IOException {
        if (name.isEmpty()) {
            return decoder.identity();
        }
        Path file = Path.of(name);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                return Mllr.read(in, name);
            }
        }
        InputStream resource = CommandRecognizer.class.getResourceAsStream(name);
        if (resource == null) {
            throw new IOException(name + ": no such file");
        }
        try (Reader in = new InputStreamReader(resource, StandardCharsets.UTF_8)) {
            return Mllr.read(in, name);
        }
    }

    /**
     * Waits until the searches a decode uses are compiled (each on a thread of its own, started by the load): from
     * then on the first stretch waits for nothing. For benchmarks of a start; the coach listens meanwhile.
     */
    public void awaitSearches() {
        decoder.awaitSearches();
    }

    /**
     * Decodes from now on with the user's voice profile, whatever the channel; {@code null} for none.
     *
     * @throws IllegalArgumentException (saying so in a line) when the profile was made for another acoustic model
     */
    public synchronized void useProfile(VoiceProfile profile) {
        if (profile != null && !profile.fingerprint().equals(decoder.fingerprint())) {
            throw new IllegalArgumentException("the voice profile was made for another acoustic model");
        }
        voiceNarrow = profile != null && profile.narrowband();
        voice = profile == null ? null : Enrolment.adapted(decoder, profile, settings.adapt().learnedPrior());
        voiceProfile = profile;
        // The user's own pronunciations: the grammar compiled again with them, on a thread of its own.
        decoder.usePronunciations(profile == null ? Map.of() : profile.pronunciations());
    }

    /** {@code profile} with one more session's commands learned, capped as {@code adapt.learnedCap} says. */
    public VoiceProfile learned(VoiceProfile profile, LearnedStats session) {
        return profile.withLearned(session, settings.adapt().learnedCap());
    }

    /** Told of each command the voice profile decided, with what its aligned frames teach (see {@link #learnInto}). */
    @FunctionalInterface
    public interface Learner {
        /** A stretch from sample {@code start} to {@code end} was accepted as a command with the profile's model. */
        void accepted(long start, long end, LearnedStats stats);
    }

    /**
     * From now on, each stretch accepted as a command that the voice profile decided (it fitted the voice)
     * hands its aligned statistics to {@code learner}; null: none. Rejected stretches, and stretches decoded
     * without the profile, never do.
     */
    public void learnInto(Learner learner) {
        this.learner = learner;
    }

    /**
     * Waits until the grammar search with the profile's own pronunciations is compiled (it is made on a thread of its
     * own when the profile is put in use; until then stretches are searched as if the profile had none).
     *
     * @return the milliseconds its compilation took, of wall clock and of its thread's CPU (NaNs: the profile has
     *     none, or it failed)
     */
    public double[] awaitPronunciations() {
        VoiceProfile p = voiceProfile;
        if (p == null || p.pronunciations().isEmpty() || !decoder.awaitPronunciations()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return decoder.pronunciationCompileMillis();
    }

    /** The voice profile in use, or null. */
    public VoiceProfile profile() {
        return voiceProfile;
    }

    synchronized void useModel(VoiceProfile.Model model, boolean narrow) {
        voiceNarrow = narrow;
        voice = model;
    }

    SphinxDecoder decoder() {
        return decoder;
    }

    double[][][] transformFor(boolean narrow) {
        return narrow ? narrowband : wideband;
    }

    /** Of the stretches the last {@link #collect} counted, how many came through an 8 kHz channel. */
    int narrowStretches() {
        return adaptNarrow;
    }

    /** Empty statistics for {@link #collect}. */
    public Mllr newAdaptation() {
        return decoder.newMllr();
    }

    /**
     * Adaptation audio: the stretches of {@code pcm} that the grammar decodes to {@code intent}
     * (whatever their confidence) add their aligned frames to {@code stats}.
     *
     * @return how many stretches did
     */
    public synchronized int collect(short[] pcm, String intent, Mllr stats) {
        return collect(pcm, intent, stats, false);
    }

    /** As {@link #collect(short[], String, Mllr)}; {@code forced}: a stretch heard as another phrase is aligned with this one. */
    synchronized int collect(short[] pcm, String intent, AlignedFrames stats, boolean forced) {
        adaptForced = forced;
        adaptStats = stats;
        adaptIntent = intent;
        adaptStretches = 0;
        adaptNarrow = 0;
        adaptSpeech = null;
        try {
            judgeAll(pcm);
        } finally {
            adaptStats = null;
        }
        if (gathering != null && adaptSpeech != null && adaptSpeech.length >= Templates.MIN_FRAMES) {
            gathering.computeIfAbsent(intent, k -> new ArrayList<>()).add(adaptSpeech);
        }
        adaptSpeech = null;
        return adaptStretches;
    }

    /**
     * Enrolment's alignment: each stretch of {@code pcm} that passes the gates is searched with a grammar of
     * one phrase only ({@code wordings}, its ways of being said; see {@link SphinxDecoder#align}), never with
     * the whole grammar, and adds its aligned frames to {@code stats}.
     *
     * @return how many stretches did (reached the phrase's end)
     */
    synchronized int align(short[] pcm, List<String> wordings, double beam, Mllr stats) {
        return align(pcm, "", wordings, beam, stats);
    }

    /**
     * What a recording of {@code intent} would teach the voice profile in use (for {@code bench enroll
     * --relearn-undone}: a command the profile heard as another, known to be this one): each stretch of {@code pcm}
     * aligned with that phrase only, with the profile's model, as the enrolment aligns its takes (so the pitch gates
     * do not stop it and the channel is not checked: give it one take). Null when there is no profile or no stretch
     * reached the phrase's end. Offline only, like {@link #collect}: it must not run while a stream is listening,
     * whose stretches it would take for its own.
     */
    public synchronized LearnedStats learnedAs(short[] pcm, String intent, double beam) {
        List<String> wordings = wordingsOf(intent);
        if (voice == null || wordings.isEmpty()) {
            return null;
        }
        LearnedStats stats = decoder.newLearned();
        int aligned = align(pcm, intent, wordings, beam, stats);
        if (aligned == 0) {
            return null;
        }
        for (int i = 0; i < aligned; i++) {
            stats.countStretch();
        }
        return stats;
    }

    /**
     * As {@link #align(short[], List, double, Mllr)}, for a take of {@code intent}: while templates are being
     * gathered ({@link #gatherTemplates}), the take's longest aligned stretch becomes one of that intent's.
     */
    synchronized int align(short[] pcm, String intent, List<String> wordings, double beam, AlignedFrames stats) {
        alignWordings = wordings;
        alignBeam = beam;
        try {
            return collect(pcm, intent, stats, false);
        } finally {
            alignWordings = null;
        }
    }

    /** While {@link #stretchesOf} runs: where each stretch that passes the gates goes, as the decoder gets it. */
    private List<short[]> capturing;

    /**
     * The stretches of {@code pcm} that would be decoded, each as the decoder gets it (lead-in, dither, tail); for
     * enrolment's pronunciations, a take being known to be speech: the voicing and pitch gates do not stop it.
     */
    synchronized List<short[]> stretchesOf(short[] pcm) {
        capturing = new ArrayList<>();
        try {
            judgeAll(pcm);
            return capturing;
        } finally {
            capturing = null;
        }
    }

    /** The ways of saying the phrases whose intent is {@code intent}, lowercase words. */
    List<String> wordingsOf(String intent) {
        return grammar.phrases().entrySet().stream().filter(e -> e.getValue().toString().equals(intent))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * From now on each take {@link #collect}ed adds its speech's features (its longest stretch that counted) as a
     * template of its intent, until {@link #gatheredTemplates}.
     */
    synchronized void gatherTemplates() {
        gathering = new java.util.TreeMap<>();
    }

    /** The templates gathered since {@link #gatherTemplates} (none when it was not called); gathering stops. */
    synchronized Templates gatheredTemplates() {
        Templates t = gathering == null ? Templates.none() : new Templates(gathering).asStored();
        gathering = null;
        return t;
    }

    /**
     * Channel adaptation: {@code clean} speech and the same speech through a channel ({@code channel},
     * as long) add to {@code stats} what the channel does to the frames the clean copy aligns.
     */
    public void collectThroughChannel(short[] clean, short[] channel, Mllr stats) {
        // The clean copy is aligned with the wideband model.
        decoder.collectThroughChannel(forDecoder(clean), forDecoder(channel), stats, wideband);
    }

    /** The transform of {@code form} that best explains {@code stats}, pulled towards none by {@code prior}. */
    public double[][][] estimate(Mllr stats, double prior, Mllr.Form form) {
        return decoder.estimate(stats, prior, form);
    }

    /**
     * Decodes from now on with the model moved by {@code transform} (relative to the model as loaded),
     * whatever the channel: for adaptation.
     */
    public void transform(double[][][] transform) {
        wideband = transform;
        narrowband = transform;
        decoder.transform(transform);
    }

    /** A listener for one stream of audio, such as a microphone or a file. */
    public Stream newStream() {
        return new Stream();
    }

    /** Everything heard in a whole recording, with the verdicts behind it. */
    public List<Verdict> judgeAll(short[] pcm) {
        return judgeAll(pcm, null, 0);
    }

    /** Everything heard in a whole recording listening in {@code context} (null: every phrase at once). */
    public List<Verdict> judgeAll(short[] pcm, Context context) {
        return judgeAll(pcm, context, 0);
    }

    /**
     * The same, where the first {@code settleSamples} are only heard to learn the room's level (as a
     * room noisy for minutes already would have taught it): stretches that start there are not judged.
     */
    public List<Verdict> judgeAll(short[] pcm, Context context, int settleSamples) {
        Stream s = newStream();
        s.listenFor(context);
        s.settleFrames = settleSamples / FRAME;
        List<Verdict> all = new ArrayList<>();
        short[] frame = new short[FRAME];
        for (int at = 0; at + FRAME <= pcm.length; at += FRAME) {
            System.arraycopy(pcm, at, frame, 0, FRAME);
            all.addAll(s.judge(frame));
        }
        all.addAll(s.finishJudging());
        return all;
    }

    /** What a recording holds, read a piece at a time (memory does not grow with its length). */
    public List<Hearing> recognizeAll(SampleStream in) throws BadAudioException {
        return recognizeAll(in, null);
    }

    /** What a recording holds, read a piece at a time, listening in {@code context} (null: every phrase at once). */
    public List<Hearing> recognizeAll(SampleStream in, Context context) throws BadAudioException {
        Stream s = newStream();
        s.listenFor(context);
        List<Hearing> all = new ArrayList<>();
        short[] frame = new short[FRAME];
        while (in.readFully(frame, 0, FRAME) == FRAME) {
            all.addAll(s.accept(frame));
        }
        all.addAll(s.finish());
        return all;
    }

    /** What a whole recording holds: commands and rejections, in order. */
    public List<Hearing> recognizeAll(short[] pcm) {
        return recognizeAll(pcm, null);
    }

    /** What a whole recording holds, listening in {@code context} (null: every phrase at once). */
    public List<Hearing> recognizeAll(short[] pcm, Context context) {
        return judgeAll(pcm, context).stream().map(v -> hearing(v, context)).toList();
    }

    static Hearing hearing(Verdict v, Context context) {
        if (v.accepted()) {
            return new Utterance(v.text(), Intent.parse(v.intent()), v.confidence(), v.start(), v.end(), context);
        }
        Rejection.Kind kind = !v.decoded() ? Rejection.Kind.SOUND
                : v.reason().equals(LOW_CONFIDENCE) || v.reason().equals(TOO_NOISY) ? Rejection.Kind.UNCLEAR
                : Rejection.Kind.SPEECH;
        return new Rejection(v.start(), v.end(), context, kind);
    }

    /** Why a decoded command was rejected when it is one of the context's, addressed if need be. */
    public static final String LOW_CONFIDENCE = "low confidence";
    /** A stretch the cry rule ({@code confidence.cry*}) takes for a baby's cry. */
    public static final String A_CRY = "a steady high voice (a cry)";
    /**
     * Why a command of the context in force was rejected when it stood too little above the room's noise: in
     * noise the decoder's wrong answers are as confident as its right ones, so the level decides.
     */
    public static final String TOO_NOISY = "too noisy to be sure";

    /**
     * Why a command of the context in force, decoded with confidence {@code conf} from sound {@code f}, is not acted
     * on: {@link #A_CRY}, {@link #LOW_CONFIDENCE} or {@link #TOO_NOISY}, first match in that order; null when it is.
     * The one rule for the recognizer and for the benchmarks that count as it does.
     */
    public static String doubt(double conf, SoundFeatures f, double threshold, RecognizerSettings.CryRule cry,
                               double minSnrDb) {
        if (cry.matches(f)) {
            return A_CRY;
        }
        if (conf < threshold) {
            return LOW_CONFIDENCE;
        }
        return f.snrDb() < minSnrDb ? TOO_NOISY : null;
    }
    /** Why a command of another context was rejected. */
    static final String NOT_FOR_NOW = "not for now";
    /** Why a command without the address word was rejected in addressed mode. */
    static final String NOT_ADDRESSED = "not addressed";

    /** Listens to one stream, 10 ms at a time; keeps only the audio of the stretch being heard. */
    public final class Stream {
        private final RecognizerSettings.Endpoint ep = settings.endpoint();
        private final Endpointer endpointer = new Endpointer(ep.startDb(), ep.endDb(), ep.hangFrames(),
                ep.preRollFrames(), ep.maxFrames(), ep.minLevelDb(), new SelfHearing(settings.self()), ep.overrunRise(),
                ep.overrunHangFrames());
        /** Recent audio: enough for the longest stretch and its pre-roll. */
        private final short[] ring = new short[FRAME * (ep.maxFrames() + ep.preRollFrames() + 64)];
        private long frames;
        /** Quiet frames after the last sound that go to the decoder with the stretch. */
        private final int tailFrames = ep.decodeTailFrames();
        /** The open stretch's verdict, judged as soon as its decoded part was complete, and for which stretch. */
        private Verdict early;
        /** When the early verdict's decoding began and ended, and its phone-loop pass's share (nanoseconds). */
        private long[] earlyTiming;
        private Endpointer.Stretch earlyFor;
        private Context earlyIn;
        /** The context in force; null for every phrase at once. Set by the loop's thread, read by the decoder's. */
        private volatile Context context;
        /** Stretches that start before this frame are heard but not judged. */
        private long settleFrames;
        /** The last frame of sound of the stretch before, or -1 when there was none. */
        private long lastSoundFrame = -1;
        /** Learns the room's noise and takes it out of a stretch; null when suppression is off. */
        /** When a stretch that looks like a command ends before the full hang. */
        private final RecognizerSettings.QuickEnd quick = ep.quick();
        private final NoiseSuppressor suppressor = settings.noise().suppress()
                ? new NoiseSuppressor(settings.noise().gainFloorDb()) : null;
        private boolean wasInSpeech;

        private Stream() {
        }

        /** Listens from now on for the phrases of {@code c} only (null: every phrase). */
        public void listenFor(Context c) {
            context = c;
        }

        /** The context in force. */
        public Context context() {
            return context;
        }

        /** True while a stretch of sound is open (its end not yet found). */
        public boolean inSpeech() {
            return endpointer.inSpeech();
        }

        /** Takes the next 10 ms (160 samples) and returns what was heard in stretches that just ended. */
        public List<Hearing> accept(short[] frame) {
            return accept(frame, Double.NEGATIVE_INFINITY);
        }

        /**
         * Takes the next 10 ms with the level (dBFS) of the coach's own voice still in it after echo
         * cancelling; sound that doesn't stand above that is not listened to.
         */
        public List<Hearing> accept(short[] frame, double echoDb) {
            Context c = context;
            return timed(judge(frame, echoDb), c);
        }

        /** Ends the stream: a stretch still open is judged. */
        public List<Hearing> finish() {
            Context c = context;
            return timed(finishJudging(), c);
        }

        /** The hearings of {@code verdicts}, each command with the timing of its decoding (see {@link #verdicts}). */
        private List<Hearing> timed(List<Verdict> verdicts, Context c) {
            if (verdicts.isEmpty()) {
                return List.of();
            }
            long now = System.nanoTime();
            List<Hearing> out = new ArrayList<>(verdicts.size());
            for (int i = 0; i < verdicts.size(); i++) {
                Hearing h = hearing(verdicts.get(i), c);
                long[] t = timings.get(i);
                out.add(h instanceof Utterance u && t != null ? new Utterance(u.text(), u.intent(), u.confidence(),
                        u.start(), u.end(), u.context(), new Utterance.Timing(t[0], t[1], t[2], now)) : h);
            }
            return out;
        }

        /** The decoding's timing of each verdict {@link #verdicts} returned last, in order (null: not timed). */
        private final List<long[]> timings = new ArrayList<>();

        List<Verdict> judge(short[] frame) {
            return judge(frame, Double.NEGATIVE_INFINITY);
        }

        List<Verdict> judge(short[] frame, double echoDb) {
            int slot = (int) ((frames * FRAME) % ring.length);
            System.arraycopy(frame, 0, ring, slot, FRAME);
            double e = SoundFeatures.energyDb(frame, 0, FRAME);
            List<Endpointer.Stretch> ended = endpointer.accept(e, echoDb);
            frames++;
            if (suppressor != null) {
                boolean inSpeech = endpointer.inSpeech();
                if (inSpeech && !wasInSpeech) {
                    suppressor.stretchStarted();
                } else if (!inSpeech && ended.isEmpty()) {
                    suppressor.learn(ring, frames * FRAME);
                }
                wasInSpeech = inSpeech;
            }
            if (endpointer.quietFrames() == tailFrames && endpointer.current().voicedStart() >= settleFrames) {
                // All the decoder will get of this stretch is here: decode it now, while the endpointer
                // waits out the rest of its hang, so a live answer doesn't wait for the decoder too.
                Endpointer.Stretch st = endpointer.current();
                earlyIn = context;
                long t0 = System.nanoTime();
                long phone0 = decoder.phoneLoopNanos();
                early = judgeStretch(st, earlyIn);
                earlyFor = st;
                earlyTiming = new long[] {t0, System.nanoTime(), decoder.phoneLoopNanos() - phone0};
            }
            if (ended.isEmpty() && quick.hangFrames() > 0 && endpointer.quietFrames() == quick.hangFrames()
                    && early != null && sameStretch(earlyFor, endpointer.current()) && earlyIn == context
                    && endsQuickly(early, earlyIn)) {
                // Its verdict is in and it is a clear command standing alone: answer now, not after the full hang.
                ended = endpointer.endNow();
            }
            return verdicts(ended);
        }

        List<Verdict> finishJudging() {
            return verdicts(endpointer.finish());
        }

        private List<Verdict> verdicts(List<Endpointer.Stretch> stretches) {
            List<Verdict> out = new ArrayList<>();
            Context now = context;
            timings.clear();
            for (Endpointer.Stretch st : stretches) {
                if (st.voicedStart() < settleFrames) {
                    continue;
                }
                boolean same = sameStretch(earlyFor, st) && earlyIn == now;
                if (same) {
                    out.add(early);
                    timings.add(earlyTiming);
                } else {
                    long t0 = System.nanoTime();
                    long phone0 = decoder.phoneLoopNanos();
                    out.add(judgeStretch(st, now));
                    timings.add(new long[] {t0, System.nanoTime(), decoder.phoneLoopNanos() - phone0});
                }
                lastSoundFrame = st.voicedEnd();
                early = null;
                earlyFor = null;
                earlyTiming = null;
            }
            return out;
        }

        /** Whether {@code b} holds exactly the sound {@code a} held (their ends after the sound may differ). */
        private static boolean sameStretch(Endpointer.Stretch a, Endpointer.Stretch b) {
            return a != null && a.first() == b.first() && a.voicedStart() == b.voicedStart() && a.voicedEnd() == b.voicedEnd();
        }

        private Verdict judgeStretch(Endpointer.Stretch st, Context in) {
            int first = Math.max(st.first(), (int) Math.max(0, frames - ring.length / FRAME));
            // The decoder gets the sound and a little of the quiet after it, never more (see tailFrames).
            int last = Math.min(st.last(), st.voicedEnd() + tailFrames);
            int n = (last - first + 1) * FRAME;
            short[] audio = new short[n];
            for (int i = 0; i < n; i++) {
                audio[i] = ring[(int) (((long) first * FRAME + i) % ring.length)];
            }
            long start = (long) st.voicedStart() * FRAME;
            long end = (long) (st.voicedEnd() + 1) * FRAME;
            SoundFeatures f = SoundFeatures.measure(audio, st.voicedStart() - first, st.voicedEnd() - first,
                    st.floorDb());
            // Only a noisy stretch has the room's noise taken out: clean audio goes on as it is.
            if (suppressor != null && suppressor.ready() && f.snrDb() < settings.noise().suppressBelowSnrDb()) {
                audio = suppressor.suppress(audio);
                if (settings.noise().measureSuppressed()) {
                    // The pitch tracker and the flatness then judge the voice, not the noise around it; the level
                    // over the floor stays that of the sound as heard (the noisy threshold goes by it).
                    SoundFeatures heard = f;
                    f = SoundFeatures.measure(audio, st.voicedStart() - first, st.voicedEnd() - first, st.floorDb())
                            .withSnrDb(heard.snrDb());
                }
            }
            if (lastSoundFrame >= 0) {
                f = f.withQuietBefore((st.voicedStart() - lastSoundFrame - 1) / 100.0);
            }
            return judgeSound(audio, f, start, end, in);
        }
    }

    /**
     * Whether a stretch whose verdict is {@code v} (heard in {@code context}) may end at the quick hang: it is a
     * command of the context that is sure enough to act on, confident, clear of the noise, short, alone, wideband
     * (unless {@code endpoint.quickNarrowband}), and no phrase of the context goes on from it. In addressed mode a command said without the address word ends as
     * quickly as it would otherwise (it is not acted on either way): how the sound is cut into stretches does not
     * depend on the mode, so the benchmark, which judges one decode in every mode, measures what coaching meets.
     */
    private boolean endsQuickly(Verdict v, Context context) {
        RecognizerSettings.QuickEnd q = settings.endpoint().quick();
        SoundFeatures f = v.features();
        boolean actedOn = v.accepted() || v.reason().equals(NOT_ADDRESSED)
                && grammar.intentOf(v.text(), context).isPresent()
                && doubt(v.confidence(), f, threshold, settings.confidence().cry(), settings.noise().minSnrDb()) == null;
        return actedOn && (q.narrowband() || !narrowband(f)) && v.confidence() >= q.minConfidence() && f.snrDb() >= q.minSnrDb()
                && f.voicedSeconds() <= q.maxSeconds() && f.quietBeforeSeconds() >= q.minQuietBeforeSeconds()
                && !unfinished(v.text(), context);
    }

    /** Whether a stretch came through an 8 kHz channel (a telephone): its high band is all but empty. */
    private boolean narrowband(SoundFeatures f) {
        return f.highBandDb() < settings.adapt().narrowbandDb();
    }

    /**
     * Phrases that begin a longer phrase of another meaning ("go to step" and "go to step five", "stop" and "stop
     * counting"), by context (empty: every phrase); "next" and "next step" mean the same, so "next" is not one.
     */
    private final Map<Optional<Context>, Set<String>> unfinished = new ConcurrentHashMap<>();

    /** Whether {@code text} begins a longer phrase of {@code context} (null: of any) that means something else. */
    boolean unfinished(String text, Context context) {
        return unfinished.computeIfAbsent(Optional.ofNullable(context), c -> {
            Map<String, Intent> phrases = c.isPresent() ? grammar.phrases(c.get()) : grammar.phrases();
            Set<String> starts = new HashSet<>();
            phrases.forEach((phrase, intent) -> {
                String[] words = phrase.split(" ");
                for (int n = 1; n < words.length; n++) {
                    String start = String.join(" ", Arrays.copyOf(words, n));
                    Intent own = phrases.get(start);
                    if (own == null || !own.toString().equals(intent.toString())) {
                        starts.add(start);
                    }
                }
            });
            return Set.copyOf(starts);
        }).contains(text);
    }

    /** Gates, decodes and scores one stretch, for every phrase at once. */
    Verdict judgeSound(short[] audio, SoundFeatures f, long start, long end) {
        return judgeSound(audio, f, start, end, null);
    }

    /** Gates, decodes and scores one stretch, in {@code context} (null: every phrase). */
    Verdict judgeSound(short[] audio, SoundFeatures f, long start, long end, Context context) {
        String gate = gate(f);
        boolean narrow = narrowband(f);
        if (gate != null) {
            boolean pitchGate = PITCH_GATES.contains(gate);
            VoiceProfile owner = voiceProfile;
            VoiceProfile.Model mine = voice;
            double shortest = settings.adapt().templateShortSeconds();
            // A word of the user's shorter than the gate allows (a narrowband "six" can be 0.12 s) takes the same path
            // when every other gate lets it through, or stops it only for its pitch: a faint or noisy one stays out.
            boolean shortOfMine = false;
            if (gate.equals(TOO_SHORT) && shortest > 0 && f.voicedSeconds() >= shortest) {
                String rest = gate(f, false);
                shortOfMine = rest == null || PITCH_GATES.contains(rest);
            }
            if ((pitchGate || shortOfMine) && adaptStats == null && capturing == null && owner != null && mine != null && narrow == voiceNarrow
                    && !owner.templates().isEmpty() && settings.adapt().templateGate() > 0) {
                return gatedWithProfile(audio, f, start, end, context, gate, owner, mine, narrow);
            }
            // A take of enrolment is known to be its phrase: a voice the cry and tone gates stop counts all the same.
            if (!(pitchGate && (adaptStats != null || capturing != null))) {
                return new Verdict(start, end, "", "", false, Double.NaN, f, 0, false, gate);
            }
        }
        decodes++;
        // A profile learned through one channel is used for that channel's audio only.
        VoiceProfile.Model profile = adaptStats != null || narrow == voiceNarrow ? voice : null;
        // Adaptation needs the grammar's alignment only, not the phone loop's score.
        boolean phoneLoop = settings.decode().phoneLoop() && adaptStats == null;
        double[][][] plain = narrow ? narrowband : wideband;
        // The user's own voice (a profile in use, or being made) gets the dither relative to its level.
        boolean ownVoice = profile != null || adaptStats != null || alignWordings != null || capturing != null;
        short[] padded = forDecoder(audio, ownVoice);
        if (capturing != null) {
            capturing.add(padded);
            return new Verdict(start, end, "", "", false, Double.NaN, f, 0, false, "captured");
        }
        if (alignWordings != null) {
            boolean aligned = profile != null ? decoder.align(padded, alignWordings, alignBeam, profile, adaptStats)
                    : decoder.align(padded, alignWordings, alignBeam, plain, adaptStats);
            adaptStretches += aligned ? 1 : 0;
            adaptNarrow += aligned && narrow ? 1 : 0;
            if (aligned && gathering != null) {
                keepSpeech(decoder.alignedSpeechFeatures(Templates.MIN_FRAMES));
            }
            return new Verdict(start, end, "", "", false, Double.NaN, f, 0, false, aligned ? "aligned" : "not aligned");
        }
        SphinxDecoder.Decoded d;
        double fit = Double.NaN;
        boolean withProfile = false;
        Map<String, Double> profileDistances = null;
        boolean stranger = false;
        if (profile != null && adaptStats == null) {
            // The profile decides only for a voice it fits (its user's), by the margin; another voice is decoded
            // again as if there were no profile, so a profile never costs anyone else.
            d = decoder.decode(padded, phoneLoop, profile);
            fit = decoder.fitGain(plain);
            withProfile = fit >= settings.adapt().profileFitMargin()
                    || settings.adapt().profileFitMargin() == Double.NEGATIVE_INFINITY;
            VoiceProfile owner = voiceProfile;
            if (withProfile && owner != null && !owner.templates().isEmpty()) {
                // The user's takes, compared with the sound as the profile's decode cut it.
                profileDistances = owner.templates().distances(decoder.speechFeatures(Templates.MIN_FRAMES),
                        intentsOf(context));
                if (settings.adapt().templates().notThisVoice(profileDistances)) {
                    // Even the nearest of the user's takes is far: not the user's voice, whatever the fit said.
                    withProfile = false;
                    stranger = true;
                }
            }
            if (!withProfile) {
                d = decoder.decode(forDecoder(audio, false), phoneLoop, plain);
            }
        } else {
            d = profile != null ? decoder.decode(padded, phoneLoop, profile) : decoder.decode(padded, phoneLoop, plain);
        }
        String text = d.text();
        boolean addressed = optionalAddress != null && (text.equals(optionalAddress) || text.startsWith(optionalAddress + " "));
        if (addressed) {
            text = text.substring(optionalAddress.length()).trim();
        }
        Optional<Intent> intent = grammar.intentOf(text);
        if (adaptStats != null && !d.outOfGrammar() && intent.map(i -> i.toString().equals(adaptIntent)).orElse(false)) {
            decoder.collect(adaptStats);
            adaptStretches++;
            adaptNarrow += narrow ? 1 : 0;
            keepSpeech();
        } else if (adaptStats instanceof Mllr forcedStats && adaptForced && decoder.collectAs(
                said -> grammar.intentOf(said).map(i -> i.toString().equals(adaptIntent)).orElse(false), forcedStats)) {
            // The take is known to be the phrase: its best path through the phrase teaches what the model missed.
            adaptStretches++;
            adaptNarrow += narrow ? 1 : 0;
            keepSpeech();
        }
        Verdict v = new Verdict(start, end, text, intent.map(Intent::toString).orElse(""), d.outOfGrammar(),
                d.gapPerFrame(), f, 0, false, "");
        double conf = model.confidence(v.inputs());
        String reason;
        if (d.outOfGrammar()) {
            reason = "out of grammar";
        } else if (intent.isEmpty()) {
            reason = text.isEmpty() ? "no words" : "not a command";
        } else if (address != null && !addressed) {
            reason = NOT_ADDRESSED;
        } else if (grammar.intentOf(text, context).isEmpty()) {
            reason = NOT_FOR_NOW;
        } else {
            String doubt = doubt(conf, f, threshold, settings.confidence().cry(), settings.noise().minSnrDb());
            reason = doubt != null ? doubt : "accepted";
        }
        // The stretch's distance to the user's takes of each phrase, for the record (the benchmark's dump, the trace).
        Map<String, Double> distances = Map.of();
        VoiceProfile owner = voiceProfile;
        if (profile != null && adaptStats == null && owner != null && !owner.templates().isEmpty()
                && !(address != null && !addressed && !text.isEmpty())) {
            distances = withProfile && profileDistances != null ? profileDistances
                    : owner.templates().distances(decoder.speechFeatures(Templates.MIN_FRAMES), intentsOf(context));
        }
        String ruled = stranger ? "not this voice" : "";
        String heardIntent = intent.map(Intent::toString).orElse("");
        TemplateRule rule = settings.adapt().templates();
        if (!distances.isEmpty() && (withProfile || !stranger && rule.judgesUndecided(fit))) {
            TemplateRule.Decision decision = rule.decide(heardIntent, reason, conf, distances);
            if (decision.kind() == TemplateRule.Decision.Kind.REJECT) {
                ruled = "rejected " + heardIntent;
                reason = OVERRULED;
            } else if (decision.kind() == TemplateRule.Decision.Kind.ACCEPT) {
                ruled = decision.intent().equals(heardIntent) ? "confirmed" : "overruled " + heardIntent;
                if (!decision.intent().equals(heardIntent)) {
                    text = wordingOf(decision.intent(), context);
                    heardIntent = decision.intent();
                }
                reason = "accepted";
            }
        }
        Learner learning = learner;
        // A stretch the user's takes overruled was aligned with the phrase the profile heard: nothing to learn from.
        if (learning != null && withProfile && reason.equals("accepted") && !ruled.startsWith("overruled")) {
            LearnedStats stats = decoder.newLearned();
            decoder.collect(stats);
            stats.countStretch();
            learning.accepted(start, end, stats);
        }
        return new Verdict(start, end, text, heardIntent, d.outOfGrammar(), d.gapPerFrame(),
                f, conf, reason.equals("accepted"), reason, fit, withProfile, distances, "", ruled);
    }

    /** Why a command the profile heard was rejected: the user's nearest take is of another phrase (adapt.template*). */
    static final String OVERRULED = "overruled by the user's takes";

    /** The shortest way of saying {@code intent} among {@code context}'s phrases (null: every phrase). */
    private String wordingOf(String intent, Context context) {
        Map<String, Intent> phrases = context == null ? grammar.phrases() : grammar.phrases(context);
        return phrases.entrySet().stream().filter(e -> e.getValue().toString().equals(intent)).map(Map.Entry::getKey)
                .min(java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder()))
                .orElse(intent);
    }

    /** The gate of a stretch shorter than {@code gate.minSeconds}. */
    private static final String TOO_SHORT = "too short";

    /**
     * The gates that take a stretch for a cry, a tone, music or a hiss by its voicing and pitch: an enrolled voice
     * may be stopped by them (a high voice; a "six" that is mostly hiss).
     */
    private static final java.util.Set<String> PITCH_GATES = java.util.Set.of("unvoiced", "pitch too high (a tone, a whistle or a cry)",
            "mostly pitched too high (a cry)", "pitch jumps (a cry)", "hoarse (a cry)", "steady pitch (music or crying)");

    /**
     * A stretch of the voice profile's channel that a pitch gate stopped, or too short but not shorter than
     * {@code adapt.templateShortSeconds} (and passed by the other gates but the pitch ones): decoded with the profile all
     * the same, and accepted when the profile fits it by the larger of {@code adapt.profileFitMargin} and
     * {@code adapt.templateGateFit} and the grammar's command is also the one whose user's take is nearest, nearer than
     * {@code adapt.templateGate}; else the gate's rejection, with what was tried.
     */
    private Verdict gatedWithProfile(short[] audio, SoundFeatures f, long start, long end, Context context, String gate,
                                     VoiceProfile owner, VoiceProfile.Model mine, boolean narrow) {
        decodes++;
        SphinxDecoder.Decoded d = decoder.decode(forDecoder(audio, true), false, mine);
        double margin = settings.adapt().profileFitMargin();
        double fit = decoder.fitGain(narrow ? narrowband : wideband);
        // A gate has stopped it (as no voice, or as too short): the profile must fit it clearly better than a voice.
        boolean fits = mine.means().isEmpty() || fit >= Math.max(margin, settings.adapt().templateGateFit())
                || margin == Double.NEGATIVE_INFINITY;
        String text = d.text();
        boolean addressed = optionalAddress != null && (text.equals(optionalAddress) || text.startsWith(optionalAddress + " "));
        if (addressed) {
            text = text.substring(optionalAddress.length()).trim();
        }
        String intent = grammar.intentOf(text, context).map(Intent::toString).orElse("");
        Map<String, Double> distances = fits && !(address != null && !addressed)
                ? owner.templates().distances(decoder.speechFeatures(Templates.MIN_FRAMES), intentsOf(context)) : Map.of();
        boolean rescued = !d.outOfGrammar() && !intent.isEmpty() && !distances.isEmpty()
                && distances.keySet().iterator().next().equals(intent)
                && distances.values().iterator().next() < settings.adapt().templateGate();
        if (!rescued) {
            // The gate's verdict as it would be without a profile, with what was tried.
            return new Verdict(start, end, "", "", false, Double.NaN, f, 0, false, gate, fit, fits, distances, "");
        }
        Verdict v = new Verdict(start, end, text, intent, false, d.gapPerFrame(), f, 0, false, "");
        return new Verdict(start, end, text, intent, false, d.gapPerFrame(), f, model.confidence(v.inputs()), true,
                "accepted", fit, true, distances, gate);
    }

    /** The intents of {@code context}'s phrases (null: every intent). */
    private java.util.Set<String> intentsOf(Context context) {
        if (context == null) {
            return null;
        }
        java.util.Set<String> s = new java.util.HashSet<>();
        grammar.phrases(context).values().forEach(i -> s.add(i.toString()));
        return s;
    }

    /** The front end's features of the speech in {@code audio} (a stretch), as a template holds them; for tests. */
    synchronized float[][] speechFeatures(short[] audio) {
        decoder.decode(forDecoder(audio), false, wideband);
        return decoder.speechFeatures(Templates.MIN_FRAMES);
    }

    /** While adapting: keeps the stretch's speech if it is the take's longest so far. */
    private void keepSpeech() {
        keepSpeech(decoder.speechFeatures(Templates.MIN_FRAMES));
    }

    private void keepSpeech(float[][] speech) {
        if (adaptSpeech == null || speech.length > adaptSpeech.length) {
            adaptSpeech = speech;
        }
    }

    /** A stretch as the decoder gets it: a lead-in of low noise, the sound with dither, a tail. */
    private short[] forDecoder(short[] audio) {
        return forDecoder(audio, false);
    }

    /**
     * A stretch as the decoder gets it; with {@code ownVoice} (the user's voice, decoded with a profile or making one)
     * the dither is relative to the stretch's speech level ({@code decode.ditherReferenceDb}).
     */
    private short[] forDecoder(short[] audio, boolean ownVoice) {
        short[] padded = new short[leadIn.length + audio.length + tail.length];
        System.arraycopy(leadIn, 0, padded, 0, leadIn.length);
        System.arraycopy(audio, 0, padded, leadIn.length, audio.length);
        double sigma = ownVoice ? settings.decode().ownVoiceDither(speechLevelDb(audio)) : settings.decode().ditherSigma();
        Random dither = new Random(audio.length);
        for (int i = 0; i < padded.length; i++) {
            padded[i] = Levels.toSample(padded[i] + dither.nextGaussian() * sigma);
        }
        System.arraycopy(tail, 0, padded, leadIn.length + audio.length, tail.length);
        return padded;
    }

    /** The level of the speech in a stretch: the 90th percentile of its frames' energies, dBFS. */
    static double speechLevelDb(short[] audio) {
        int frames = audio.length / SampleTime.FRAME;
        if (frames == 0) {
            return SoundFeatures.energyDb(audio, 0, Math.max(1, audio.length));
        }
        double[] energies = new double[frames];
        for (int i = 0; i < frames; i++) {
            energies[i] = SoundFeatures.energyDb(audio, i * SampleTime.FRAME, SampleTime.FRAME);
        }
        java.util.Arrays.sort(energies);
        return energies[Math.min(frames - 1, (int) (0.9 * frames))];
    }

    private String gate(SoundFeatures f) {
        return gate(f, true);
    }

    /** The first gate that stops a stretch with {@code f}, null when none does; the length's only with {@code length}. */
    private String gate(SoundFeatures f, boolean length) {
        RecognizerSettings.Gates g = settings.gates();
        if (length && f.voicedSeconds() < g.minSeconds()) {
            return TOO_SHORT;
        }
        if (f.voicedSeconds() > g.maxSeconds()) {
            return "too long";
        }
        if (f.snrDb() < g.minSnrDb()) {
            return "too faint";
        }
        if (f.flatness() > g.maxFlatness()) {
            return "noise";
        }
        if (f.voicedFraction() < g.minVoicedFraction()) {
            return "unvoiced";
        }
        if (f.meanPitchHz() > g.maxPitchHz()) {
            return "pitch too high (a tone, a whistle or a cry)";
        }
        if (f.highPitchFraction() > g.maxHighPitchFraction()) {
            return "mostly pitched too high (a cry)";
        }
        if (f.pitchJumps() > g.maxPitchJumps()) {
            return "pitch jumps (a cry)";
        }
        if (f.voicedFraction() > 0 && f.harmonicity() < g.minHarmonicity()) {
            return "hoarse (a cry)";
        }
        if (f.longestVoicedSeconds() > g.maxSteadyVoicedSeconds()
                && f.pitchSteadiness() < g.steadyPitchSemitones()) {
            return "steady pitch (music or crying)";
        }
        return null;
    }

    private static short[] noise(Random r, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(r.nextGaussian() * 3);
        }
        return s;
    }

    /** The settings it was loaded with (the endpointer's, for enrolment's takes). */
    RecognizerSettings settings() {
        return settings;
    }

    /** The settings for noise in the room (how far over the floor a command must stand to be acted on). */
    public RecognizerSettings.Noise noise() {
        return settings.noise();
    }

    /** The rule that takes a steady high voice for a baby's cry ({@code confidence.cry*}). */
    public RecognizerSettings.CryRule cryRule() {
        return settings.confidence().cry();
    }

    /** The confidence a command needs to be accepted. */
    public double threshold() {
        return threshold;
    }

    int decodes() {
        return decodes;
    }

    @Override
    public void close() {
        decoder.close();
    }
}
