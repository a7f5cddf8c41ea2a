package org.handsfree.coach.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The labelled clips of {@code shared/eval}: what each should be heard as (an intent, or nothing),
 * its group (voice family, speaker or kind of sound), and whether it is held out from tuning.
 */
record EvalSet(String name, List<Clip> clips) {

    /** One clip; {@code expected} is an intent name, or empty for "must trigger nothing". */
    record Clip(Path file, String expected, String group, boolean heldOut) {
    }

    private static final List<String> HELD_OUT_VOICES = List.of("espeak-en-gb-scotland", "espeak-en-us+f3",
        "espeak-en-gb-x-rp+f2", "flite-awb", "flite-kal16", "festival-slt");
    private static final List<String> HELD_OUT_SPEAKERS = List.of("nicolas", "theo", "yweweler");
    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};

    static List<EvalSet> load(Path eval) throws IOException {
        List<EvalSet> sets = new ArrayList<>();
        sets.add(commands(eval.resolve("commands")));
        sets.add(noncommands(eval.resolve("noncommands")));
        sets.add(realDigits(eval.resolve("real-dev/commands")));
        sets.add(realOrders(eval.resolve("real-dev/noncommands")));
        return sets;
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
            clips.add(new Clip(p, intent, voice, HELD_OUT_VOICES.contains(voice)));
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

    static EvalSet realDigits(Path dir) throws IOException {
        Map<String, String> speaker = manifest(dir);
        List<Clip> clips = new ArrayList<>();
        for (Path p : wavs(dir)) {
            String f = p.getFileName().toString();
            String word = f.substring(0, f.indexOf('_'));
            int digit = List.of(DIGITS).indexOf(word);
            String who = speaker.getOrDefault(f, "?").replace("fsdd:", "");
            clips.add(new Clip(p, "number:" + digit, who, HELD_OUT_SPEAKERS.contains(who)));
        }
        return new EvalSet("real digits", clips);
    }

    static EvalSet realOrders(Path dir) throws IOException {
        List<Clip> clips = new ArrayList<>();
        List<Path> files = wavs(dir);
        for (int i = 0; i < files.size(); i++) {
            clips.add(new Clip(files.get(i), "", "orders", i >= files.size() / 2));
        }
        return new EvalSet("real non-commands", clips);
    }

    private static Map<String, String> manifest(Path dir) throws IOException {
        Map<String, String> m = new HashMap<>();
        Path f = dir.resolve("manifest.tsv");
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f)) {
                String[] c = line.split("\t");
                if (c.length > 2) {
                    m.put(c[0], c[2]);
                }
            }
        }
        return m;
    }
}
