package org.handsfree.coach.audio;

/** A file that cannot be used as audio; the message is one line that names it. */
public final class BadAudioException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
