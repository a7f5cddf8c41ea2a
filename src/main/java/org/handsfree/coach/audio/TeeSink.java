package org.handsfree.coach.audio;

import java.io.IOException;
import java.util.List;

/** Sends every frame to several sinks, such as the speaker and a WAV file. */
public final class TeeSink implements AudioSink {
    private final List<AudioSink> sinks;

    public TeeSink(List<AudioSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void write(short[] frame, int n) throws IOException {
        for (AudioSink sink : sinks) {
            sink.write(frame, n);
        }
    }

    @Override
    public boolean paces() {
        return sinks.stream().anyMatch(AudioSink::paces);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (AudioSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
