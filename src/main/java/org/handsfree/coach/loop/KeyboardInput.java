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

    /** Longer typed lines are no command: they are cut here, so endless input (/dev/zero) can't fill memory. */
    static final int MAX_LINE = 200;

    private void read(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            boolean tooLong = false;
            int c;
            while ((c = r.read()) >= 0) {
                if (c == 0) {
                    err.println("coach: the typed input is not text (it holds NUL bytes); typed commands end here");
                    break;
                }
                if (c == '\n') {
                    if (tooLong) {
                        err.println("coach: a typed line of over " + MAX_LINE + " characters is no command; ignored");
                    } else {
                        lines.add(line.toString());
                    }
                    line.setLength(0);
                    tooLong = false;
                } else if (line.length() < MAX_LINE) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
            }
            if (line.length() > 0 && !tooLong) {
                lines.add(line.toString());
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
