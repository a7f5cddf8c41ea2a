package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EndpointerTest {
    private static Endpointer endpointer() {
        return endpointer(30, 30);
    }

    private static Endpointer endpointer(int hangFrames, int overrunHangFrames) {
        return new Endpointer(12, 8, hangFrames, 15, 400, -55,
                new SelfHearing(new RecognizerSettings.Self(6, 4800, 0.6, 1e-4)), 0.05, overrunHangFrames);
    }

    /** One second of quiet, {@code loudFrames} at -30 dBFS, one second of quiet; the echo level is given per part. */
    private static List<Endpointer.Stretch> run(Endpointer e, int loudFrames, double echoDuringSound, double echoAfter) {
        List<Endpointer.Stretch> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.addAll(e.accept(-70, Double.NEGATIVE_INFINITY));
        }
        for (int i = 0; i < loudFrames; i++) {
            out.addAll(e.accept(-30, echoDuringSound));
        }
        for (int i = 0; i < 100; i++) {
            out.addAll(e.accept(i < 60 ? -33 : -70, echoAfter));
        }
        out.addAll(e.finish());
        return out;
    }

    @Test
    void soundAboveTheFloor_isOneStretch_endingAfterTheHang() {
        List<Endpointer.Stretch> s = run(endpointer(), 50, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertEquals(1, s.size());
        // The -33 dB tail counts as sound too: the stretch runs until 30 quiet frames after it.
        assertEquals(100 + 50 + 60 + 29, s.get(0).last());
        // It starts at the beginning of the five-frame window in which three frames were loud.
        assertEquals(100 + 2 - 4, s.get(0).voicedStart());
    }

    @Test
    void soundNoLouderThanTheCoachsRemainingEcho_startsNothing() {
        assertEquals(List.of(), run(endpointer(), 50, -33, -33));
    }

    @Test
    void theCoachsEcho_afterAUsersWord_doesNotKeepTheStretchOpen() {
        // The user's word stands 20 dB above the echo; the echo that follows (-33 dB) is masked, so the
        // stretch ends 30 frames after the word instead of after the echo.
        List<Endpointer.Stretch> s = run(endpointer(), 50, -50, -35);
        assertEquals(1, s.size());
        assertEquals(100 + 50 + 29, s.get(0).last());
    }

    /** Feeds {@code parts} as (frames, level dBFS) pairs and returns every stretch, the open one included. */
    private static List<Endpointer.Stretch> levels(Endpointer e, double... parts) {
        List<Endpointer.Stretch> out = new ArrayList<>();
        for (int p = 0; p < parts.length; p += 2) {
            for (int i = 0; i < (int) parts[p]; i++) {
                out.addAll(e.accept(parts[p + 1]));
            }
        }
        out.addAll(e.finish());
        return out;
    }

    @Test
    void soundThatRunsPastTheLongestStretch_isOneStretch_andItsRestIsNotANewOne() {
        // Six seconds of talk: closed at four (maxFrames 400); the last two are more of the same, not a command.
        List<Endpointer.Stretch> s = levels(endpointer(), join(new double[] {100, -70}, talk(600), new double[] {100, -70}));
        assertEquals(1, s.size(), s.toString());
        assertEquals(400, s.get(0).last() - s.get(0).voicedStart() + 1);
        // A pause shorter than the hang (20 of 30 frames) does not end the running talk either.
        assertEquals(1, levels(endpointer(), join(new double[] {100, -70}, talk(610), new double[] {20, -70}, talk(50),
                new double[] {100, -70})).size());
    }

    /** Talk: syllables at -30 dBFS and the dips between them at -50, 10 frames each, {@code frames} long (an odd number of tens ends on a syllable). */
    private static double[] talk(int frames) {
        double[] parts = new double[2 * ((frames + 9) / 10)];
        for (int i = 0; i < parts.length; i += 2) {
            parts[i] = Math.min(10, frames - 5 * i);
            parts[i + 1] = (i / 2) % 2 == 0 ? -30 : -50;
        }
        return parts;
    }

    private static double[] join(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void afterRunningSound_aPauseAsLongAsTheHang_letsTheNextWordBeAStretch() {
        List<Endpointer.Stretch> s = levels(endpointer(), 100, -70, 600, -30, 40, -70, 50, -30, 100, -70);
        assertEquals(2, s.size());
        assertEquals(100 + 600 + 40, s.get(1).voicedStart(), 4);
    }

    @Test
    void aShortHang_endsACommandSooner_butAPauseInsideRunningTalk_needsTheOverrunsLongerOne() {
        // A word closes 15 quiet frames after its last sound (hang 15), not 25.
        List<Endpointer.Stretch> word = levels(endpointer(15, 25), 100, -70, 50, -30, 100, -70);
        assertEquals(1, word.size());
        assertEquals(100 + 50 - 1 + 15, word.get(0).last());
        // Talk past the longest stretch with a pause of 20 frames, longer than that hang and shorter than the
        // overrun's: the rest is more of the same talk, not a stretch of its own.
        double[] pausedTalk = join(new double[] {100, -70}, talk(610), new double[] {20, -70}, talk(50),
                new double[] {100, -70});
        assertEquals(1, levels(endpointer(15, 25), pausedTalk).size());
        // With the overrun's pause as short as that hang, the rest would be a new stretch (the bug this guards).
        assertEquals(2, levels(endpointer(15, 15), pausedTalk).size());
    }

    @Test
    void endNow_endsTheOpenStretchWithTheLastFrame_andTheNextSoundIsAStretchOfItsOwn() {
        Endpointer e = endpointer();
        List<Endpointer.Stretch> s = new ArrayList<>();
        double[] parts = {100, -70, 50, -30, 15, -70};
        for (int p = 0; p < parts.length; p += 2) {
            for (int i = 0; i < (int) parts[p]; i++) {
                s.addAll(e.accept(parts[p + 1]));
            }
        }
        assertEquals(List.of(), s, "still open: 15 of 30 quiet frames");
        assertEquals(15, e.quietFrames());
        Endpointer.Stretch open = e.current();
        List<Endpointer.Stretch> ended = e.endNow();
        assertEquals(List.of(open), ended);
        assertEquals(100 + 50 + 15 - 1, ended.get(0).last());
        assertEquals(List.of(), e.endNow(), "nothing is open any more");
        // A word 20 frames later (inside what would have been the hang) starts a stretch of its own.
        List<Endpointer.Stretch> next = levels(e, 20, -70, 30, -30, 100, -70);
        assertEquals(1, next.size());
        assertEquals(100 + 50 + 15 + 20, next.get(0).voicedStart(), 4);
    }

    @Test
    void aSoundThatNeverStops_becomesTheRoom_andAWordAboveItIsHeard() {
        // A minute of a machine at -30 dBFS: the floor rises to it, so the first four seconds are the only
        // stretch it makes; a word 25 dB above it then starts a stretch of its own.
        List<Endpointer.Stretch> s = levels(endpointer(), 100, -70, 6000, -30, 50, -5, 100, -30);
        assertEquals(2, s.size());
        assertEquals(100 + 6000, s.get(1).voicedStart(), 4);
    }

    @Test
    void aNoiseThatStarts_becomesTheRoomWithinHalfASecondOfRunningTooLong() {
        // A fan at -30 dBFS switched on in a quiet room runs six seconds: it is one stretch of four seconds, then
        // the room; a word 15 dB above the fan two seconds later is a stretch of its own. (A floor that crept up
        // at its between-stretches pace was still 20 dB below the fan then: the word was more of the fan.)
        List<Endpointer.Stretch> s = levels(endpointer(), 100, -70, 600, -30, 50, -15, 100, -30);
        assertEquals(2, s.size(), s.toString());
        assertEquals(100 + 600, s.get(1).voicedStart(), 4);
        assertEquals(-30, s.get(1).floorDb(), 3);
    }
}
