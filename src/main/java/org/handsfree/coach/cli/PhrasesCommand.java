package org.handsfree.coach.cli;

import java.util.concurrent.Callable;
import org.handsfree.coach.grammar.CommandGrammar;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code coach phrases}: every phrase the coach understands, with its intent (tab-separated). */
@Command(name = "phrases", mixinStandardHelpOptions = true, description = "List every command phrase and its intent, tab-separated.")
final class PhrasesCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Override
    public Integer call() {
        CommandGrammar.builtIn().phrases().forEach((phrase, intent) -> parent.out().println(phrase + "\t" + intent));
        parent.out().flush();
        return 0;
    }
}
