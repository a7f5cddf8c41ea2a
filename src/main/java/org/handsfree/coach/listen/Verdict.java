package org.handsfree.coach.listen;

/**
 * Everything the recognizer weighed for one stretch of sound, kept for benchmarks and for
 * fitting the confidence model.
 *
 * @param text what the grammar search heard ("" when nothing)
 * @param accepted whether it became a command
 * @param reason why it was rejected, or "accepted"
 * @param profileFit how much better the voice profile fitted the stretch than the plain model (nats per speech
 *     frame; see {@code SphinxDecoder.fitGain}), NaN when no profile was tried
 * @param withProfile the verdict is the voice profile's (it fitted by the margin); false: the plain model's
 * @param templates the stretch's distance to the nearest of the user's takes of each intent of the context that has
 *     them ({@link Templates}), nearest first; empty when no templates were tried
 * @param gateOverridden the gate that stopped the stretch when the user's profile and templates took it as a command
 *     all the same (see {@code adapt.templateGate}), else ""
 * @param templateRule what the user's takes did to the profile's verdict ({@link TemplateRule}): "" nothing,
 *     "not this voice" (decoded again without the profile), "confirmed", "overruled INTENT" (the profile heard INTENT;
 *     the nearest take's phrase was taken) or "rejected INTENT"
 */
public record Verdict(long start, long end, String text, String intent, boolean outOfGrammar, double gapPerFrame,
                      SoundFeatures features, double confidence, boolean accepted, String reason, double profileFit,
                      boolean withProfile, java.util.Map<String, Double> templates, String gateOverridden,
                      String templateRule) {

    /** A verdict the user's takes did nothing to. */
    public Verdict(long start, long end, String text, String intent, boolean outOfGrammar, double gapPerFrame,
                   SoundFeatures features, double confidence, boolean accepted, String reason, double profileFit,
                   boolean withProfile, java.util.Map<String, Double> templates, String gateOverridden) {
        this(start, end, text, intent, outOfGrammar, gapPerFrame, features, confidence, accepted, reason, profileFit,
                withProfile, templates, gateOverridden, "");
    }

    /** A verdict without templates tried. */
    public Verdict(long start, long end, String text, String intent, boolean outOfGrammar, double gapPerFrame,
                   SoundFeatures features, double confidence, boolean accepted, String reason, double profileFit,
                   boolean withProfile) {
        this(start, end, text, intent, outOfGrammar, gapPerFrame, features, confidence, accepted, reason, profileFit,
                withProfile, java.util.Map.of(), "");
    }

    /** A verdict of the plain model, no voice profile tried. */
    public Verdict(long start, long end, String text, String intent, boolean outOfGrammar, double gapPerFrame,
                   SoundFeatures features, double confidence, boolean accepted, String reason) {
        this(start, end, text, intent, outOfGrammar, gapPerFrame, features, confidence, accepted, reason, Double.NaN, false);
    }

    /** True when the stretch passed the gates and was decoded (a gate leaves no gap: NaN). */
    public boolean decoded() {
        return !Double.isNaN(gapPerFrame);
    }

    /** The model's inputs, in the order of {@link ConfidenceModel#FEATURES}. */
    public double[] inputs() {
        return ConfidenceModel.inputs(this);
    }
}
