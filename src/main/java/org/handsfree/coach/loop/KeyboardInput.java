package org.handsfree.coach.loop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.session.Intent;

/**
 * Typed commands: the same phrases a user would say. A reader thread waits on the terminal so the
 * loop never blocks; a line the grammar doesn't know gets a one-line hint and changes nothing.
 */
public final class KeyboardInput implements CommandInput {
    private static final String END = "\u0000end";

    private final CommandGrammar grammar;
    private final PrintStream err;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    public KeyboardInput(InputStream in, CommandGrammar grammar, PrintStream err) {
        this.grammar = grammar;
        this.err = err;
        Thread reader = new Thread(() -> read(in), "keyboard");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            err.println("coach: keyboard input failed: " + e.getMessage());
        }
        lines.add(END);
    }

    @Override
    public List<Hearing> poll(long now, int n) {
        List<Hearing> out = new ArrayList<>();
        String line;
        while (!ended && (line = lines.poll()) != null) {
            if (line.equals(END)) {
                ended = true;
                break;
            }
            String phrase = CommandGrammar.normalize(line);
            if (phrase.isEmpty()) {
                continue;
            }
            // "coach, next" typed is "next": the address word is for the room, not for the keyboard.
            for (String word : grammar.addressWords()) {
                if (phrase.startsWith(word + " ") && grammar.intentOf(phrase.substring(word.length() + 1)).isPresent()) {
                    phrase = phrase.substring(word.length() + 1);
                }
            }
            Optional<Intent> intent = grammar.intentOf(phrase);
            if (intent.isPresent()) {
                out.add(new Utterance(phrase, intent.get(), 1.0, now, now));
            } else {
                err.println("coach: unknown command '" + line.strip() + "'; type help to hear what you can say");
            }
        }
        return out;
    }

    @Override
    public boolean ended() {
        return ended;
    }
}
