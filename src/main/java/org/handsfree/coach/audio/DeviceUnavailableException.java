package org.handsfree.coach.audio;

/** A microphone or speaker that is missing or busy; the message is one line fit for the user. */
public final class DeviceUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
