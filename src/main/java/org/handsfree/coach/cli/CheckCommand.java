package org.handsfree.coach.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineException;
import org.handsfree.coach.routine.RoutineLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code coach check FILE...}: validates routine files. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Validate routine files: exit 0 if fine, 2 with errors.")
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Routine files (YAML).")
    private List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = parent.out();
        PrintWriter err = parent.err();
        int code = 0;
        for (Path file : files) {
            try {
                Routine r = RoutineLoader.load(file);
                long timed = r.steps().stream().filter(s -> s.isTimed()).count();
                out.println(file + ": ok: '" + r.title() + "', " + r.size() + " steps, " + timed + " timed");
            } catch (RoutineException e) {
                err.println(e.getMessage());
                code = 2;
            }
        }
        return code;
    }
}
