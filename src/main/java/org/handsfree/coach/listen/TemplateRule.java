package org.handsfree.coach.listen;

import java.util.Iterator;
import java.util.Map;

/**
 * How the user's own takes ({@link Templates}) take part in the verdict on a stretch the voice profile decided
 * ({@code adapt.template*} in acoustic/rejection.properties, fitted on the tuning speakers only).
 *
 * <p>Given the stretch's distance to the user's nearest take of each phrase (nearest first):
 * <ul>
 * <li><b>not this voice</b>: when even the nearest take is farther than {@code stranger}, the stretch is not the
 *     user's, whatever the profile's fit said, and it is decoded again without the profile;</li>
 * <li><b>overrule</b>: when the profile's decode heard one phrase and another's take is the nearest, nearer than
 *     {@code overruleNear}, than {@code overruleRatio} times the next phrase's nearest take, and than
 *     {@code overruleOwnRatio} times the heard phrase's own nearest take (infinitely far when the user gave none), the
 *     heard phrase is not acted on: the nearest take's phrase is taken instead ({@code overruleTakes}) or the stretch
 *     is rejected;</li>
 * <li><b>confirm</b>: a stretch rejected only for low confidence whose heard phrase is also the nearest take's,
 *     nearer than {@code confirmNear} and than {@code confirmRatio} times the next phrase's, is accepted.</li>
 * </ul>
 * A stretch rejected for low confidence is overruled or confirmed only when its confidence is at least
 * {@code minConfidence}: far below the threshold, the confidence model says it is no command at all. A rejection for
 * any other reason (not for now, not addressed, too noisy, a cry) stands. The same overrule and
 * confirm also meet a stretch the profile fitted too little to decide ({@code adapt.profileFitMargin}) but by at least
 * {@code undecidedFit}: there they judge the plain model's verdict, by the takes' distances to the sound as the plain
 * model's decode cut it.
 *
 * @param stranger the nearest take farther than this: not the profile's voice (infinite: never)
 * @param overruleRatio see above (0: never overrule)
 * @param overruleNear see above
 * @param overruleOwnRatio see above
 * @param overruleTakes true: an overruled stretch is heard as the nearest take's phrase; false: rejected
 * @param confirmNear see above (0: never confirm)
 * @param confirmRatio see above
 * @param minConfidence a low-confidence stretch below this is left rejected
 * @param undecidedFit a stretch the profile fitted by less than the margin but by at least this meets the overrule
 *     and confirm as well (infinite: never)
 */
public record TemplateRule(double stranger, double overruleRatio, double overruleNear, double overruleOwnRatio,
                           boolean overruleTakes,
                           double confirmNear, double confirmRatio, double minConfidence, double undecidedFit) {

    /** Never acts. */
    public static TemplateRule off() {
        return new TemplateRule(Double.POSITIVE_INFINITY, 0, 0, 0, false, 0, 0, 1, Double.POSITIVE_INFINITY);
    }

    /** Whether a stretch the profile fitted by {@code fit}, too little to decide it, meets the overrule and confirm. */
    public boolean judgesUndecided(double fit) {
        return fit >= undecidedFit;
    }

    /** What the rule makes of a verdict: keep it, accept it as {@code intent}, or reject it. */
    public record Decision(Kind kind, String intent) {
        public enum Kind { KEEP, ACCEPT, REJECT }

        static final Decision KEEP = new Decision(Kind.KEEP, "");
        static final Decision REJECT = new Decision(Kind.REJECT, "");

        static Decision accept(String intent) {
            return new Decision(Kind.ACCEPT, intent);
        }
    }

    /** Whether {@code distances} (nearest first) say the stretch is not the profile's voice. */
    public boolean notThisVoice(Map<String, Double> distances) {
        return !distances.isEmpty() && distances.values().iterator().next() > stranger;
    }

    /**
     * The rule's decision on a stretch the profile decided, heard as {@code heard} (an intent, "" for none) with
     * {@code confidence} and rejected for {@code reason} ("accepted" when it was not), with the user's takes at
     * {@code distances}.
     */
    public Decision decide(String heard, String reason, double confidence, Map<String, Double> distances) {
        if (distances.isEmpty()) {
            return Decision.KEEP;
        }
        Iterator<Map.Entry<String, Double>> it = distances.entrySet().iterator();
        Map.Entry<String, Double> first = it.next();
        String nearest = first.getKey();
        double near = first.getValue();
        double next = it.hasNext() ? it.next().getValue() : Double.POSITIVE_INFINITY;
        double own = distances.getOrDefault(heard, Double.POSITIVE_INFINITY);
        boolean accepted = reason.equals("accepted");
        boolean lowConfidence = reason.equals(CommandRecognizer.LOW_CONFIDENCE) && confidence >= minConfidence;
        if ((accepted || lowConfidence) && !heard.isEmpty() && !nearest.equals(heard) && overruleRatio > 0
                && near <= overruleNear && near <= overruleRatio * next && near <= overruleOwnRatio * own) {
            return overruleTakes ? Decision.accept(nearest) : accepted ? Decision.REJECT : Decision.KEEP;
        }
        if (lowConfidence && nearest.equals(heard) && confirmNear > 0 && near <= confirmNear && near <= confirmRatio * next) {
            return Decision.accept(heard);
        }
        return Decision.KEEP;
    }
}
