package org.handsfree.coach.listen;

/** What the coach made of a stretch of sound or a typed line: a command, or something that was not one. */
public sealed interface Hearing permits Utterance, Rejection {
    /** Sample where the stretch began. */
    long start();

    /** Sample where it ended. */
    long end();
}
