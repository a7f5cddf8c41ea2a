package org.handsfree.coach.audio;

/**
 * A piece of mono 16 kHz audio, with the index of its audible onset: the sample where the voice
 * starts, which is what the beat grid aligns, not where the buffer starts.
 */
public record Clip(short[] samples, int onset) {
    public Clip {
        if (onset < 0 || (samples.length > 0 && onset >= samples.length)) {
            throw new IllegalArgumentException("onset " + onset + " is outside a clip of " + samples.length + " samples");
        }
    }

    public int length() {
        return samples.length;
    }

    /** Root-mean-square level, 0 to 1. */
    public double rms() {
        return Levels.rms(samples, 0, samples.length);
    }
}
