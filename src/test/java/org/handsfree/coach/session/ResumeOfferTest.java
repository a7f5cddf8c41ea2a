package org.handsfree.coach.session;

import static org.handsfree.coach.session.SessionDriver.said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handsfree.coach.session.Intent.Kind;
import org.junit.jupiter.api.Test;

/** A session that starts by offering to go on where an unfinished one ended. */
final class ResumeOfferTest {
    private static SessionDriver offering(int step) {
        SessionDriver d = new SessionDriver();
        d.log.clear();
        d.apply(d.session.offerResume(step, d.now));
        return d;
    }

    @Test
    void offer_asksAboutTheStep_andWaitsForAnAnswer() {
        SessionDriver d = offering(4);
        List<String> said = said(d.log.stream().map(SessionDriver.Timed::action).toList());
        assertEquals(1, said.size());
        assertTrue(said.get(0).startsWith("Test routine. Welcome back. Last time you stopped at step 4: Short hold."), said.get(0));
        assertTrue(said.get(0).endsWith("Resume at step 4? Say yes or no."), said.get(0));
        assertEquals(Mode.CONFIRMING, d.state.mode());
        assertEquals(4, d.state.step());
    }

    @Test
    void yes_goesOnAtThatStep() {
        SessionDriver d = offering(4);
        assertEquals(List.of("Step 4. Hold one to two minutes."), said(d.say(Kind.YES)));
        assertEquals(Mode.NARRATING, d.state.mode());
        assertEquals(4, d.state.step());
        d.speechDone();
        assertEquals(Mode.HOLDING, d.state.mode());
    }

    @Test
    void no_startsFromTheBeginning_withTheIntroAndSafetyNotes() {
        SessionDriver d = offering(4);
        List<String> said = said(d.say(Kind.NO));
        assertEquals(2, said.size(), "step 1 is read once the safety notes have been heard");
        assertTrue(said.get(0).startsWith("Test routine. Hello."));
        assertTrue(said.get(1).contains("Be gentle."));
        assertEquals(1, d.state.step());
        assertEquals(Mode.NARRATING, d.state.mode());
    }

    @Test
    void noAnswer_goesOnAtThatStep_afterTheTimeout() {
        SessionDriver d = offering(3);
        assertEquals(List.of(), said(d.advance(14)));
        List<String> said = said(d.advance(2));
        assertEquals(List.of("No answer, so we go on from step 3. Step 3. Keep going for three to five minutes."), said);
        assertEquals(3, d.state.step());
    }

    @Test
    void somethingElse_asksAgain_andKeepsTheOffer() {
        SessionDriver d = offering(3);
        assertEquals(List.of("Resume at step 3? Please say yes or no."), said(d.say(Kind.FASTER)));
        assertEquals(Mode.CONFIRMING, d.state.mode());
        assertEquals(List.of("Step 5. The last thing."), said(d.say(Intent.of(Kind.GOTO, 5))));
    }

    @Test
    void aStepOneOrOutOfRange_isAPlainStart() {
        for (int step : new int[] {1, 0, 6}) {
            SessionDriver d = offering(step);
            assertEquals(Mode.NARRATING, d.state.mode());
            assertEquals(1, d.state.step());
        }
    }
}
