package org.handsfree.coach.audio;

import java.io.IOException;
import java.io.PrintStream;

/**
 * A device that may disappear mid-session (a speaker unplugged, a Bluetooth headset out of range):
 * the first failure is reported in one line and the device is dropped; everything after goes on
 * without it, so the session keeps its place.
 */
public final class FailoverSink implements AudioSink {
    private final AudioSink device;
    private final String instead;
    private final PrintStream err;
    private boolean lost;

    /** @param instead what the user gets instead, for the message: "speech goes to the screen" */
    public FailoverSink(AudioSink device, String instead, PrintStream err) {
        this.device = device;
        this.instead = instead;
        this.err = err;
    }

    @Override
    public void write(short[] frame, int n) {
        if (lost) {
            return;
        }
        try {
            device.write(frame, n);
        } catch (IOException | RuntimeException e) {
            lost = true;
            err.println("coach: " + e.getMessage() + "; " + instead + ", and the session keeps its place");
            try {
                device.close();
            } catch (Exception ignored) {
                // The device is already gone; closing it is a courtesy.
            }
        }
    }

    /** True once the device has gone. */
    public boolean lost() {
        return lost;
    }

    @Override
    public boolean paces() {
        return !lost && device.paces();
    }

    @Override
    public void close() throws IOException {
        if (!lost) {
            device.close();
        }
    }
}
