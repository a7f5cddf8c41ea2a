package org.handsfree.coach.listen;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handsfree.coach.time.SampleTime;

/**
 * Every setting of the recognizer, read once from {@code acoustic/rejection.properties} into typed
 * values, in the units the code uses (frames of {@link SampleTime#FRAME} samples, samples). A key
 * that is missing, unknown or not a number is a {@link BadSettingException} naming the key and the
 * file, when the recognizer loads, not when some stretch first needs it.
 *
 * @param search the settings Sphinx4's XML refers to as {@code ${name}} (the keys without a dot)
 */
public record RecognizerSettings(Map<String, String> search, Endpoint endpoint, Decode decode, Gates gates,
                                 Adapt adapt, Confidence confidence, Self self, Noise noise) {
    /** Where the built-in settings live in the jar. */
    static final String RESOURCE = "/acoustic/rejection.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    public RecognizerSettings {
        search = Map.copyOf(search);
    }

    /**
     * Our endpointer ({@code endpoint.*}), in frames; {@code overrunRise} is how far the floor moves towards each
     * frame of a sound that has run past the longest stretch (per frame), {@code overrunHangFrames} the pause that
     * ends such a sound (longer than {@code hangFrames}, so a pause inside running talk doesn't).
     */
    public record Endpoint(double startDb, double endDb, int hangFrames, int preRollFrames, int maxFrames,
                           double minLevelDb, int decodeTailFrames, double overrunRise, int overrunHangFrames,
                           QuickEnd quick) {
    }

    /**
     * When a stretch ends before its full hang ({@code endpoint.quick*}): after {@code hangFrames} of quiet (0: never),
     * when what was decoded of it is a command that will be acted on, at least {@code minConfidence}, standing at
     * least {@code minSnrDb} over the floor, at most {@code maxSeconds} long, after at least
     * {@code minQuietBeforeSeconds} of quiet, wideband unless {@code narrowband}, and no phrase of the context goes
     * on from its words.
     */
    public record QuickEnd(int hangFrames, double minConfidence, double minSnrDb, double maxSeconds,
                           double minQuietBeforeSeconds, boolean narrowband) {
    }

    /**
     * What the decoder gets around a stretch ({@code decode.*}) and whether the free phone loop
     * measures its fit ({@code verify.phoneLoop}); whether the grammar's search runs on arrays ({@code search.flat},
     * {@link FlatSearch}) rather than Sphinx4's tokens, and the free phone loop's ({@code search.flatPhoneLoop}).
     */
    public record Decode(int leadInSamples, int tailSamples, double ditherSigma, double ditherReferenceDb,
                         boolean phoneLoop, boolean flatSearch, boolean flatPhoneLoop) {
        /**
         * The dither's standard deviation for a stretch whose speech is at {@code levelDb} (dBFS), as the user's own
         * voice is decoded (with a voice profile, and while a profile is made): {@code ditherSigma} scaled with the
         * stretch's level over {@code ditherReferenceDb}, so the dither stays as far under the speech however loud the
         * take; {@code ditherSigma} itself when {@code ditherReferenceDb} is 0 (off).
         */
        public double ownVoiceDither(double levelDb) {
            return ditherReferenceDb == 0 ? ditherSigma : ditherSigma * Math.pow(10, (levelDb - ditherReferenceDb) / 20);
        }
    }

    /** The rejection gates ({@code gate.*}): a stretch that fails one is not decoded. */
    public record Gates(double minSeconds, double maxSeconds, double minSnrDb, double maxFlatness,
                        double minVoicedFraction, double maxPitchHz, double maxHighPitchFraction,
                        double maxPitchJumps, double minHarmonicity, double maxSteadyVoicedSeconds,
                        double steadyPitchSemitones) {
    }

    /**
     * The model's transforms ({@code adapt.*}): a file or a resource of the jar, empty for none.
     *
     * @param profileFitMargin a voice profile's verdict on a stretch is used only when the profile fits the stretch
     *     better than the plain model by this much (nats per speech frame; {@code -Infinity}: always)
     * @param templateGate a stretch of the profile's channel that a pitch gate stopped is decoded with the profile and
     *     accepted when the profile fits it and its command's user's take is the nearest, nearer than this (0: such a
     *     stretch is not decoded); so is one too short, see {@code templateShortSeconds}
     * @param templateGateFit such a stretch is accepted only when the profile fits it by at least this much as well (nats
     *     per speech frame; the larger of this and {@code profileFitMargin} counts)
     * @param templateShortSeconds a stretch of the profile's channel shorter than {@code gate.minSeconds} but at least this
     *     long, and passed by every other gate but the pitch ones, takes the same path as one a pitch gate stopped (0, or
     *     {@code templateGate} 0: none does)
     * @param learnedPrior frames' worth of belief in the enrolment's means and weights against what commands heard in
     *     use taught ({@code Enrolment.adapted})
     * @param learnedCap frames of a Gaussian's (or tied state's) learned statistics kept at most
     *     ({@code VoiceProfile.withLearned})
     * @param templates how the user's takes confirm, overrule or refuse the profile's verdict ({@code adapt.template*})
     */
    public record Adapt(String transform, String narrowband, double narrowbandDb, double profileFitMargin,
                        double templateGate, double templateGateFit, double templateShortSeconds,
                        double learnedPrior, double learnedCap, TemplateRule templates) {
    }

    /**
     * Telling the coach's own voice from the user's ({@code self.*}; see {@link SelfHearing}).
     *
     * @param echoMarginDb while the coach talks, a frame counts as sound only this far above its voice left after
     *                     echo cancelling
     * @param tailSamples the coach counts as audible this long after its output falls silent
     * @param overSpeechConfidence a command heard over the coach's own voice needs this much confidence
     * @param audibleRms a played frame at or below this RMS (of full scale) is silence
     */
    public record Self(double echoMarginDb, long tailSamples, double overSpeechConfidence, double audibleRms) {
    }

    /** The fitted confidence model and its threshold ({@code confidence.*}), and the cry rule beside it. */
    public record Confidence(double threshold, ConfidenceModel model, CryRule cry) {
    }

    /**
     * A stretch wholly voiced ({@code minVoicedFraction}) at a steady pitch ({@code maxSteadiness} semitones median
     * step) that is high for an adult ({@code minPitchHz}) is a baby's cry, whatever the decoder made of it
     * ({@code confidence.cry*}).
     */
    public record CryRule(double minPitchHz, double minVoicedFraction, double maxSteadiness) {
        /** Whether {@code f} is such a stretch. */
        public boolean matches(SoundFeatures f) {
            return f.meanPitchHz() >= minPitchHz && f.voicedFraction() >= minVoicedFraction
                    && f.pitchSteadiness() <= maxSteadiness;
        }
    }

    /**
     * Noise in the room ({@code noise.*}; see {@link NoiseSuppressor}).
     *
     * @param suppress whether a stretch's learnt room noise is taken out before decoding
     * @param gainFloorDb the most a frequency bin is turned down, in dB (negative)
     * @param suppressBelowSnrDb only a stretch whose level over the floor is below this is treated: clean
     *                           audio is decoded as it is
     * @param measureSuppressed whether a treated stretch's features (pitch, flatness, voicing: the gates and
     *                          the confidence) are measured after the noise is taken out, not before
     * @param minSnrDb a command heard less than this far over the floor is too noisy to be sure of: not acted
     *                 on, however confident (the user is asked to say it again)
     */
    public record Noise(boolean suppress, double gainFloorDb, double suppressBelowSnrDb, boolean measureSuppressed,
                        double minSnrDb) {
    }

    /** A setting that is missing, unknown or malformed: the message names the key and the file. */
    public static final class BadSettingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BadSettingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The settings in the jar, with {@code overrides} (key to value) replacing some: for fitting and benchmarks. */
    static RecognizerSettings builtIn(Map<String, String> overrides, String decoderXml) {
        Map<String, String> values = new TreeMap<>();
        try (InputStream in = RecognizerSettings.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the recognizer settings are missing from the jar (" + file() + ")");
            }
            values.putAll(read(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the recognizer settings " + file() + ": " + e.getMessage(), e);
        }
        values.putAll(overrides);
        return of(values, file(), placeholders(decoderXml));
    }

    private static String file() {
        return RESOURCE.substring(1);
    }

    static Map<String, String> read(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }

    /** The {@code ${name}} placeholders of a Sphinx4 configuration, outside its comments. */
    static Set<String> placeholders(String xml) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(xml.replaceAll("(?s)<!--.*?-->", ""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Typed settings from {@code values} (as read from {@code file}); {@code decoderNames} are the
     * placeholders the decoder's configuration fills from the keys without a dot.
     */
    static RecognizerSettings of(Map<String, String> values, String file, Set<String> decoderNames) {
        Keys k = new Keys(values, file);
        Map<String, String> search = new TreeMap<>();
        for (String name : decoderNames) {
            search.put(name, k.text(name));
        }
        Endpoint endpoint = new Endpoint(k.number("endpoint.startDb"), k.number("endpoint.endDb"),
                SampleTime.framesOfMillis(k.number("endpoint.hangMs")),
                SampleTime.framesOfMillis(k.number("endpoint.preRollMs")),
                SampleTime.framesOfMillis(1000 * k.number("endpoint.maxSeconds")),
                k.number("endpoint.minLevelDb"),
                SampleTime.framesOfMillis(k.number("endpoint.decodeTailMs")), k.number("endpoint.overrunRise"),
                SampleTime.framesOfMillis(k.number("endpoint.overrunHangMs")),
                new QuickEnd(SampleTime.framesOfMillis(k.number("endpoint.quickHangMs")),
                        k.number("endpoint.quickMinConfidence"), k.number("endpoint.quickMinSnrDb"),
                        k.number("endpoint.quickMaxSeconds"), k.number("endpoint.quickMinQuietBeforeSeconds"),
                        k.number("endpoint.quickNarrowband") > 0));
        Decode decode = new Decode(SampleTime.samplesOfMillis(k.number("decode.leadInMs")),
                SampleTime.samplesOfMillis(k.number("decode.tailMs")), k.number("decode.ditherSigma"),
                k.number("decode.ditherReferenceDb"), k.number("verify.phoneLoop") > 0, k.number("search.flat") > 0,
                k.number("search.flatPhoneLoop") > 0);
        Gates gates = new Gates(k.number("gate.minSeconds"), k.number("gate.maxSeconds"), k.number("gate.minSnrDb"),
                k.number("gate.maxFlatness"), k.number("gate.minVoicedFraction"), k.number("gate.maxPitchHz"),
                k.number("gate.maxHighPitchFraction"), k.number("gate.maxPitchJumps"), k.number("gate.minHarmonicity"),
                k.number("gate.maxSteadyVoicedSeconds"), k.number("gate.steadyPitchSemitones"));
        Adapt adapt = new Adapt(k.text("adapt.transform"), k.text("adapt.narrowband"), k.number("adapt.narrowbandDb"),
                k.number("adapt.profileFitMargin"), k.number("adapt.templateGate"),
                k.number("adapt.templateGateFit"), k.number("adapt.templateShortSeconds"),
                k.number("adapt.learnedPrior"), k.number("adapt.learnedCap"),
                new TemplateRule(k.number("adapt.templateStranger"), k.number("adapt.templateOverruleRatio"),
                        k.number("adapt.templateOverruleNear"), k.number("adapt.templateOverruleOwnRatio"),
                        k.number("adapt.templateOverruleTakes") > 0,
                        k.number("adapt.templateConfirmNear"), k.number("adapt.templateConfirmRatio"),
                        k.number("adapt.templateMinConfidence"),
                        k.number("adapt.templateUndecidedFit")));
        int n = ConfidenceModel.FEATURES.length;
        double[] weights = new double[n];
        double[] means = new double[n];
        double[] scales = new double[n];
        double[] lows = new double[n];
        double[] highs = new double[n];
        for (int i = 0; i < n; i++) {
            // An input the fitted model doesn't name has no weight (the fit names only what it used).
            weights[i] = k.number("confidence.weight." + ConfidenceModel.FEATURES[i], 0);
            means[i] = k.number("confidence.mean." + ConfidenceModel.FEATURES[i], 0);
            scales[i] = k.number("confidence.scale." + ConfidenceModel.FEATURES[i], 1);
            // The range the fit saw (absent: none).
            lows[i] = k.number("confidence.min." + ConfidenceModel.FEATURES[i], Double.NEGATIVE_INFINITY);
            highs[i] = k.number("confidence.max." + ConfidenceModel.FEATURES[i], Double.POSITIVE_INFINITY);
            if (!(lows[i] <= highs[i])) {
                throw new BadSettingException(file + ": confidence.min." + ConfidenceModel.FEATURES[i]
                        + " is above confidence.max." + ConfidenceModel.FEATURES[i], null);
            }
        }
        CryRule cry = new CryRule(k.number("confidence.cryPitchHz"), k.number("confidence.cryVoicedFraction"),
                k.number("confidence.crySteadiness"));
        Confidence confidence = new Confidence(k.number("confidence.threshold"),
                new ConfidenceModel(k.number("confidence.bias"), weights, means, scales, lows, highs), cry);
        Self self = new Self(k.number("self.echoMarginDb"), SampleTime.ofMillis((long) k.number("self.tailMs")),
                k.number("self.overSpeechConfidence"), k.number("self.audibleRms"));
        Noise noise = new Noise(k.number("noise.suppress") > 0, k.number("noise.gainFloorDb"),
                k.number("noise.suppressBelowSnrDb"), k.number("noise.measureSuppressed") > 0,
                k.number("noise.minSnrDb"));
        k.noneLeft();
        return new RecognizerSettings(search, endpoint, decode, gates, adapt, confidence, self, noise);
    }

    /** The raw key-value pairs, each taken at most once, so that what is left over is unknown. */
    private static final class Keys {
        private final Map<String, String> values;
        private final String file;
        private final Set<String> taken = new TreeSet<>();

        Keys(Map<String, String> values, String file) {
            this.values = values;
            this.file = file;
        }

        String text(String key) {
            taken.add(key);
            String v = values.get(key);
            if (v == null) {
                throw new BadSettingException(file + ": the setting '" + key + "' is missing", null);
            }
            return v;
        }

        double number(String key) {
            String v = text(key);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new BadSettingException(file + ": the setting '" + key + "' must be a number, got '" + v + "'", e);
            }
        }

        /** A number that may be absent, {@code fallback} then. */
        double number(String key, double fallback) {
            return values.containsKey(key) ? number(key) : fallback;
        }

        void noneLeft() {
            for (String key : values.keySet()) {
                if (!taken.contains(key)) {
                    throw new BadSettingException(file + ": unknown setting '" + key + "'"
                            + (key.contains(".") ? "" : " (the decoder's configuration has no ${" + key + "})"), null);
                }
            }
        }
    }
}
