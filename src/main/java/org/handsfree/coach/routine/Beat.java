package org.handsfree.coach.routine;

/** One beat of a rhythm: the word said on it and the time until the next beat, at normal tempo. */
public record Beat(String word, double seconds) {
    public Beat {
        if (word.isBlank()) {
            throw new IllegalArgumentException("a beat needs a word");
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("beat '" + word + "' must last longer than zero, got " + seconds);
        }
    }
}
