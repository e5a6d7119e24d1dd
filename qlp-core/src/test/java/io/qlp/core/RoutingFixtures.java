package io.qlp.core;

/** Answers and a request shared by tests outside this package. */
public final class RoutingFixtures {

    /** A request the answers below satisfy. */
    public static final String DESCRIPTION = "A class that adds two integers, with tests";
    /** An answer that compiles and passes its tests. */
    public static final String RIGHT = CapsuleGeneratorEndToEndTest.FIXED_ANSWER;

    private RoutingFixtures() {
    }

    /** An answer that compiles and fails its tests, different for each variant. */
    public static String wrong(int variant) {
        return CapsuleGeneratorEndToEndTest.wrongAnswer(variant);
    }
}
