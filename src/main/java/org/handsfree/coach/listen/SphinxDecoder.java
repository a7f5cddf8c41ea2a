package org.handsfree.coach.listen;

import edu.cmu.sphinx.decoder.Decoder;
import edu.cmu.sphinx.decoder.pruner.SimplePruner;
import edu.cmu.sphinx.decoder.scorer.SimpleAcousticScorer;
import edu.cmu.sphinx.decoder.search.ActiveListFactory;
import edu.cmu.sphinx.decoder.search.PartitionActiveListFactory;
import edu.cmu.sphinx.decoder.search.SimpleBreadthFirstSearchManager;
import edu.cmu.sphinx.frontend.BaseDataProcessor;
import edu.cmu.sphinx.frontend.DataProcessor;
import edu.cmu.sphinx.linguist.Linguist;
import edu.cmu.sphinx.linguist.acoustic.AcousticModel;
import edu.cmu.sphinx.linguist.dictionary.Dictionary;
import edu.cmu.sphinx.linguist.flat.FlatLinguist;
import edu.cmu.sphinx.linguist.language.grammar.Grammar;
import edu.cmu.sphinx.linguist.language.grammar.GrammarNode;
import edu.cmu.sphinx.decoder.search.Token;
import edu.cmu.sphinx.frontend.FloatData;
import edu.cmu.sphinx.frontend.util.StreamDataSource;
import edu.cmu.sphinx.jsgf.JSGFGrammar;
import edu.cmu.sphinx.linguist.HMMSearchState;
import edu.cmu.sphinx.linguist.SearchState;
import edu.cmu.sphinx.linguist.acoustic.HMM;
import edu.cmu.sphinx.linguist.acoustic.HMMPosition;
import edu.cmu.sphinx.linguist.acoustic.LeftRightContext;
import edu.cmu.sphinx.linguist.acoustic.Unit;
import edu.cmu.sphinx.linguist.acoustic.UnitManager;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.GaussianWeights;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.HMMManager;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Pool;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Senone;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.SenoneHMM;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.SenoneSequence;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Sphinx3Loader;
import edu.cmu.sphinx.linguist.allphone.PhoneHmmSearchState;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.util.LogMath;
import edu.cmu.sphinx.util.props.ConfigurationManager;
import edu.cmu.sphinx.util.props.ConfigurationManagerUtils;
import edu.cmu.sphinx.util.props.PropertyException;
import edu.cmu.sphinx.util.props.PropertySheet;
import edu.cmu.sphinx.util.props.S4String;
import edu.cmu.sphinx.linguist.SearchStateArc;
import edu.cmu.sphinx.linguist.WordSearchState;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.handsfree.coach.time.SampleTime;

/**
 * Sphinx4 behind one small call: a stretch of 16 kHz audio in, the best command and its scores
 * out. With {@link TopGaussians}, the only classes that import Sphinx4. Both recognizers are
 * allocated once and reused for every stretch and every file; the grammar is compiled once, from JSGF
 * text made at start-up (the routine's numbers, the address word), into one search graph for every
 * listening context.
 */
public final class SphinxDecoder implements AutoCloseable {
    /** Sphinx4 frames are 10 ms. */
    static final int SAMPLES_PER_FRAME = SampleTime.FRAME;

    private final Recognizer grammar;
    private final Recognizer phones;
    private final StreamDataSource grammarSource;
    private final StreamDataSource phoneSource;
    private final Sphinx3Loader model;
    private final Map<Integer, Integer> phoneCodebooks;
    /** The model's Gaussian means as Sphinx4 scores with them (changed in place by a transform) and as loaded. */
    private final float[][] means;
    private final float[][] loadedMeans;
    private final float[][] variances;
    /** The transform the means have now (null: as loaded, or a voice profile's). */
    private double[][][] current;
    /** The voice profile whose model is in place now (null: none), and the mixture weights it replaced. */
    private VoiceProfile.Model profile;
    private final Map<Integer, float[]> replacedWeights = new HashMap<>();
    private final String fingerprint;
    /** The codebooks' best Gaussians, kept per frame so the phone loop reuses the grammar search's (TopGaussians). */
    private final TopGaussians.Frames gaussians;
    /** The grammar's best path of the last stretch, and the search's result, for adaptation. */
    private Token lastBest;
    /** The best path's last token of the last {@link #align}, or null. */
    private Token lastAligned;
    private Result lastResult;
    /** A first-sample number for frames scored for adaptation, below any real one (see collect). */
    private long scoredFrame;

    /**
     * What Sphinx4 made of a stretch.
     *
     * @param text the best grammar path without fillers, lowercase; empty when nothing matched
     * @param outOfGrammar the out-of-grammar phone loop won
     * @param grammarScore acoustic log score of the best grammar path (Sphinx4 log units)
     * @param phoneScore acoustic log score of the best free phone path over the same audio
     * @param frames 10 ms frames decoded
     */
    record Decoded(String text, boolean outOfGrammar, double grammarScore, double phoneScore, int frames) {
        /** Per-frame gap between the free phone loop and the grammar: near 0 for a good fit. */
        double gapPerFrame() {
            return frames == 0 ? Double.POSITIVE_INFINITY : (phoneScore - grammarScore) / frames;
        }
    }

    private SphinxDecoder(Recognizer grammar, Recognizer phones, StreamDataSource grammarSource,
                          StreamDataSource phoneSource, Sphinx3Loader model) {
        this.grammar = grammar;
        this.phones = phones;
        this.grammarSource = grammarSource;
        this.phoneSource = phoneSource;
        this.model = model;
        this.phoneCodebooks = phoneCodebooks(model);
        this.gaussians = TopGaussians.install(model);
        this.means = arrays(model.getMeansPool());
        this.variances = arrays(model.getVariancePool());
        this.loadedMeans = new float[means.length][];
        for (int i = 0; i < means.length; i++) {
            loadedMeans[i] = means[i].clone();
        }
        this.fingerprint = computeFingerprint();
    }

    private static float[][] arrays(Pool<float[]> pool) {
        float[][] a = new float[pool.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = pool.get(i);
        }
        return a;
    }

    /** Loads with the built-in grammar, every phrase at once (see {@link #load(URL, Map, String)}). */
    static SphinxDecoder load(URL config, Map<String, String> settings) {
        return load(config, settings, org.handsfree.coach.grammar.CommandGrammar.builtIn().decoderGrammar(null));
    }

    /**
     * Loads the acoustic model and dictionary named in {@code config}, with {@code settings} for its
     * ${...}, and compiles {@code jsgf} (a grammar named as decoder.xml's {@code jsgfGrammar} says) as
     * the grammar to decode with.
     */
    static SphinxDecoder load(URL config, Map<String, String> settings, String jsgf) {
        return load(config, settings, jsgf, null);
    }

    /**
     * {@link #load(URL, Map, String)}, keeping a prepared copy of the loaded acoustic model in {@code prepared}
     * (null: none): read from there when it is there and fits, written there when not. The acoustic model is
     * the one {@link #startLoading} began for the same configuration, settings and copy, when there is one.
     *
     * <p>Two threads share a start's work: while this one parses and compiles the grammar into its search
     * graph, another makes the free phone loop's search and the Gaussians' tables, which only read the model.
     */
    static SphinxDecoder load(URL config, Map<String, String> settings, String jsgf, Path prepared) {
        return load(config, settings, jsgf, prepared, d -> { });
    }

