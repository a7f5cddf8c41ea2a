package org.handsfree.coach.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./coach bench}, which the launcher runs from the tools jar. */
final class BenchCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void adapt_withNothingToAdaptFrom_exitsTwoAndWritesNothing() throws Exception {
        Path transform = dir.resolve("t.mllr");
        Result missing = run("adapt", "--narrowband", "--train", dir.resolve("nowhere").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.out().contains("nowhere is not a folder"), missing.out());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Result none = run("adapt", "--narrowband", "--train", empty.toString(), "--write", transform.toString());
        assertEquals(2, none.code());
        assertTrue(none.out().contains("no speech to adapt from"), none.out());
        assertFalse(Files.exists(transform));
    }

    @Test
    void fit_fromDumps_weighsTheGap_clipsToTheTuningRange_andNeverReadsHeldOutRows() throws Exception {
        String header = "set\tfile\texpected\tkind\tgroup\theldOut\tnarrowband\ttext\tintent\toog\tconfidence"
                + "\taccepted\treason\town\tcoaching\tconfirm\tnumber\t"
                + String.join("\t", org.handsfree.coach.listen.ConfidenceModel.FEATURES);
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(header));
        for (int i = 0; i < 40; i++) {
            // Commands fit the grammar well (a small gap), single words badly; the rest alike, a little varied.
            lines.add(row("real-more commands", "next_" + i + ".wav", "next", false, "coaching", 2000 + 50 * i, 50 + i % 7));
            lines.add(row("real-more non-commands", "oov_" + i + ".wav", "", false, "coaching", 12000 + 50 * i, 50 + i % 5));
            lines.add(row("synthetic commands", "s_" + i + ".wav", "next", false, "coaching", 3000 + 40 * i, 55 + i % 3));
        }
        // A held-out row with a level no tuning row has: it must neither be an example nor widen the range.
        lines.add(row("real-more non-commands", "held.wav", "", true, "coaching", 2000, 900));
        Path dump = Files.write(dir.resolve("v.tsv"), lines);
        Path props = Files.write(dir.resolve("r.properties"), java.util.List.of("gate.minSeconds=0.15", "confidence.cryPitchHz=220",
                "confidence.threshold=0.5", "confidence.weight.gap=1"));
        Result r = run("fit", "--verdicts", dump.toString(), "--commands-kept", "0.9", "--blocks", "1,2,1",
                "--write", props.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        java.util.Map<String, Double> fitted = new java.util.HashMap<>();
        java.util.List<String> written = Files.readAllLines(props);
        for (String line : written) {
            if (line.startsWith("confidence.") && !line.startsWith("confidence.cry")) {
                fitted.put(line.substring(0, line.indexOf('=')), Double.parseDouble(line.substring(line.indexOf('=') + 1)));
            }
        }
        assertTrue(fitted.get("confidence.weight.gap") < 0, "a worse fit to the grammar lowers the confidence: " + fitted);
        assertEquals(57, fitted.get("confidence.max.snrDb"), 1e-9, "the range is the tuning rows' (the held-out 900 is not): " + fitted);
        assertTrue(fitted.get("confidence.min.gap") >= 2000 && fitted.get("confidence.max.gap") <= 13950, fitted.toString());
        assertTrue(written.contains("gate.minSeconds=0.15") && written.contains("confidence.cryPitchHz=220"),
                "other settings and the cry rule stay: " + written);
        assertTrue(r.out().contains("training or synthetic 40, real commands 40, real non-commands 40"), r.out());
    }

    private static String row(String set, String file, String expected, boolean heldOut, String own, double gap, double snr) {
        String intent = expected.isEmpty() ? "next" : expected;
        return String.join("\t", set, file, expected, expected.isEmpty() ? "oov_word" : "command", "g",
                String.valueOf(heldOut), "false", "next", intent, "false", "0.5", "true", "accepted", own, intent, "", "")
                + String.format(java.util.Locale.ROOT, "\t%.1f\t0.5\t%.1f\t0.05\t0.5\t0.1\t0.2\t1\t130\t-30\t0\t0\t0.9\t2",
                        gap, snr);
    }

    @Test
    void fit_withBadBlocksShareOrInput_isBadUsage_inOneLine() throws Exception {
        String dump = Files.writeString(dir.resolve("v.tsv"), "").toString();
        Result blocks = run("fit", "--verdicts", dump, "--blocks", "1,2");
        assertEquals(2, blocks.code());
        assertEquals("coach bench fit: --blocks needs three weights above 0 (training, real commands, real non-commands), "
                + "got [1.0, 2.0]\n", blocks.err());
        Result kept = run("fit", "--verdicts", dump, "--commands-kept", "1.5");
        assertEquals(2, kept.code());
        assertEquals("coach bench fit: --commands-kept must be a share above 0 and at most 1, got 1.5\n", kept.err());
        Result input = run("fit", "--verdicts", dump, "--without", "pitch");
        assertEquals(2, input.code());
        assertTrue(input.out().contains("fit: --without pitch: no such input (the inputs: gap, voicedSeconds,"), input.out());
    }

    @Test
    void anUnknownBenchmark_isBadUsage_inOneLine() {
        Result r = run("speeed");
        assertEquals(2, r.code());
        assertEquals("coach bench: unknown benchmark 'speeed' (known: rhythm, recognition, loop, soak, speed, ready, fit, adapt, enroll)\n",
                r.err());
    }

    @Test
    void enroll_useFirstWithoutUse_isBadUsage_inOneLine() {
        Result r = run("enroll", "--use-first");
        assertEquals(2, r.code());
        assertEquals("coach bench enroll: --use-first says when the --use takes are heard; give --use N as well\n", r.err());
    }

    @Test
    void enroll_relearnWithoutUndo_isBadUsage_inOneLine() {
        Result r = run("enroll", "--use", "3", "--relearn-undone");
        assertEquals(2, r.code());
        assertEquals("coach bench enroll: --relearn-undone says what an undone command teaches; give --undo-misheard as"
                + " well\n", r.err());
    }

    @Test
    void enroll_undoMisheardWithoutUse_isBadUsage_inOneLine() {
        Result r = run("enroll", "--undo-misheard");
        assertEquals(2, r.code());
        assertEquals("coach bench enroll: --undo-misheard says what is learned in use; give --use N as well\n", r.err());
    }

    @Test
    void enroll_moreTakesOfANonDigit_isBadUsage_inOneLine() {
        Result r = run("enroll", "--more", "11=2");
        assertEquals(2, r.code());
        assertEquals("coach bench enroll: --more takes DIGIT=TAKES, a digit 0-9 and 1-20 takes, got 11=2\n", r.err());
    }

    @Test
    void enroll_moreTakesOfSix_enrolsThemAndSaysSixHasFewerTestTakesLeft() throws Exception {
        // george's takes 3-13 of "two" and "six" (src/test/resources/enroll): with --takes 3 --more 6=2 the profile has
        // takes 3-5 of two and 3-7 of six, leaving 8 test takes of two (6-13) and only 6 of six (8-13).
        Path fsdd = Files.createDirectories(dir.resolve("eval/fsdd"));
        for (int digit : new int[] {2, 6}) {
            for (int take = 3; take <= 13; take++) {
                String name = digit + "_george_" + take + ".wav";
                try (java.io.InputStream in = getClass().getResourceAsStream("/enroll/" + name)) {
                    Files.copy(in, fsdd.resolve(name));
                }
            }
        }
        Result r = run("enroll", "--eval", dir.resolve("eval").toString(), "--speakers", "george", "--takes", "3",
                "--more", "6=2", "--test", "8", "--cross", "0",
                "--variant", "means+weights+phrase+templates/mp=2/wp=2/r=1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(" --more 6=2 "), r.out());
        assertTrue(r.out().contains("enrol on the first 3 takes of each digit (5 of 6), test on the next 8"), r.out());
        assertTrue(r.out().contains("george: fewer takes than asked: 6: 6 tested, not 8\n"), r.out());
        assertTrue(r.out().contains("; 8 of 8 takes, "), r.out());
        assertTrue(r.out().matches("(?s).*no profile \\d+ ms \\(14 clips\\).*"), r.out());
    }

    @Test
    void negativeMinutes_isOneLine() {
        Result r = run("rhythm", "--minutes", "-1");
        assertEquals(2, r.code());
        assertEquals("coach bench rhythm: --minutes must be from 0.1 to 1440, got -1.0\n", r.err());
    }

    @Test
    void ready_withNoStartsOrNoJar_isBadUsage() {
        Result zero = run("ready", "--runs", "0");
        assertEquals(2, zero.code());
        assertEquals("coach bench ready: --runs must be at least 1, got 0\n", zero.err());
        // The tests run from folders of classes: there is no jar to start a fresh coach from.
        Result fromClasses = run("ready", "--runs", "1");
        assertEquals(2, fromClasses.code());
        assertTrue(fromClasses.out().contains("ready: starts the coach from its jars"), fromClasses.out());
    }

    @Test
    void help_isAnswered() {
        Result r = run("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: bench"), r.out());
    }
}
