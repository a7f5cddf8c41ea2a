package org.handsfree.coach.voice;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import org.handsfree.coach.audio.Clip;

/**
 * Remembers clips: beat words, numbers and acknowledgements are said again and again, and a cached
 * clip is ready at once. Bounded by total audio length, so a long session doesn't grow without end.
 */
public final class CachingSynthesizer implements Synthesizer {
    private final Synthesizer inner;
    private final LoadingCache<String, Clip> cache;

    public CachingSynthesizer(Synthesizer inner, long maxSamples) {
        this.inner = inner;
        this.cache = CacheBuilder.newBuilder()
                .maximumWeight(maxSamples)
                .weigher((String text, Clip clip) -> Math.max(1, clip.length()))
                .build(CacheLoader.from(inner::render));
    }

    @Override
    public Clip render(String text) {
        return cache.getUnchecked(text);
    }

    /** True when {@code text} would be said without synthesis. */
    public boolean isCached(String text) {
        return cache.getIfPresent(text) != null;
    }

    @Override
    public void close() {
        inner.close();
    }
}
