package org.handsfree.coach.listen;

import org.handsfree.coach.bench.NoiseMix;

/**
 * A real command over real room noise, mixed by {@code bench recognition}'s own {@link NoiseMix}: the noise runs
 * {@link #LEAD_SECONDS} before the voice (a room that has been noisy a while) and half a second after, at
 * {@code snrDb} below the voice's active level (the mean power of its 10 ms frames within 30 dB of its loudest).
 */
public final class RealNoise {
    public static final int LEAD_SECONDS = 8;
    /** Stretches that start before this are the room, not the command: judging starts here. */
    public static final int SETTLE_SAMPLES = 7 * 16_000;

    private RealNoise() {
    }

    /** A clip of {@code src/test/resources/real}. */
    public static short[] clip(String name) {
        return RealAudioTest.clip(name);
    }

    /**
     * {@code voice} after {@link #LEAD_SECONDS} of {@code noise} (looped), with the noise {@code snrDb} below it:
     * the benchmark's own mix.
     */
    public static short[] mix(short[] voice, short[] noise, double snrDb) {
        return NoiseMix.mix(voice, NoiseMix.toFloat(noise), 0, snrDb);
    }
}
