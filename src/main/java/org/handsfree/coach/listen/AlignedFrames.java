package org.handsfree.coach.listen;

/**
 * Where the frames of an aligned stretch go, Gaussian by Gaussian: adaptation statistics, dense for a
 * whole enrolment ({@link Mllr}) or sparse for one command heard in use ({@link LearnedStats}).
 */
interface AlignedFrames {
    /** One more aligned frame. */
    void countFrame();

    /** One frame's share for a Gaussian (by pool index): its posterior, and the frame's vector of the Gaussian's stream. */
    void add(int gaussian, double posterior, float[] feature, int offset);

    /** One frame's share for a Gaussian in the mixture of a tied state's stream. */
    void addWeight(int senone, int stream, int g, double posterior);
}
