package org.handsfree.coach.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests that run the coach keep its state (progress, history, voice profile) in their own folder, never in the user's. */
abstract class PrivateStateTest {
    @TempDir
    Path dir;

    @BeforeEach
    void privateState() {
        System.setProperty("coach.state.dir", dir.resolve("state").toString());
    }

    @AfterAll
    static void noState() {
        System.clearProperty("coach.state.dir");
    }
}