    /**
     * {@link #load(URL, Map, String, Path)}, then {@code then} given the decoder on the second loading thread, beside
     * the grammar's compilation (CommandRecognizer puts its first transform in place there: a start's critical path
     * is the grammar's graph on this thread). What {@code then} throws, the load throws.
     */
    static SphinxDecoder load(URL config, Map<String, String> settings, String jsgf, Path prepared,
                              java.util.function.Consumer<SphinxDecoder> then) {
        Loading loading = Loading.take(config, settings, prepared);
        ConfigurationManager cm;
        if (loading != null) {
            cm = loading.join();
        } else {
            try {
                cm = configure(config, settings, prepared);
            } catch (IOException e) {
                throw new IllegalStateException("cannot load the acoustic model: " + e.getMessage(), e);
            }
        }
        // Every component is made here, on this thread: Sphinx4's configuration is not for two threads at once.
        JSGFGrammar jsgfGrammar = (JSGFGrammar) cm.lookup("jsgfGrammar");
        Recognizer grammar = (Recognizer) cm.lookup("grammarRecognizer");
        Recognizer phones = (Recognizer) cm.lookup("phoneRecognizer");
        StreamDataSource grammarSource = (StreamDataSource) cm.lookup("grammarSource");
        StreamDataSource phoneSource = (StreamDataSource) cm.lookup("phoneSource");
        Sphinx3Loader model = (Sphinx3Loader) cm.lookup("acousticModelLoader");
        PhraseParts parts = PhraseParts.of(cm);
        FlatParts flatParts = FlatParts.of(cm);
        FlatParts loopParts = FlatParts.of(cm, "allphoneLinguist", "phoneFrontEnd", "phoneSearch");
        FutureTask<SphinxDecoder> rest = new FutureTask<>(() -> {
            phones.allocate();
            SphinxDecoder d = new SphinxDecoder(grammar, phones, grammarSource, phoneSource, model);
            d.phraseParts = parts;
            d.flatParts = flatParts;
            d.loopParts = loopParts;
            d.jsgf = jsgf;
            then.accept(d);
            return d;
        });
        start(rest, "phone-loop-loading");
        // Sphinx4 reads a grammar only from a URL it makes from a base and the grammar's name, so the
        // text goes to a file for as long as it takes to compile it.
        Path dir = null;
        try {
            dir = Files.createTempDirectory("coach-grammar");
            Files.writeString(dir.resolve(jsgfGrammar.getGrammarName() + ".gram"), jsgf, StandardCharsets.UTF_8);
            jsgfGrammar.setBaseURL(dir.toUri().toURL());
            grammar.allocate();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the grammar for the decoder: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    dir.toFile().deleteOnExit();
                }
            }
        }
        return join(rest);
    }

    /**
     * Sphinx4's flat linguist (decoder.xml's {@code flatLinguist}), compiling the same graph the same way, less the
     * walk over every state it has just made that Sphinx4's compile ends with only to count them for its statistics:
     * about a sixth of a start's main thread (acoustic/README.md, "Start-up, session 14"). The count is not kept.
     */
    public static final class GrammarLinguist extends edu.cmu.sphinx.linguist.flat.FlatLinguist {
        @Override
        protected java.util.Collection<edu.cmu.sphinx.linguist.flat.SentenceHMMState> compileGrammar() {
            initialGrammarState = grammar.getInitialNode();
            nodeStateMap = new java.util.HashMap<>();
            arcPool = new edu.cmu.sphinx.util.Cache<>();
            List<GState> made = new ArrayList<>();
            for (edu.cmu.sphinx.linguist.language.grammar.GrammarNode node : grammar.getGrammarNodes()) {
                made.add(createGState(node));
            }
            // The first node is entered from silence; then every node learns its neighbours' contexts, is expanded
            // into its units' states, and is joined to its successors.
            addStartingPath();
            made.forEach(GState::collectContexts);
            made.forEach(GState::expand);
            made.forEach(GState::connect);
            edu.cmu.sphinx.linguist.flat.SentenceHMMState start = findStartingState();
            if (addOutOfGrammarBranch) {
                edu.cmu.sphinx.linguist.flat.CIPhoneLoop loop = new edu.cmu.sphinx.linguist.flat.CIPhoneLoop(
                        phoneLoopAcousticModel, logPhoneInsertionProbability);
                start.connect(getArc((edu.cmu.sphinx.linguist.flat.SentenceHMMState) loop.getSearchGraph().getInitialState(),
                        logOne, logOutOfGrammarBranchProbability));
            }
            searchGraph = new FlatSearchGraph(start);
            nodeStateMap = null;
            arcPool = null;
            return List.of();
        }
    }

    /** Runs {@code task} on a daemon thread of its own (not a shared pool, where it could wait behind other work). */
    private static void start(FutureTask<?> task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** What {@code task} made, or what it threw, as it threw it. */
    private static <T> T join(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the recognizer loaded", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("cannot load the recognizer: " + cause.getMessage(), cause);
        }
    }

    /**
     * Starts loading the acoustic model on a thread of its own, for a {@link #load} with the same configuration,
     * settings and prepared copy to take over: a start reads the model while it does its other work (the
     * command line, the grammar's text). At most one waits to be taken; another is not
     * started while one waits.
     *
     * @param settings made on the loading thread too (they are read from the jar)
     */
    static void startLoading(URL config, java.util.function.Supplier<Map<String, String>> settings, Path prepared) {
        Loading.offer(config, settings, prepared);
    }

    /** How many loads in this process took over a model {@link #startLoading} began (for tests). */
    static int loadsTakenOver() {
        return TAKEN_OVER.get();
    }

    private static final java.util.concurrent.atomic.AtomicInteger TAKEN_OVER = new java.util.concurrent.atomic.AtomicInteger();

    /** Sphinx4's configuration with its acoustic model loaded, being made on a thread of its own. */
    private static final class Loading {
        /** The one started ahead of a load, waiting to be taken. */
        private static Loading waiting;

        private final URL config;
        private final Path prepared;
        private volatile Map<String, String> settings;
        private final FutureTask<ConfigurationManager> task;

        private Loading(URL config, java.util.function.Supplier<Map<String, String>> settings, Path prepared) {
            this.config = config;
            this.prepared = prepared;
            this.task = new FutureTask<>(() -> {
                this.settings = settings.get();
                return configure(config, this.settings, prepared);
            });
        }

        static synchronized void offer(URL config, java.util.function.Supplier<Map<String, String>> settings, Path prepared) {
            if (waiting == null) {
                waiting = new Loading(config, settings, prepared);
                SphinxDecoder.start(waiting.task, "model-loading");
            }
        }

        /**
         * The waiting one when it was made for this configuration, settings and copy; null otherwise. Either way
         * none waits after this: one made for something else would only hold its memory.
         */
        static Loading take(URL config, Map<String, String> settings, Path prepared) {
            Loading l;
            synchronized (Loading.class) {
                l = waiting;
                waiting = null;
            }
            if (l == null || !l.config.toString().equals(config.toString()) || !Objects.equals(l.prepared, prepared)) {
                return null;
            }
            try {
                l.join();
            } catch (RuntimeException | Error e) {
                // It failed for itself; this load tries again and reports its own error.
                return null;
            }
            if (!settings.equals(l.settings)) {
                return null;
            }
            TAKEN_OVER.incrementAndGet();
            return l;
        }

        ConfigurationManager join() {
            return SphinxDecoder.join(task);
        }
    }

    /** Sphinx4's configuration from {@code config} with {@code settings} for its ${...}, and its acoustic model loaded. */
    private static ConfigurationManager configure(URL config, Map<String, String> settings, Path prepared) throws IOException {
        Logger.getLogger("edu.cmu.sphinx").setLevel(Level.SEVERE);
        Logger.getLogger("default.config").setLevel(Level.SEVERE);
        ConfigurationManager cm = new ConfigurationManager(config);
        // Before any component is made: setting one later makes every component made so far read its properties again.
        settings.forEach(cm::setGlobalProperty);
        if (prepared != null) {
            ConfigurationManagerUtils.setProperty(cm, "acousticModelLoader", Model.PROP_PREPARED, prepared.toString());
        }
        ((Sphinx3Loader) cm.lookup("acousticModelLoader")).load();
        return cm;
    }

    /** Decodes one stretch with the model moved by {@code transform} (see {@link #transform}). */
    synchronized Decoded decode(short[] pcm, boolean withPhoneLoop, double[][][] transform) {
        transform(transform);
        return decode(pcm, withPhoneLoop);
    }

    /** Decodes one stretch of sound, given as 16 kHz mono samples with its lead-in already added. */
    synchronized Decoded decode(short[] pcm, boolean withPhoneLoop) {
        return decode(grammar, pcm, withPhoneLoop);
    }

    private Decoded decode(Recognizer search, short[] pcm, boolean withPhoneLoop) {
        byte[] bytes = bytes(pcm);
        grammarSource.setInputStream(new ByteArrayInputStream(bytes));
        gaussians.newAudio();
        lastBytes = null;
        // The flat search is compiled from the command grammar's graph: a search compiled again with a voice
        // profile's own pronunciations is Sphinx4's.
        FlatSearch flat = search == grammar ? flat() : null;
        if (flat != null && flat.search()) {
            // The flat search's best path, as Sphinx4's tokens; collectAs searches again with Sphinx4 if it is asked.
            lastBest = flat.bestPath();
            lastResult = null;
            lastBytes = bytes;
        } else {
            if (flat != null) {
                // Given back (see FlatSearch.fellBack): Sphinx4 searches the stretch from its start.
                grammarSource.setInputStream(new ByteArrayInputStream(bytes));
                gaussians.newAudio();
            }
            Result g = search.recognize();
            lastBest = best(g);
            lastResult = g;
        }
        String text = "";
        boolean oog = false;
        double gScore = Double.NEGATIVE_INFINITY;
        int frames = pcm.length / SAMPLES_PER_FRAME;
        if (lastBest != null) {
            String words = lastBest.getWordPathNoFiller().trim();
            oog = words.contains("<unk>");
            text = words.replace("<unk>", " ").replaceAll("\\s+", " ").trim().toLowerCase();
            gScore = acoustic(lastBest);
        }
        double pScore = Double.NEGATIVE_INFINITY;
        // The phone loop only scores a command that may be accepted: rejected ones need no score.
        if (withPhoneLoop && !oog && !text.isEmpty()) {
            long t0 = System.nanoTime();
            phoneSource.setInputStream(new ByteArrayInputStream(bytes));
            FlatSearch loop = flatLoop();
            if (loop != null && loop.search()) {
                pScore = loop.acousticScore();
            } else {
                if (loop != null) {
                    // Given back: Sphinx4's phone search reads the stretch from its start.
                    phoneSource.setInputStream(new ByteArrayInputStream(bytes));
                }
                Token best = best(phones.recognize());
                if (best != null) {
                    pScore = acoustic(best);
                }
            }
            phoneLoopNanos += System.nanoTime() - t0;
        }
        return new Decoded(text, oog, gScore, pScore, frames);
    }

    /** Wall-clock nanoseconds spent in the phone-loop pass so far, all decodes together (for the trace's timing). */
    synchronized long phoneLoopNanos() {
        return phoneLoopNanos;
    }

    private long phoneLoopNanos;

    private static byte[] bytes(short[] pcm) {
        byte[] bytes = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return bytes;
    }

    /** Sum of the per-frame acoustic scores along a token's path. */
    private static double acoustic(Token token) {
        double sum = 0;
        for (Token t = token; t != null; t = t.getPredecessor()) {
            if (t.isEmitting()) {
                sum += t.getAcousticScore();
            }
        }
        return sum;
    }

    /** The transform that leaves this model as it was loaded. */
    double[][][] identity() {
        return Mllr.identity(model.getNumStreams(), model.getVectorLength()[0]);
    }

    /** Empty statistics of commands heard in use, for this model. */
    LearnedStats newLearned() {
        return new LearnedStats(model.getNumStreams(), model.getVectorLength()[0], model.getNumGaussiansPerState());
    }

    /** Empty adaptation statistics for this model. */
    Mllr newMllr() {
        return new Mllr(means.length, model.getNumStreams(), model.getVectorLength()[0], model.getNumGaussiansPerState());
    }

    /**
     * Adds the last stretch's grammar path to {@code stats}: each frame, the posterior of every
     * Gaussian of the state the path was in, with the frame's features.
     */
    synchronized void collect(AlignedFrames stats) {
        collect(lastBest, null, stats);
    }

    /**
     * Forced alignment of the last stretch for adaptation: of the paths still alive at its end, the
     * best whose words {@code wanted} accepts (lowercase, without fillers) adds its frames to {@code stats}.
     *
     * @return whether there was such a path
     */
    synchronized boolean collectAs(java.util.function.Predicate<String> wanted, Mllr stats) {
        if (lastResult == null && lastBytes != null) {
            // The flat search keeps only its best path: Sphinx4 searches the stretch again for every path alive at its
            // end (the model is as it was: nothing changes it between a decode and this).
            grammarSource.setInputStream(new ByteArrayInputStream(lastBytes));
            gaussians.newAudio();
            lastResult = grammar.recognize();
        }
        if (lastResult == null) {
            return false;
        }
        List<Token> candidates = new ArrayList<>(lastResult.getResultTokens());
        if (lastResult.getActiveTokens() != null) {
            candidates.addAll(lastResult.getActiveTokens().getTokens());
        }
        // Best first: only as many word paths are spelled out as it takes to find one.
        candidates.sort((a, b) -> Float.compare(b.getScore(), a.getScore()));
        Token chosen = null;
        for (Token t : candidates) {
            String words = t.getWordPathNoFiller().trim();
            if (!words.contains("<unk>") && wanted.test(words.replaceAll("\\s+", " ").toLowerCase())) {
                chosen = t;
                break;
            }
        }
        if (chosen == null) {
            return false;
        }
        collect(chosen, null, stats);
        return true;
    }

    /**
     * What a search over one phrase shares with the grammar search: the acoustic model (and so the means and
     * weights in place, and TopGaussians), the dictionary, the front end and the grammar's insertion settings.
     */
    private record PhraseParts(AcousticModel model, UnitManager units, Dictionary dictionary, BaseDataProcessor frontEnd,
                               double wordInsertion, double silenceInsertion, float languageWeight,
                               Map<String, String> global) {
        static PhraseParts of(ConfigurationManager cm) {
            Map<String, String> global = new HashMap<>();
            for (String k : List.of("absoluteBeamWidth", "relativeBeamWidth", "addOutOfGrammarBranch",
                    "outOfGrammarProbability", "phoneInsertionProbability")) {
                global.put(k, cm.getGlobalProperty(k));
            }
            return new PhraseParts(cm.lookup("acousticModel"), cm.lookup("unitManager"), cm.lookup("dictionary"),
                    cm.lookup("grammarFrontEnd"), Double.parseDouble(cm.getGlobalProperty("wordInsertionProbability")),
                    Double.parseDouble(cm.getGlobalProperty("silenceInsertionProbability")),
                    Float.parseFloat(cm.getGlobalProperty("languageWeight")), Map.copyOf(global));
        }
    }

    /** The command grammar's JSGF text, for a search compiled again with a voice profile's pronunciations. */
    private String jsgf;

    // ---- The user's own pronunciations (acoustic/README.md, "Enrolment, session 12: own pronunciations") ----

    /** The pronunciations a voice profile adds, and the grammar search compiled with them (on a thread of its own). */
    private Map<String, List<List<String>>> addedPronunciations = Map.of();
    private FutureTask<Recognizer> pronunciationSearch;
    /** Milliseconds the last pronunciation search took to compile (its own thread's wall clock); NaN: none yet. */
    private volatile double pronunciationCompileMillis = Double.NaN;
    private volatile double pronunciationCompileCpuMillis = Double.NaN;

    /**
     * The phones the free phone loop hears in a stretch, with a voice profile's model in place: context-independent
     * phones as the dictionary spells them ("F", "AY"), silence and fillers left out, a phone held over several
     * frames once.
     */
    synchronized List<String> phonesOf(short[] pcm, VoiceProfile.Model voice) {
        use(voice);
        phoneSource.setInputStream(new ByteArrayInputStream(bytes(pcm)));
        gaussians.newAudio();
        Token last = best(phones.recognize());
        Map<Integer, String> names = new HashMap<>();
        for (Unit u : model.getContextIndependentUnits().values()) {
            if (!u.isFiller()) {
                names.put(u.getBaseID(), u.getName());
            }
        }
        List<String> out = new ArrayList<>();
        int lastId = Integer.MIN_VALUE;
        for (Token t = last; t != null; t = t.getPredecessor()) {
            if (!(t.getSearchState() instanceof PhoneHmmSearchState ps) || !t.isEmitting()) {
                continue;
            }
            int id = ps.getBaseId();
            if (id != lastId && names.containsKey(id)) {
                out.add(names.get(id));
            }
            lastId = id;
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The dictionary's pronunciations of {@code word} (phones as spelled there); empty when it has none. */
    synchronized List<List<String>> pronunciationsOf(String word) {
        edu.cmu.sphinx.linguist.dictionary.Word w = phraseParts.dictionary().getWord(word);
        List<List<String>> out = new ArrayList<>();
        if (w == null) {
            return out;
        }
        for (edu.cmu.sphinx.linguist.dictionary.Pronunciation p : w.getPronunciations()) {
            List<String> phones = new ArrayList<>();
            for (Unit u : p.getUnits()) {
                phones.add(u.getName());
            }
            out.add(phones);
        }
        return out;
    }

    /** Whether {@code phone} is a context-independent speech phone of the acoustic model. */
    synchronized boolean isPhone(String phone) {
        Unit u = model.getContextIndependentUnits().get(phone);
        return u != null && !u.isFiller();
    }

    /** One-word searches for {@link #alignScore}, by word and its pronunciations; dropped by {@link #forgetCandidates}. */
    private final Map<List<Object>, Recognizer> candidateSearches = new HashMap<>();

    /**
     * The score (natural log, acoustic and insertion together) of the best path through {@code word} said as one of
     * {@code pronunciations} only, with silence around it, over a stretch, with a voice profile's model in place; NaN
     * when no path reached the word's end. Scores of the same stretch compare pronunciations.
     */
    synchronized double alignScore(short[] pcm, String word, List<List<String>> pronunciations, VoiceProfile.Model voice) {
        use(voice);
        Recognizer search = candidateSearches.computeIfAbsent(List.of(word, pronunciations), k -> {
            PhraseParts p = phraseParts;
            Dictionary d = new Addendum(p.dictionary(), p.units(), Map.of(word, pronunciations), true);
            FlatLinguist linguist = new FlatLinguist(p.model(), new PhraseGrammar(List.of(word), d), p.units(),
                    p.wordInsertion(), p.silenceInsertion(), 1.0, 1.0, p.languageWeight(), false, false, false, false, 1.0,
                    1.0, null);
            SimpleBreadthFirstSearchManager s = new SimpleBreadthFirstSearchManager(linguist, new SimplePruner(),
                    new SimpleAcousticScorer(p.frontEnd(), null), new PartitionActiveListFactory(PHRASE_STATES,
                    Enrolment.PHRASE_BEAM), false, 0.0, 0, false);
            Recognizer r = new Recognizer(new Decoder(s, false, false, List.of(), Integer.MAX_VALUE), List.of());
            r.allocate();
            return r;
        });
        grammarSource.setInputStream(new ByteArrayInputStream(bytes(pcm)));
        gaussians.newAudio();
        Result r = search.recognize();
        Token last = r == null ? null : r.getBestFinalToken();
        return last == null ? Double.NaN : LogMath.getLogMath().logToLn(last.getScore());
    }

    /** Drops the searches {@link #alignScore} compiled. */
    synchronized void forgetCandidates() {
        candidateSearches.values().forEach(Recognizer::deallocate);
        candidateSearches.clear();
    }

    /**
     * From now on, a stretch decoded with a voice profile's model is searched with the command grammar compiled again
     * with {@code added} (word: more ways of saying it, phones as the dictionary spells them) as alternate
     * pronunciations beside the dictionary's; empty: the grammar as loaded. The search is compiled on a thread of its
     * own, and until it is ready the grammar as loaded is used.
     */
    synchronized void usePronunciations(Map<String, List<List<String>>> added) {
        if (added.equals(addedPronunciations)) {
            return;
        }
        addedPronunciations = Map.copyOf(added);
        FutureTask<Recognizer> old = pronunciationSearch;
        if (old != null) {
            old.cancel(false);
            if (old.isDone() && !old.isCancelled()) {
                try {
                    old.get().deallocate();
                } catch (InterruptedException | ExecutionException | RuntimeException e) {
                    // It never became usable; nothing to give back.
                }
            }
        }
        pronunciationSearch = null;
        if (added.isEmpty()) {
            return;
        }
        Map<String, List<List<String>>> words = addedPronunciations;
        FutureTask<Recognizer> task = new FutureTask<>(() -> compileWith(words));
        pronunciationSearch = task;
        start(task, "pronunciation-search");
    }

    /** Waits until the search {@link #usePronunciations} asked for is ready (for the benchmark and tests); false: failed. */
    boolean awaitPronunciations() {
        FutureTask<Recognizer> task;
        synchronized (this) {
            task = pronunciationSearch;
        }
        if (task == null) {
            return true;
        }
        try {
            task.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return false;
        }
    }

    /** How long the last pronunciation search took to compile, in ms of wall clock and of its thread's CPU (NaN: none). */
    double[] pronunciationCompileMillis() {
        return new double[] {pronunciationCompileMillis, pronunciationCompileCpuMillis};
    }

    /** The grammar search for a profile's decodes: with its pronunciations when they are compiled, else as loaded. */
    private Recognizer profileGrammar() {
        FutureTask<Recognizer> task = pronunciationSearch;
        if (task == null || !task.isDone() || task.isCancelled()) {
            return grammar;
        }
        try {
            return task.get();
        } catch (InterruptedException | ExecutionException e) {
            return grammar;
        }
    }

    /** The command grammar's search as decoder.xml makes it, compiled with {@code added} pronunciations. */
    private Recognizer compileWith(Map<String, List<List<String>>> added) throws IOException {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        PhraseParts p = phraseParts;
        Map<String, String> g = p.global();
        Dictionary d = new Addendum(p.dictionary(), p.units(), added, false);
        Path dir = Files.createTempDirectory("coach-grammar");
        try {
            Files.writeString(dir.resolve("commands.gram"), jsgf, StandardCharsets.UTF_8);
            JSGFGrammar grammar = new JSGFGrammar(dir.toUri().toURL(), "commands", false, true, true, false, d);
            // Sphinx4's grammars report their statistics at INFO on a logger of their own.
            ((Logger) SphinxDecoder.Model.privateField(Grammar.class, grammar, "logger")).setLevel(Level.SEVERE);
            FlatLinguist linguist = new FlatLinguist(p.model(), grammar, p.units(), p.wordInsertion(), p.silenceInsertion(),
                    1.0, 1.0, p.languageWeight(), false, false, false, Boolean.parseBoolean(g.get("addOutOfGrammarBranch")),
                    Double.parseDouble(g.get("outOfGrammarProbability")), Double.parseDouble(g.get("phoneInsertionProbability")),
                    p.model());
            Search search = new Search(linguist, new SimplePruner(), new SimpleAcousticScorer(p.frontEnd(), null),
                    new PartitionActiveListFactory(Integer.parseInt(g.get("absoluteBeamWidth")),
                            Double.parseDouble(g.get("relativeBeamWidth"))));
            Recognizer r = new Recognizer(new Decoder(search, false, false, List.of(), Integer.MAX_VALUE), List.of());
            r.allocate();
            pronunciationCompileMillis = (System.nanoTime() - t0) / 1e6;
            pronunciationCompileCpuMillis = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
            return r;
        } finally {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The dictionary with more pronunciations of some words ({@code replace}: only those), as Sphinx4 would read
     * {@code word(2)} entries of an addendum.
     */
    private static final class Addendum implements Dictionary {
        private final Dictionary base;
        private final Map<String, edu.cmu.sphinx.linguist.dictionary.Word> words = new HashMap<>();

        Addendum(Dictionary base, UnitManager units, Map<String, List<List<String>>> added, boolean replace) {
            this.base = base;
            added.forEach((spelling, prons) -> {
                List<edu.cmu.sphinx.linguist.dictionary.Pronunciation> all = new ArrayList<>();
                edu.cmu.sphinx.linguist.dictionary.Word known;
                synchronized (base) {
                    known = base.getWord(spelling);
                }
                if (!replace && known != null) {
                    for (edu.cmu.sphinx.linguist.dictionary.Pronunciation p : known.getPronunciations()) {
                        all.add(new edu.cmu.sphinx.linguist.dictionary.Pronunciation(p.getUnits(), p.getTag(),
                                p.getProbability()));
                    }
                }
                for (List<String> phones : prons) {
                    Unit[] u = new Unit[phones.size()];
                    for (int i = 0; i < u.length; i++) {
                        u[i] = units.getUnit(phones.get(i), false);
                    }
                    all.add(new edu.cmu.sphinx.linguist.dictionary.Pronunciation(u, null, 1.0f));
                }
                edu.cmu.sphinx.linguist.dictionary.Word w = new edu.cmu.sphinx.linguist.dictionary.Word(spelling,
                        all.toArray(edu.cmu.sphinx.linguist.dictionary.Pronunciation[]::new), false);
                for (edu.cmu.sphinx.linguist.dictionary.Pronunciation p : all) {
                    p.setWord(w);
                }
                words.put(spelling, w);
            });
        }

        @Override
        public edu.cmu.sphinx.linguist.dictionary.Word getWord(String text) {
            edu.cmu.sphinx.linguist.dictionary.Word w = words.get(text);
            if (w != null) {
                return w;
            }
            synchronized (base) {
                return base.getWord(text);
            }
        }

        @Override
        public edu.cmu.sphinx.linguist.dictionary.Word getSentenceStartWord() {
            return base.getSentenceStartWord();
        }

        @Override
        public edu.cmu.sphinx.linguist.dictionary.Word getSentenceEndWord() {
            return base.getSentenceEndWord();
        }

        @Override
        public edu.cmu.sphinx.linguist.dictionary.Word getSilenceWord() {
            return base.getSilenceWord();
        }

        @Override
        public edu.cmu.sphinx.linguist.dictionary.Word[] getFillerWords() {
            return base.getFillerWords();
        }

        @Override
        public void allocate() {
            // The base is allocated with the recognizer.
        }

        @Override
        public void deallocate() {
            // The base is the recognizer's.
        }

        @Override
        public void newProperties(PropertySheet ps) {
            // Made in code, never configured.
        }
    }

    private PhraseParts phraseParts;

    /** What the flat search takes from Sphinx4's grammar search: its graph, front end and beams (decoder.xml). */
    private record FlatParts(Linguist linguist, DataProcessor frontEnd, int absoluteBeam, float logRelativeBeam,
                             float logRelativeWordBeam) {
        static FlatParts of(ConfigurationManager cm) {
            return of(cm, "flatLinguist", "grammarFrontEnd", "grammarSearch");
        }

        static FlatParts of(ConfigurationManager cm, String linguist, String frontEnd, String searchName) {
            SimpleBreadthFirstSearchManager search = cm.lookup(searchName);
            ActiveListFactory factory = (ActiveListFactory) Model.privateField(SimpleBreadthFirstSearchManager.class,
                    search, "activeListFactory");
            return new FlatParts(cm.lookup(linguist), cm.lookup(frontEnd),
                    (int) Model.privateField(ActiveListFactory.class, factory, "absoluteBeamWidth"),
                    (float) Model.privateField(ActiveListFactory.class, factory, "logRelativeBeamWidth"),
                    (float) Model.privateField(SimpleBreadthFirstSearchManager.class, search, "logRelativeWordBeamWidth"));
        }
    }

    private FlatParts flatParts;
    /** The grammar search on arrays, compiled on a thread of its own, and whether decode uses it. */
    private FutureTask<FlatSearch> flatCompiled;
    private boolean flatOn;
    /** The last stretch the flat search decoded (for collectAs); null after Sphinx4's search. */
    private byte[] lastBytes;

    /**
     * Whether the grammar pass of {@link #decode} runs on the flat search ({@link FlatSearch}) rather than Sphinx4's:
     * the same results. The first time it is turned on, the grammar's search graph starts being compiled into arrays
     * on a thread of its own (a tenth to a quarter of a second of CPU), so a load that turns it on is ready no later;
     * the first decode that needs it waits for it.
     */
    synchronized void flatSearch(boolean on) {
        if (on && flatCompiled == null) {
            FlatParts p = flatParts;
            flatCompiled = new FutureTask<>(() -> new FlatSearch(FlatGraph.compile(p.linguist().getSearchGraph()
                    .getInitialState()), p.frontEnd(), p.absoluteBeam(), p.logRelativeBeam(), p.logRelativeWordBeam()));
            start(flatCompiled, "flat-search-compiling");
        }
        flatOn = on;
    }

    private FlatParts loopParts;
    private FutureTask<FlatSearch> loopCompiled;
    private boolean loopOn;

    /**
     * Whether the phone-loop pass of {@link #decode} runs on the flat search over the allphone linguist's graph,
     * compiled once (its states compared by value) on a thread of its own, rather than Sphinx4's allphone search:
     * the same acoustic score.
     */
    synchronized void flatPhoneLoop(boolean on) {
        if (on && loopCompiled == null) {
            FlatParts p = loopParts;
            loopCompiled = new FutureTask<>(() -> {
                FlatSearch s = new FlatSearch(FlatGraph.compile(p.linguist().getSearchGraph().getInitialState(), true),
                        p.frontEnd(), p.absoluteBeam(), p.logRelativeBeam(), p.logRelativeWordBeam());
                return s;
            });
            start(loopCompiled, "flat-phone-loop-compiling");
        }
        loopOn = on;
    }

    private FlatSearch flatLoop() {
        return loopOn ? join(loopCompiled) : null;
    }

    /** The flat phone loop when it is on (for tests and benchmarks), else null. */
    synchronized FlatSearch flatPhoneLoop() {
        return flatLoop();
    }

    /** The grammar search's linguist (decoder.xml's {@code flatLinguist}), for tests. */
    Linguist grammarLinguist() {
        return flatParts.linguist();
    }

    /** Waits until the flat searches that are on are compiled: then a decode waits for nothing. */
    synchronized void awaitSearches() {
        flat();
        flatLoop();
    }

    /** The flat search when decode uses it (waiting for its compilation), else null. */
    private FlatSearch flat() {
        return flatOn ? join(flatCompiled) : null;
    }

    /** The states of the last stretch's best grammar path, one per frame in time order (for tests). */
    synchronized List<SearchState> lastPath() {
        List<SearchState> out = new ArrayList<>();
        for (Token t = lastBest; t != null; t = t.getPredecessor()) {
            if (t.isEmitting()) {
                out.add(0, t.getSearchState());
            }
        }
        return out;
    }

    /** The flat search when it is on (for tests and benchmarks), else null. */
    synchronized FlatSearch flatSearch() {
        return flat();
    }
    /** A search per phrase (its wordings) and beam, compiled the first time it is asked for and kept. */
    private final Map<PhraseKey, Recognizer> phraseSearches = new HashMap<>();

    private record PhraseKey(List<String> wordings, double beam) {
    }

    /** The most states a one-phrase search keeps a frame: more than one phrase's graph ever has alive. */
    private static final int PHRASE_STATES = 5000;

    /**
     * Forced alignment for enrolment, with the model moved by {@code transform}: the stretch is searched with a
     * grammar of one phrase only ({@code wordings}: its ways of being said, lowercase words), with no phone loop
     * and a relative beam of {@code beam}, and the best path that reaches the phrase's end adds its frames to
     * {@code stats}. The grammar search is left as it was (its last result too).
     *
     * @return whether a path reached the phrase's end (only then were frames added)
     */
    synchronized boolean align(short[] pcm, List<String> wordings, double beam, double[][][] transform,
                               AlignedFrames stats) {
        transform(transform);
        return align(pcm, wordings, beam, stats);
    }

    /** {@link #align(short[], List, double, double[][][], AlignedFrames)} with a voice profile's model. */
    synchronized boolean align(short[] pcm, List<String> wordings, double beam, VoiceProfile.Model voice,
                               AlignedFrames stats) {
        use(voice);
        return align(pcm, wordings, beam, stats);
    }

    private boolean align(short[] pcm, List<String> wordings, double beam, AlignedFrames stats) {
        Recognizer search = phraseSearches.computeIfAbsent(new PhraseKey(List.copyOf(wordings), beam), this::phraseSearch);
        grammarSource.setInputStream(new ByteArrayInputStream(bytes(pcm)));
        gaussians.newAudio();
        Result r = search.recognize();
        Token last = r == null ? null : r.getBestFinalToken();
        lastAligned = last;
        if (last == null) {
            return false;
        }
        collect(last, null, stats);
        return true;
    }

    /** How many one-phrase searches have been compiled (each once). */
    synchronized int phraseSearches() {
        return phraseSearches.size();
    }

    private Recognizer phraseSearch(PhraseKey key) {
        PhraseParts p = phraseParts;
        // As the grammar search's linguist (decoder.xml), without the out-of-grammar branch.
        FlatLinguist linguist = new FlatLinguist(p.model(), new PhraseGrammar(key.wordings(), p.dictionary()), p.units(),
                p.wordInsertion(), p.silenceInsertion(), 1.0, 1.0, p.languageWeight(), false, false, false, false, 1.0,
                1.0, null);
        SimpleBreadthFirstSearchManager search = new SimpleBreadthFirstSearchManager(linguist, new SimplePruner(),
                new SimpleAcousticScorer(p.frontEnd(), null), new PartitionActiveListFactory(PHRASE_STATES, key.beam()),
                false, 0.0, 0, false);
        Recognizer r = new Recognizer(new Decoder(search, false, false, List.of(), Integer.MAX_VALUE), List.of());
        r.allocate();
        return r;
    }

    /**
     * The grammar of one phrase: silence, then one of its wordings, then silence (as Sphinx4's JSGF grammar
     * frames the command grammar), with optional silence between words.
     */
    private static final class PhraseGrammar extends Grammar {
        private final List<String> wordings;

        PhraseGrammar(List<String> wordings, Dictionary dictionary) {
            super(false, true, true, false, dictionary);
            this.wordings = wordings;
            // Sphinx4's grammars report their statistics at INFO, on a logger named after this class.
            logger.setLevel(Level.SEVERE);
        }

        @Override
        protected GrammarNode createGrammar() {
            GrammarNode first = createGrammarNode(Dictionary.SILENCE_SPELLING);
            GrammarNode last = createGrammarNode(Dictionary.SILENCE_SPELLING);
            last.setFinalNode(true);
            float each = LogMath.getLogMath().linearToLog(1.0 / wordings.size());
            for (String wording : wordings) {
                GrammarNode at = first;
                float probability = each;
                for (String word : wording.trim().split("\\s+")) {
                    GrammarNode node = createGrammarNode(word);
                    at.add(node, probability);
                    probability = 0;
                    at = node;
                }
                at.add(last, 0);
            }
            // What Sphinx4's JSGF grammar does to its graph too: optional silence between words, empty nodes taken out.
            postProcessGrammar();
            return first;
        }
    }

    /**
     * Channel adaptation from two copies of the same speech: the free phone loop aligns {@code clean},
     * and the frames of {@code channel} (the same samples heard through a channel) are what the aligned
     * states must explain. Both are 16 kHz, of the same length, lead-in included; the model has
     * {@code transform} while it aligns.
     */
    synchronized void collectThroughChannel(short[] clean, short[] channel, Mllr stats, double[][][] transform) {
        transform(transform);
        phoneSource.setInputStream(new ByteArrayInputStream(bytes(channel)));
        gaussians.newAudio();
        Result heard = phones.recognize();
        Map<Long, float[]> frames = new HashMap<>();
        for (Token t = best(heard); t != null; t = t.getPredecessor()) {
            if (t.isEmitting() && t.getData() instanceof FloatData data) {
                frames.put(data.getFirstSampleNumber(), data.getValues());
            }
        }
        phoneSource.setInputStream(new ByteArrayInputStream(bytes(clean)));
        gaussians.newAudio();
        collect(best(phones.recognize()), frames, stats);
    }

    /** The phone codebook whose Gaussians score a search state (the grammar's or the phone loop's); -1 for none. */
    private int codebookOf(SearchState state) {
        int[] senoneToCodebook = model.getSenone2Ci();
        if (state instanceof HMMSearchState hs) {
            long senone = hs.getHMMState().getMixtureId();
            return senone >= 0 && senone < senoneToCodebook.length ? senoneToCodebook[(int) senone] : -1;
        }
        if (state instanceof PhoneHmmSearchState ps) {
            return phoneCodebooks.getOrDefault(ps.getBaseId(), -1);
        }
        return -1;
    }

    /** The codebook of each context-independent phone, by Sphinx4's base unit id. */
    private static Map<Integer, Integer> phoneCodebooks(Sphinx3Loader model) {
        Map<Integer, Integer> m = new HashMap<>();
        int[] senoneToCodebook = model.getSenone2Ci();
        for (HMM hmm : model.getHMMManager()) {
            if (hmm instanceof SenoneHMM s && !s.getUnit().isContextDependent()) {
                long senone = s.getSenoneSequence().getSenones()[0].getID();
                if (senone >= 0 && senone < senoneToCodebook.length) {
                    m.put(s.getBaseUnit().getBaseID(), senoneToCodebook[(int) senone]);
                }
            }
        }
        return m;
    }

    private static Token best(Result r) {
        if (r == null) {
            return null;
        }
        return r.getBestFinalToken() != null ? r.getBestFinalToken() : r.getBestToken();
    }

    /**
     * Walks a best path back from {@code last}; each emitting frame adds its state's Gaussian
     * posteriors, for the frame's own features or, when {@code replace} is given, for the features
     * it holds for that frame's first sample.
     */
    private void collect(Token last, Map<Long, float[]> replace, AlignedFrames stats) {
        int streams = model.getNumStreams();
        int dim = model.getVectorLength()[0];
        int perStream = model.getNumGaussiansPerState();
        LogMath log = LogMath.getLogMath();
        for (Token t = last; t != null; t = t.getPredecessor()) {
            SearchState ss = t.getSearchState();
            if (!ss.isEmitting() || !(t.getData() instanceof FloatData data)) {
                continue;
            }
            int codebook = codebookOf(ss);
            float[] feature = replace == null ? data.getValues() : replace.get(data.getFirstSampleNumber());
            if (codebook < 0 || feature == null) {
                continue;
            }
            // Sphinx4 keeps each codebook's last Gaussian scores by the frame's first sample, and frames of
            // different stretches share those numbers: a number never used before makes it score this one.
            float[] scores = t.calculateComponentScore(new FloatData(feature, SAMPLES_PER_FRAME * 100, --scoredFrame));
            stats.countFrame();
            long senone = ss instanceof HMMSearchState hs ? hs.getHMMState().getMixtureId() : -1;
            for (int s = 0; s < streams; s++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int g = 0; g < perStream; g++) {
                    max = Math.max(max, scores[s * perStream + g]);
                }
                double[] p = new double[perStream];
                double sum = 0;
                for (int g = 0; g < perStream; g++) {
                    p[g] = log.logToLinear(scores[s * perStream + g] - max);
                    sum += p[g];
                }
                for (int g = 0; g < perStream; g++) {
                    double posterior = p[g] / sum;
                    if (posterior > 1e-4) {
                        stats.add((codebook * streams + s) * perStream + g, posterior, feature, s * dim);
                        if (senone >= 0) {
                            stats.addWeight((int) senone, s, g, posterior);
                        }
                    }
                }
            }
        }
    }

    /**
     * The front end's features of the last stretch's speech, frame by frame in time order: the frames its best
     * grammar path spent in words (fillers and silence left out), or every frame of the path when fewer than
     * {@code minFrames} were in words; empty when nothing was decoded. For the user's templates ({@link Templates}).
     */
    synchronized float[][] speechFeatures(int minFrames) {
        return speechFeatures(lastBest, minFrames);
    }

    /** As {@link #speechFeatures(int)}, along the path the last {@link #align} found through its phrase. */
    synchronized float[][] alignedSpeechFeatures(int minFrames) {
        return speechFeatures(lastAligned, minFrames);
    }

    private static float[][] speechFeatures(Token last, int minFrames) {
        List<float[]> speech = new ArrayList<>();
        List<float[]> all = new ArrayList<>();
        for (Token t = last; t != null; t = t.getPredecessor()) {
            if (!t.isEmitting() || !(t.getData() instanceof FloatData data)) {
                continue;
            }
            all.add(data.getValues());
            if (t.getSearchState() instanceof HMMSearchState hs && !hs.getHMMState().getHMM().getBaseUnit().isFiller()) {
                speech.add(data.getValues());
            }
        }
        List<float[]> chosen = speech.size() >= minFrames ? speech : all;
        float[][] out = new float[chosen.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = chosen.get(out.length - 1 - i).clone();
        }
        return out;
    }

    /** The means each plain transform makes of the means as loaded, for {@link #fitGain} (one per channel). */
    private final Map<double[][][], float[][]> plainMeans = new java.util.IdentityHashMap<>();
    /** Per Gaussian: -0.5 x the log of (2 pi)^dim x the product of its variances, and its variances' reciprocals. */
    private double[] gaussConst;
    private float[][] inverseVariances;

    /**
     * How much better the voice profile in place fits the last stretch than the plain model with
     * {@code plain} (the channel's transform, the mixture weights as loaded): along the stretch's best
     * grammar path, the mean over its speech frames (fillers and silence left out) of the log likelihood
     * of the frame under its tied state, the profile's minus the plain model's, in nats per frame. A voice
     * the profile was learned from gains clearly; another voice gains little or loses. NaN when the path
     * has no speech frames or no profile is in place. Costs one state's mixture per frame, twice: far
     * less than a second decode.
     */
    synchronized double fitGain(double[][][] plain) {
        if (profile == null || lastBest == null) {
            return Double.NaN;
        }
        if (gaussConst == null) {
            prepareVariances();
        }
        float[][] base = plainMeans.computeIfAbsent(plain, this::meansUnder);
        int streams = model.getNumStreams();
        int dim = model.getVectorLength()[0];
        int perStream = model.getNumGaussiansPerState();
        int[] senoneToCodebook = model.getSenone2Ci();
        GaussianWeights weights = model.getMixtureWeights();
        LogMath log = LogMath.getLogMath();
        double gain = 0;
        int n = 0;
        double[] withProfile = new double[perStream];
        double[] withPlain = new double[perStream];
        for (Token t = lastBest; t != null; t = t.getPredecessor()) {
            if (!(t.getSearchState() instanceof HMMSearchState hs) || !hs.isEmitting()
                    || !(t.getData() instanceof FloatData data) || hs.getHMMState().getHMM().getBaseUnit().isFiller()) {
                continue;
            }
            long senone = hs.getHMMState().getMixtureId();
            if (senone < 0 || senone >= senoneToCodebook.length) {
                continue;
            }
            int codebook = senoneToCodebook[(int) senone];
            float[] x = data.getValues();
            for (int s = 0; s < streams; s++) {
                float[] loadedWeights = replacedWeights.get((int) senone * streams + s);
                for (int g = 0; g < perStream; g++) {
                    int i = (codebook * streams + s) * perStream + g;
                    double lw = log.logToLn(weights.get((int) senone, s, g));
                    double lp = log.logToLn(loadedWeights != null ? loadedWeights[g] : weights.get((int) senone, s, g));
                    withProfile[g] = lw + logDensity(i, means[i], x, s * dim, dim);
                    withPlain[g] = lp + logDensity(i, base[i], x, s * dim, dim);
                }
                gain += logSum(withProfile) - logSum(withPlain);
            }
            n++;
        }
        return n == 0 ? Double.NaN : gain / n;
    }

    private void prepareVariances() {
        int dim = variances[0].length;
        gaussConst = new double[variances.length];
        inverseVariances = new float[variances.length][dim];
        for (int i = 0; i < variances.length; i++) {
            double c = 0;
            for (int k = 0; k < dim; k++) {
                // Sphinx4's own variance floor.
                double v = Math.max(variances[i][k], 1e-4);
                inverseVariances[i][k] = (float) (1 / v);
                c += Math.log(2 * Math.PI * v);
            }
            gaussConst[i] = -0.5 * c;
        }
    }

    private double logDensity(int gaussian, float[] mean, float[] x, int offset, int dim) {
        float[] inv = inverseVariances[gaussian];
        double d = 0;
        for (int k = 0; k < dim; k++) {
            double e = x[offset + k] - mean[k];
            d += e * e * inv[k];
        }
        return gaussConst[gaussian] - 0.5 * d;
    }

    private static double logSum(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : a) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** A transform estimated from {@code stats}, pulled towards the identity by {@code prior}. */
    double[][][] estimate(Mllr stats, double prior, Mllr.Form form) {
        return stats.estimate(loadedMeans, variances, prior, form);
    }

    /** Decodes from now on with the model's means moved by {@code transform} (from the means as loaded). */
    synchronized void transform(double[][][] transform) {
        if (transform == current && profile == null) {
            return;
        }
        restoreWeights();
        profile = null;
        Mllr.apply(transform, loadedMeans, means, model.getNumStreams(), model.getNumGaussiansPerState());
        gaussians.meansChanged();
        current = transform;
    }

    /** Decodes one stretch with a voice profile's model (see {@link #use}). */
    synchronized Decoded decode(short[] pcm, boolean withPhoneLoop, VoiceProfile.Model voice) {
        use(voice);
        return decode(profileGrammar(), pcm, withPhoneLoop);
    }

    /**
     * Decodes from now on with a voice profile's model: its transform of the means as loaded, then its
     * own means for the Gaussians it has them for, and its own mixture weights for the tied states it
     * has them for (the others' weights as loaded).
     */
    synchronized void use(VoiceProfile.Model voice) {
        if (voice == profile) {
            return;
        }
        restoreWeights();
        int streams = model.getNumStreams();
        Mllr.apply(voice.transform(), loadedMeans, means, streams, model.getNumGaussiansPerState());
        voice.means().forEach((i, m) -> System.arraycopy(m, 0, means[i], 0, m.length));
        GaussianWeights weights = model.getMixtureWeights();
        voice.logWeights().forEach((key, w) -> {
            replacedWeights.put(key, logWeights(key / streams, key % streams));
            weights.put(key / streams, key % streams, w.clone());
        });
        gaussians.meansChanged();
        profile = voice;
        current = null;
    }

    private void restoreWeights() {
        int streams = model.getNumStreams();
        replacedWeights.forEach((key, w) -> model.getMixtureWeights().put(key / streams, key % streams, w));
        replacedWeights.clear();
    }

    /** The log mixture weights (Sphinx4's log base) of a tied state's stream, as loaded. */
    synchronized float[] logWeights(int senone, int stream) {
        float[] replaced = replacedWeights.get(senone * model.getNumStreams() + stream);
        if (replaced != null) {
            return replaced.clone();
        }
        GaussianWeights weights = model.getMixtureWeights();
        float[] w = new float[weights.getGauPerState()];
        for (int g = 0; g < w.length; g++) {
            w[g] = weights.get(senone, stream, g);
        }
        return w;
    }

    /** The means {@code transform} makes of the means as loaded: a fresh copy. */
    float[][] meansUnder(double[][][] transform) {
        float[][] m = new float[loadedMeans.length][loadedMeans[0].length];
        Mllr.apply(transform, loadedMeans, m, model.getNumStreams(), model.getNumGaussiansPerState());
        return m;
    }

    /** A log weight or score in Sphinx4's log base as a plain number. */
    static double toLinear(float log) {
        return LogMath.getLogMath().logToLinear(log);
    }

    /** A plain number in Sphinx4's log base. */
    static float toLog(double linear) {
        return LogMath.getLogMath().linearToLog(linear);
    }

    float[][] variances() {
        return variances;
    }

    int streams() {
        return model.getNumStreams();
    }

    /**
     * What identifies this acoustic model: its shape and a checksum of its means and mixture weights as
     * loaded. A profile made for another model doesn't fit this one.
     */
    String fingerprint() {
        return fingerprint;
    }

    private String computeFingerprint() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * loadedMeans[0].length);
        for (float[] m : loadedMeans) {
            b.clear();
            b.asFloatBuffer().put(m);
            crc.update(b.array());
        }
        GaussianWeights w = model.getMixtureWeights();
        for (int st = 0; st < w.getStatesNum(); st += 97) {
            for (int g = 0; g < w.getGauPerState(); g++) {
                crc.update(Float.floatToIntBits(w.get(st, 0, g)));
            }
        }
        return String.format(java.util.Locale.ROOT, "ptm %d gaussians %d states %d streams %d dim crc %08x",
                loadedMeans.length, w.getStatesNum(), model.getNumStreams(), loadedMeans[0].length, crc.getValue());
    }

    @Override
    public void close() {
        grammar.deallocate();
        phones.deallocate();
        phraseSearches.values().forEach(Recognizer::deallocate);
        forgetCandidates();
        usePronunciations(Map.of());
    }

    /**
     * Sphinx4's breadth-first search with one map of the best token per state, emptied each frame, and
     * a cheaper loop check. The original makes a new map every frame, ten times the size of the active
     * list, and a quarter of all recognition time went into that table. Named in acoustic/decoder.xml,
     * which is why it (and this class) is public: Sphinx4 makes it by name.
     *
     * <p>The loop check: before it follows a state that emits nothing (a word's end, a grammar node, the
     * way into the out-of-grammar branch), Sphinx4 walks the new token's chain of predecessors back to
     * the last emitting one to see whether this frame has been through that state already, asking every
     * token's state whether it emits on the way: a sixth of the grammar search's time. With every token
     * kept (Sphinx4's default), that chain is exactly the states this search is expanding, one inside
     * the other, so they are kept on a stack instead and the check looks at the stack. The same tokens
     * are made, in the same order, with the same scores. (Sphinx4's token statistics, which only its
     * logging reads, are not counted here.)
     */
    public static final class Search extends SimpleBreadthFirstSearchManager {
        private static final VarHandle THRESHOLD = field("threshold");
        private static final VarHandle WORD_THRESHOLD = field("wordThreshold");
        private static final VarHandle ENTRY_PRUNING = field("wantEntryPruning");

        private final HashMap<SearchState, Token> best = new HashMap<>();

        /** Sphinx4 makes it by name (decoder.xml) and sets its parts from the configuration. */
        public Search() {
        }

        /** As decoder.xml configures the grammar search, made in code (a grammar compiled again, with more pronunciations). */
        Search(edu.cmu.sphinx.linguist.Linguist linguist, edu.cmu.sphinx.decoder.pruner.Pruner pruner,
               edu.cmu.sphinx.decoder.scorer.AcousticScorer scorer, edu.cmu.sphinx.decoder.search.ActiveListFactory list) {
            super(linguist, pruner, scorer, list, false, 0.0, 0, false);
        }
        /** The non-emitting states of the chain being expanded, innermost last. */
        private SearchState[] path = new SearchState[16];
        private int depth = -1;
        private float threshold;
        private float wordThreshold;

        private static VarHandle field(String name) {
            try {
                return MethodHandles.privateLookupIn(SimpleBreadthFirstSearchManager.class, MethodHandles.lookup())
                        .findVarHandle(SimpleBreadthFirstSearchManager.class, name,
                                name.equals("wantEntryPruning") ? boolean.class : float.class);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this Sphinx4's breadth-first search has no " + name + ": " + e, e);
            }
        }

        @Override
        protected void growBranches() {
            best.clear();
            super.growBranches();
        }

        @Override
        protected Token getBestToken(SearchState state) {
            return best.get(state);
        }

        @Override
        protected Token setBestToken(Token token, SearchState state) {
            return best.put(state, token);
        }

        @Override
        protected void collectSuccessorTokens(Token token) {
            if (!keepAllTokens || (boolean) ENTRY_PRUNING.get(this)) {
                // Predecessors that skip tokens, or pruning on entry: Sphinx4's own way.
                super.collectSuccessorTokens(token);
                return;
            }
            // A token of the last frame's active list: this frame's thresholds, and its own chain.
            threshold = (float) THRESHOLD.get(this);
            wordThreshold = (float) WORD_THRESHOLD.get(this);
            depth = 0;
            for (Token t = token; t != null && !t.isEmitting(); t = t.getPredecessor()) {
                push(t.getSearchState());
            }
            expand(token);
            depth = -1;
        }

        private void push(SearchState state) {
            if (depth == path.length) {
                path = Arrays.copyOf(path, depth * 2);
            }
            path[depth++] = state;
        }

        /** Whether {@code state} is one of the non-emitting states being expanded (Sphinx4's loop check). */
        private boolean onPath(SearchState state) {
            for (int i = depth - 1; i >= 0; i--) {
                if (state.equals(path[i])) {
                    return true;
                }
            }
            return false;
        }

        /** Sphinx4's successor collection, step for step, with the loop check on the stack. */
        private void expand(Token token) {
            SearchState state = token.getSearchState();
            if (token.isFinal()) {
                resultList.add(token);
            }
            float score = token.getScore();
            if (score < threshold || (state instanceof WordSearchState && score < wordThreshold)) {
                return;
            }
            for (SearchStateArc arc : state.getSuccessors()) {
                SearchState next = arc.getState();
                float entry = token.getScore() + arc.getProbability();
                Token predecessor = getResultListPredecessor(token);
                if (!next.isEmitting()) {
                    Token t = new Token(predecessor, next, entry, arc.getInsertionProbability(),
                            arc.getLanguageProbability(), currentCollectTime);
                    if (!onPath(next)) {
                        push(next);
                        expand(t);
                        depth--;
                    }
                    continue;
                }
                Token old = getBestToken(next);
                if (old == null) {
                    Token t = new Token(predecessor, next, entry, arc.getInsertionProbability(),
                            arc.getLanguageProbability(), currentFrameNumber);
                    setBestToken(t, next);
                    activeList.add(t);
                } else if (old.getScore() <= entry) {
                    old.update(predecessor, next, entry, arc.getInsertionProbability(),
                            arc.getLanguageProbability(), currentCollectTime);
                }
            }
        }
    }

    /**
     * Sphinx4's model loader, given only the part of the model definition our dictionary can use: the
     * en-us model defines 137,053 triphones, a command's words need a fifth of them, and reading the
     * definition (twice: once for the phones of the tied states, once for the HMMs) was more than half
     * of the time the recognizer took to load. Kept: every context-independent phone and every triphone
     * whose base phone has, in some pronunciation, that left and right neighbour, where a word's first
     * phone may follow any word's last phone or silence and its last may precede any first phone or
     * silence. Named in acoustic/decoder.xml (with the dictionary it reads), hence public.
     */
    public static final class Model extends Sphinx3Loader {
        @S4String(mandatory = true)
        public static final String PROP_DICTIONARY = "dictionaryPath";
        /** Where the prepared copy of the loaded model is kept (see {@link PreparedModel}); empty: none. */
        @S4String(defaultValue = "")
        public static final String PROP_PREPARED = "preparedDirectory";
        /** Part of the prepared copy's key: a change to {@link #trim} or to what is kept changes it. */
        private static final String PREPARED_FORMAT = "prepared 1, trimmed by dictionary contexts 1";

        private byte[] definition;
        private String dictionary;
        private URL modelLocation;
        private UnitManager units;
        private Path prepared;

        @Override
        public void newProperties(PropertySheet ps) throws PropertyException {
            super.newProperties(ps);
            try (InputStream in = ConfigurationManagerUtils.getResource(PROP_DICTIONARY, ps).openStream()) {
                dictionary = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PropertyException(e, ps.getInstanceName(), PROP_DICTIONARY, "cannot read the dictionary");
            }
            modelLocation = ConfigurationManagerUtils.getResource(PROP_LOCATION, ps);
            units = (UnitManager) ps.getComponent(PROP_UNIT_MANAGER);
            String dir = ps.getString(PROP_PREPARED);
            prepared = dir == null || dir.isBlank() ? null : Path.of(dir);
        }

        /**
         * Loads the model from its prepared copy when there is one for this model, dictionary and floors;
         * otherwise parses it as Sphinx4 does and, when a directory is given, writes the copy for the next start.
         */
        @Override
        protected void loadModelFiles() throws IOException, URISyntaxException {
            String key = prepared == null ? null : preparedKey();
            PreparedModel copy = key == null ? null : PreparedModel.read(prepared, key);
            if (copy != null) {
                load(copy);
                return;
            }
            super.loadModelFiles();
            if (key != null && hasTiedMixtures()) {
                try {
                    prepare(key).write(prepared);
                } catch (IOException | RuntimeException e) {
                    // Only the next start is slower: it parses the model again and tries once more.
                    Logger.getLogger(SphinxDecoder.class.getName()).fine("no prepared model: " + e);
                }
            }
        }

        /**
         * What the prepared copy depends on: the model's files (in a jar: each entry's size and checksum, not the
         * jar's own name, since every coach runs from a link of its own; elsewhere: size and date), the
         * dictionary, the floors.
         */
        private String preparedKey() throws IOException {
            String where = modelLocation.toString();
            StringBuilder k = new StringBuilder(PREPARED_FORMAT).append("; ").append(where.substring(where.indexOf("!/") + 1));
            for (String f : List.of("means", "variances", "mixture_weights", "transition_matrices", "mdef", "feat.params")) {
                URLConnection c = new URL(edu.cmu.sphinx.util.Utilities.pathJoin(where, f)).openConnection();
                k.append("; ").append(f).append(' ').append(c.getContentLengthLong()).append(' ');
                if (c instanceof JarURLConnection jar) {
                    k.append(Long.toHexString(jar.getJarEntry().getCrc()));
                } else {
                    k.append(c.getLastModified());
                }
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(dictionary.getBytes(StandardCharsets.UTF_8));
            return k.append("; dictionary ").append(dictionary.length()).append(' ').append(Long.toHexString(crc.getValue()))
                    .append("; floors ").append(mixtureWeightFloor).append(' ').append(varianceFloor)
                    .append("; cd ").append(useCDUnits).toString();
        }

        /** The loaded model's arrays and the kept rows of its definition, as a prepared copy. */
        private PreparedModel prepare(String key) throws IOException {
            GaussianWeights w = getMixtureWeights();
            float[][] byGaussian = (float[][]) privateField(GaussianWeights.class, w, "weights");
            List<String> names = new ArrayList<>();
            Map<String, Integer> index = new HashMap<>();
            List<int[]> rows = new ArrayList<>();
            int base = 0;
            int states = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(definition),
                    StandardCharsets.US_ASCII))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.trim().split("\\s+");
                    if (line.startsWith("#") || f.length < 4) {
                        if (f.length == 2 && f[1].equals("n_base")) {
                            base = Integer.parseInt(f[0]);
                        }
                        continue;
                    }
                    // phone left right position attribute tmat state... N
                    states = f.length - 7;
                    int[] row = new int[6 + states];
                    row[0] = nameIndex(f[0], names, index);
                    row[1] = f[1].equals("-") ? -1 : nameIndex(f[1], names, index);
                    row[2] = f[2].equals("-") ? -1 : nameIndex(f[2], names, index);
                    row[3] = f[3].charAt(0);
                    row[4] = f[4].equals("filler") ? 1 : 0;
                    for (int j = 5; j < row.length; j++) {
                        row[j] = Integer.parseInt(f[j]);
                    }
                    rows.add(row);
                }
            }
            int[] flat = new int[rows.size() * (6 + states)];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(rows.get(r), 0, flat, r * (6 + states), 6 + states);
            }
            return new PreparedModel(key, getNumStates(), getNumStreams(), getNumGaussiansPerState(), getVectorLength(),
                    arrays(meansPool), arrays(variancePool), w.getStatesNum(), w.getStreamsNum(), w.getGauPerState(), byGaussian, base,
                    getSenone2Ci().clone(), names.toArray(String[]::new), states, flat);
        }

        private static int nameIndex(String name, List<String> names, Map<String, Integer> index) {
            return index.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }

        /** Puts the prepared copy's arrays where Sphinx4's own load would have, then the senones and HMMs from them. */
        private void load(PreparedModel copy) throws IOException, URISyntaxException {
            meansPool = densityPool("means", copy, copy.means);
            variancePool = densityPool("variances", copy, copy.variances);
            // Made empty, then given the copy's arrays as they are: no second 8 MB of weights to fill and drop.
            GaussianWeights w = new GaussianWeights("mixture_weights", 0, copy.weightsPerState, copy.weightStreams);
            setPrivate(GaussianWeights.class, w, "numStates", copy.weightStates);
            setPrivate(GaussianWeights.class, w, "weights", copy.weights);
            mixtureWeights = w;
            transitionsPool = loadTransitionMatrices("transition_matrices");
            transformMatrix = loadTransformMatrix("feature_transform");
            modelProps = loadModelProps("feat.params");
            // Sphinx4 keeps the model's shape private to its own parsing; the copy sets what that parsing would.
            setPrivate("numStates", copy.densityStates);
            setPrivate("numStreams", copy.streams);
            setPrivate("numGaussiansPerState", copy.gaussiansPerState);
            setPrivate("vectorLength", copy.vectorLength);
            setPrivate("numBase", copy.baseCount);
            setPrivate("senone2ci", copy.senoneToPhone);
            senonePool = tiedSenones();
            hmms(copy);
        }

        private static Pool<float[]> densityPool(String name, PreparedModel copy, float[][] densities) {
            Pool<float[]> pool = new Pool<>(name);
            pool.setFeature(Pool.Feature.NUM_SENONES, copy.densityStates);
            pool.setFeature(Pool.Feature.NUM_STREAMS, copy.streams);
            pool.setFeature(Pool.Feature.NUM_GAUSSIANS_PER_STATE, copy.gaussiansPerState);
            for (int i = 0; i < densities.length; i++) {
                pool.put(i, densities[i]);
            }
            return pool;
        }

        /** The HMMs of the kept rows, made as Sphinx4's parser of the definition makes them. */
        private void hmms(PreparedModel copy) throws IOException {
            HMMManager hmms = getHMMManager();
            Map<String, Unit> phones = getContextIndependentUnits();
            int stride = copy.rowLength();
            int lastPhone = -1;
            int lastLeft = -1;
            int lastRight = -1;
            Unit lastUnit = null;
            int[] lastStates = null;
            SenoneSequence lastSequence = null;
            boolean silenceChecked = false;
            for (int at = 0; at < copy.rows.length; at += stride) {
                String name = copy.names[copy.rows[at]];
                int left = copy.rows[at + 1];
                String position = String.valueOf((char) copy.rows[at + 3]);
                float[][] transitions = transitionsPool.get(copy.rows[at + 5]);
                int[] states = Arrays.copyOfRange(copy.rows, at + 6, at + stride);
                if (left < 0) {
                    Unit unit = units.getUnit(name, copy.rows[at + 4] == 1);
                    phones.put(unit.getName(), unit);
                    if (unit.isFiller() && unit.getName().equals("SIL")) {
                        unit = UnitManager.SILENCE;
                    }
                    hmms.put(new SenoneHMM(unit, getSenoneSequence(states), transitions, HMMPosition.lookup(position)));
                    continue;
                }
                if (!silenceChecked && hmms.get(HMMPosition.UNDEFINED, UnitManager.SILENCE) == null) {
                    throw new IOException("Could not find SIL unit in acoustic model");
                }
                silenceChecked = true;
                if (!useCDUnits) {
                    continue;
                }
                String right = copy.names[copy.rows[at + 2]];
                // The same triphone as the row before (another position of it): the same unit. Compared by the
                // names' indexes, not by a string made for each of the 27,000 rows.
                boolean sameUnit = lastUnit != null && copy.rows[at] == lastPhone && left == lastLeft
                        && copy.rows[at + 2] == lastRight;
                Unit unit = sameUnit ? lastUnit : units.getUnit(name, false,
                        LeftRightContext.get(new Unit[] {phones.get(copy.names[left])}, new Unit[] {phones.get(right)}));
                lastPhone = copy.rows[at];
                lastLeft = left;
                lastRight = copy.rows[at + 2];
                lastUnit = unit;
                SenoneSequence sequence = lastSequence;
                if (sequence == null || !sameSenoneSequence(states, lastStates)) {
                    sequence = getSenoneSequence(states);
                }
                lastSequence = sequence;
                lastStates = states;
                hmms.put(new SenoneHMM(unit, sequence, transitions, HMMPosition.lookup(position)));
            }
            if (!silenceChecked && hmms.get(HMMPosition.UNDEFINED, UnitManager.SILENCE) == null) {
                throw new IOException("Could not find SIL unit in acoustic model");
            }
        }

        private void setPrivate(String name, Object value) {
            setPrivate(Sphinx3Loader.class, this, name, value);
        }

        private static void setPrivate(Class<?> type, Object owner, String name, Object value) {
            try {
                Field f = type.getDeclaredField(name);
                f.setAccessible(true);
                f.set(owner, value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this Sphinx4 has no field " + name + " in " + type.getSimpleName(), e);
            }
        }

        @SuppressWarnings("unchecked")
        private Pool<Senone> tiedSenones() {
            try {
                Method m = Sphinx3Loader.class.getDeclaredMethod("createTiedSenonePool", float.class, float.class);
                m.setAccessible(true);
                return (Pool<Senone>) m.invoke(this, distFloor, varianceFloor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make the tied senones: " + e.getMessage(), e);
            }
        }

        static Object privateField(Class<?> type, Object owner, String name) {
            try {
                Field f = type.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this Sphinx4 has no field " + name + " in " + type.getSimpleName(), e);
            }
        }

        @Override
        protected InputStream getDataStream(String path) throws IOException, URISyntaxException {
            if (!path.equals("mdef")) {
                return super.getDataStream(path);
            }
            if (definition == null) {
                // The triphones are worked out only here, when the definition is parsed: a start that reads the
                // prepared copy doesn't need them (they were a tenth of its time). Line by line: the whole 7 MB
                // text and its lines never sit in the heap at once.
                Set<String> contexts = contexts(dictionary);
                try (BufferedReader in = new BufferedReader(new InputStreamReader(super.getDataStream(path),
                        StandardCharsets.US_ASCII))) {
                    definition = trim(in, contexts);
                }
            }
            return new ByteArrayInputStream(definition);
        }

        /** "left base right" of every triphone the pronunciations in {@code dictionary} can need. */
        static Set<String> contexts(String dictionary) {
            List<String[]> prons = new ArrayList<>();
            Set<String> firsts = new HashSet<>(Set.of("SIL"));
            Set<String> lasts = new HashSet<>(Set.of("SIL"));
            for (String line : dictionary.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1) {
                    String[] p = Arrays.copyOfRange(f, 1, f.length);
                    prons.add(p);
                    firsts.add(p[0]);
                    lasts.add(p[p.length - 1]);
                }
            }
            Set<String> out = new HashSet<>();
            for (String[] p : prons) {
                for (int i = 0; i < p.length; i++) {
                    Set<String> left = i > 0 ? Set.of(p[i - 1]) : lasts;
                    Set<String> right = i < p.length - 1 ? Set.of(p[i + 1]) : firsts;
                    for (String l : left) {
                        for (String r : right) {
                            out.add(l + " " + p[i] + " " + r);
                        }
                    }
                }
            }
            return out;
        }

        /**
         * The model definition (Sphinx3 "0.3" text) with only the triphones in {@code contexts}, its
         * triphone and state-map counts set to match; every tied state keeps its number.
         */
        static byte[] trim(String mdef, Set<String> contexts) {
            try {
                return trim(new BufferedReader(new StringReader(mdef)), contexts);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@link #trim(String, Set)} of the text {@code mdef} reads. */
        static byte[] trim(BufferedReader mdef, Set<String> contexts) throws IOException {
            StringBuilder head = new StringBuilder();
            StringBuilder rows = new StringBuilder();
            int base = 0;
            int triphones = 0;
            int stateMap = 0;
            int kept = 0;
            for (String line = mdef.readLine(); line != null; line = mdef.readLine()) {
                String[] f = firstTokens(line, 4);
                if (line.startsWith("#") || f[3] == null) {
                    // Header: counts, comments.
                    if ("n_base".equals(f[1])) {
                        base = Integer.parseInt(f[0]);
                    } else if ("n_tri".equals(f[1])) {
                        triphones = Integer.parseInt(f[0]);
                        line = "%n_tri";
                    } else if ("n_state_map".equals(f[1])) {
                        stateMap = Integer.parseInt(f[0]);
                        line = "%n_state_map";
                    }
                    head.append(line).append('\n');
                } else if (f[1].equals("-") || contexts.contains(f[1] + " " + f[0] + " " + f[2])) {
                    rows.append(line).append('\n');
                    kept += f[1].equals("-") ? 0 : 1;
                }
            }
            if (base == 0 || triphones == 0 || stateMap == 0) {
                throw new IllegalStateException("the acoustic model's definition has no n_base, n_tri or n_state_map");
            }
            int statesPerHmm = stateMap / (triphones + base);
            String out = head.toString().replace("%n_tri", kept + " n_tri")
                    .replace("%n_state_map", statesPerHmm * (kept + base) + " n_state_map") + rows;
            return out.getBytes(StandardCharsets.US_ASCII);
        }

        /** The first {@code n} whitespace-separated tokens of {@code line} (null where it has fewer). */
        private static String[] firstTokens(String line, int n) {
            String[] t = new String[n];
            int i = 0;
            for (int k = 0; k < n; k++) {
                while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i == line.length()) {
                    break;
                }
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                t[k] = line.substring(start, i);
            }
            return t;
        }
    }
}
