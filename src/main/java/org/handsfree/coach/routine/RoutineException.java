package org.handsfree.coach.routine;

/** A routine file that can't be used, with the place that is wrong: "my.yaml:14: step 3: ...". */
public final class RoutineException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    public RoutineException(String source, int line, String problem) {
        this(source, line, problem, null);
    }

    public RoutineException(String source, int line, String problem, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    /** 1-based line in the file; 0 for the file as a whole (missing, unreadable, too big). */
    public int line() {
        return line;
    }
}
