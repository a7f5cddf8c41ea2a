package org.handsfree.coach.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class RoomTest {
    @Test
    void theCoachsOutputComesBackDelayedAndAttenuated_addedToWhatTheSourceHears() throws BadAudioException {
        short[] heard = new short[4000];
        java.util.Arrays.fill(heard, (short) 100);
        PlayedSignal played = new PlayedSignal();
        Room room = new Room(SampleStream.of(heard), played, -6, 40);
        short[] out = new short[160];
        short[] voice = new short[160];
        java.util.Arrays.fill(voice, (short) 10000);
        long now = 0;
        int[] firstSample = new int[25];
        for (int f = 0; f < 25; f++, now += 160) {
            assertEquals(160, room.readFully(out, 0, 160));
            firstSample[f] = out[0];
            // The loop plays the frame at `now` after hearing it: the coach talks from frame 2 to frame 5.
            played.write(f >= 2 && f < 6 ? voice : new short[160], 160, now);
        }
        int echo = (int) Math.round(10000 * Levels.fromDb(-6));
        assertEquals(5012, echo);
        // 40 ms is 4 frames: the voice played in frames 2-5 is heard in frames 6-9, over the source's own 100.
        for (int f = 0; f < 25; f++) {
            assertEquals(f >= 6 && f < 10 ? 100 + echo : 100, firstSample[f], "frame " + f);
        }
    }

    @Test
    void whatIsNotPlayedYet_isSilence() {
        PlayedSignal played = new PlayedSignal();
        played.write(new short[] {7, 8, 9}, 3, 0);
        assertEquals(9, played.at(2));
        assertEquals(0, played.at(3));
        assertEquals(0, played.at(-1));
    }
}
