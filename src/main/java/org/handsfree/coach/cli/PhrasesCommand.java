package org.handsfree.coach.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.session.Context;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code coach phrases}: every phrase the coach understands, with its intent and the listening
 * contexts it is heard in (tab-separated).
 */
@Command(name = "phrases", mixinStandardHelpOptions = true, description = "List every command phrase, its intent and the contexts it is heard in"
        + " (coaching, confirm, number), tab-separated.")
final class PhrasesCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Override
    public Integer call() {
        CommandGrammar grammar = CommandGrammar.builtIn();
        grammar.phrases().forEach((phrase, intent) -> {
            List<String> in = new ArrayList<>();
            for (Context c : Context.values()) {
                if (grammar.phrases(c).containsKey(phrase)) {
                    in.add(c.wireName());
                }
            }
            parent.out().println(phrase + "\t" + intent + "\t" + String.join(",", in));
        });
        parent.out().flush();
        return 0;
    }
}
