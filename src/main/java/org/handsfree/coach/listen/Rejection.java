package org.handsfree.coach.listen;

/** A stretch of sound that was heard and judged not to be a command. */
public record Rejection(long start, long end) implements Hearing {
}
