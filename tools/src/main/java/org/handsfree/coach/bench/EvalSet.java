package org.handsfree.coach.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.session.Intent;

/**
 * The labelled clips of {@code shared/eval}: what each should be heard as (an intent, or nothing),
 * its group (voice family, speaker or source), its kind of sound, its channel, and whether it is held
 * out from tuning.
 *
 * <p>The split is the project's common one, by speaker: FSDD speakers george, jackson and lucas are
 * the tuning part, nicolas, theo and yweweler held out; every other real clip is held out when the
 * first hex digit of sha256 of its {@code speaker-or-source} column is 8-f.
 */
record EvalSet(String name, List<Clip> clips) {

    /**
     * One clip; {@code expected} is an intent name, or empty for "must trigger nothing"; {@code kind} is
     * the kind of sound of a non-command (baby_cry, oov_word, ...) or "command".
     */
    record Clip(Path file, String expected, String group, boolean heldOut, boolean narrowband, String kind) {
        Clip(Path file, String expected, String group, boolean heldOut) {
            this(file, expected, group, heldOut, false, expected.isEmpty() ? group : "command");
        }
    }

    private static final List<String> HELD_OUT_VOICES = List.of("espeak-en-gb-scotland", "espeak-en-us+f3",
        "espeak-en-gb-x-rp+f2", "flite-awb", "flite-kal16", "festival-slt");
    private static final List<String> HELD_OUT_SPEAKERS = List.of("nicolas", "theo", "yweweler");
    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};

    /** Every set of {@code families} that is present under {@code eval}, each clip of every {@code every}. */
    static List<EvalSet> load(Path eval, List<String> families, int every, List<String> notes) throws IOException {
        List<EvalSet> sets = new ArrayList<>();
        if (families.contains("synthetic")) {
            if (Files.isDirectory(eval.resolve("commands")) && Files.isDirectory(eval.resolve("noncommands"))) {
                sets.add(commands(eval.resolve("commands")));
                sets.add(noncommands(eval.resolve("noncommands")));
            } else {
                notes.add("no synthetic sets under " + eval + " (commands/, noncommands/): skipped");
            }
        }
        if (families.contains("real-dev")) {
            if (Files.isDirectory(eval.resolve("real-dev/commands"))) {
                sets.add(realDigits(eval.resolve("real-dev/commands")));
                sets.add(realNonCommands("real-dev non-commands", eval.resolve("real-dev/noncommands")));
            } else {
                notes.add("no " + eval.resolve("real-dev") + ": skipped");
            }
        }
        boolean moreCommands = families.contains("real-more") || families.contains("real-more-commands");
        boolean moreOthers = families.contains("real-more") || families.contains("real-more-noncommands");
        if (moreCommands || moreOthers) {
            if (Files.isDirectory(eval.resolve("real-more/commands"))) {
                if (moreCommands) {
                    sets.add(realCommands(eval.resolve("real-more/commands")));
                }
                if (moreOthers) {
                    sets.add(realNonCommands("real-more non-commands", eval.resolve("real-more/noncommands")));
                }
            } else {
                notes.add("no " + eval.resolve("real-more") + ": skipped");
            }
        }
        if (families.contains("fsdd")) {
            if (Files.isRegularFile(eval.resolve("fsdd/manifest.tsv"))) {
                sets.add(fsdd(eval.resolve("fsdd")));
            } else {
                notes.add("no " + eval.resolve("fsdd") + ": skipped");
            }
        }
        if (every <= 1) {
            return sets;
        }
        List<EvalSet> thinned = new ArrayList<>();
        for (EvalSet s : sets) {
            List<Clip> keep = new ArrayList<>();
            for (int i = 0; i < s.clips().size(); i += every) {
                keep.add(s.clips().get(i));
            }
            thinned.add(new EvalSet(s.name(), keep));
        }
        return thinned;
    }

    /** The common split: held out when sha256 of the speaker-or-source column starts with 8-f. */
    static boolean heldOutSource(String speakerOrSource) {
        if (speakerOrSource.startsWith("fsdd:")) {
            return HELD_OUT_SPEAKERS.contains(speakerOrSource.substring(5));
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(speakerOrSource.getBytes(StandardCharsets.UTF_8));
            return (h[0] & 0xff) >= 0x80;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> wavs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
    }

    static EvalSet commands(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("phrases.tsv"));
        Pattern name = Pattern.compile("(\\d{3})_(.+?)(?:-(150|190))?\\.wav");
        List<Clip> clips = new ArrayList<>();
        for (Path p : wavs(dir)) {
            Matcher m = name.matcher(p.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            String intent = lines.get(Integer.parseInt(m.group(1)) - 1).split("\t")[1];
            String voice = m.group(2);
            clips.add(new Clip(p, intent, voice, HELD_OUT_VOICES.contains(voice), voice.equals("flite-kal16"),
                    "command"));
        }
        return new EvalSet("synthetic commands", clips);
    }

    static EvalSet noncommands(Path dir) throws IOException {
        List<Clip> clips = new ArrayList<>();
        Pattern speech = Pattern.compile("speech_(\\d{3})_.*\\.wav");
        for (Path p : wavs(dir)) {
            String f = p.getFileName().toString();
            Matcher m = speech.matcher(f);
            if (m.matches()) {
                clips.add(new Clip(p, "", "speech", Integer.parseInt(m.group(1)) % 2 == 0));
            } else if (f.startsWith("running_speech")) {
                clips.add(new Clip(p, "", "speech", true));
            } else {
                clips.add(new Clip(p, "", "sounds", true));
            }
        }
        return new EvalSet("synthetic non-commands", clips);
    }

    /** real-dev's digits: FSDD takes 1 and 2, 8 kHz upsampled. */
    static EvalSet realDigits(Path dir) throws IOException {
        Map<String, String[]> rows = manifest(dir.resolve("manifest.tsv"));
        List<Clip> clips = new ArrayList<>();
        for (Path p : wavs(dir)) {
            String f = p.getFileName().toString();
            String word = f.substring(0, f.indexOf('_'));
            int digit = List.of(DIGITS).indexOf(word);
            String who = rows.containsKey(f) ? rows.get(f)[2] : "?";
            clips.add(new Clip(p, "number:" + digit, who, heldOutSource(who), true, "command"));
        }
        return new EvalSet("real-dev digits", clips);
    }

    /**
     * real-more's command words: the intent is what the grammar makes of the transcript. WUW Corpus II
     * clips are telephone calls (narrowband); AN4 and Picovoice are wideband.
     */
    static EvalSet realCommands(Path dir) throws IOException {
        CommandGrammar grammar = CommandGrammar.builtIn();
        List<Clip> clips = new ArrayList<>();
        for (String[] c : manifest(dir.resolve("manifest.tsv")).values()) {
            Optional<Intent> intent = grammar.intentOf(c[1].replace('_', ' '));
            if (intent.isEmpty() || !Files.isRegularFile(dir.resolve(c[0]))) {
                continue;
            }
            String source = c[2].substring(0, c[2].indexOf(':'));
            clips.add(new Clip(dir.resolve(c[0]), intent.get().toString(), source, heldOutSource(c[2]),
                    source.equals("wuw2"), "command"));
        }
        return new EvalSet("real-more commands", clips);
    }

    /** Real sounds that must trigger nothing; the kind is the file's prefix (baby_cry, oov_word, ...). */
    static EvalSet realNonCommands(String name, Path dir) throws IOException {
        List<Clip> clips = new ArrayList<>();
        for (String[] c : manifest(dir.resolve("manifest.tsv")).values()) {
            if (!Files.isRegularFile(dir.resolve(c[0]))) {
                continue;
            }
            String kind = c[0].replaceFirst("_\\d+\\.wav$", "");
            String source = c[2].contains(":") ? c[2].substring(0, c[2].indexOf(':')) : c[2];
            clips.add(new Clip(dir.resolve(c[0]), "", source, heldOutSource(c[2]), source.equals("wuw2"), kind));
        }
        return new EvalSet(name, clips);
    }

    /** The FSDD takes 3-49: 8 kHz originals, converted as any user's file is. */
    static EvalSet fsdd(Path dir) throws IOException {
        List<Clip> clips = new ArrayList<>();
        for (String[] c : manifest(dir.resolve("manifest.tsv")).values()) {
            if (!Files.isRegularFile(dir.resolve(c[0]))) {
                continue;
            }
            String who = "fsdd:" + c[2];
            clips.add(new Clip(dir.resolve(c[0]), "number:" + c[1], who, heldOutSource(who), true, "command"));
        }
        return new EvalSet("fsdd digits", clips);
    }

    /** A manifest's rows by file name (the header row left out), in file order. */
    static Map<String, String[]> manifest(Path file) throws IOException {
        Map<String, String[]> m = new LinkedHashMap<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] c = line.split("\t");
                if (c.length > 2) {
                    m.put(c[0], c);
                }
            }
        }
        Map<String, String[]> sorted = new LinkedHashMap<>();
        m.keySet().stream().sorted().forEach(k -> sorted.put(k, m.get(k)));
        return sorted;
    }

}
