package io.qlp.validation.ecosystem;

import java.util.Optional;

/**
 * One project folder of the corpus and the verdicts it was written for.
 *
 * <p>Example: {@code EcosystemCase.passing(Ecosystem.PYTHON, "pricing-tests-folder", "conftest fixtures")}
 *
 * @param ecosystem whose command judges it
 * @param name the folder's name under the ecosystem's folder
 * @param ecosystemPasses whether the ecosystem's own command passes it
 * @param designedFor what the folder exercises and why it passes or fails
 * @param deliberateDifference when QLP fails a folder the ecosystem passes on purpose, why; empty when both agree
 */
record EcosystemCase(Ecosystem ecosystem, String name, boolean ecosystemPasses, String designedFor,
                     Optional<String> deliberateDifference) {

    /** A folder the ecosystem and QLP both pass. */
    static EcosystemCase passing(Ecosystem ecosystem, String name, String designedFor) {
        return new EcosystemCase(ecosystem, name, true, designedFor, Optional.empty());
    }

    /** A folder the ecosystem and QLP both fail. */
    static EcosystemCase failing(Ecosystem ecosystem, String name, String designedFor) {
        return new EcosystemCase(ecosystem, name, false, designedFor, Optional.empty());
    }

    /** A folder the ecosystem passes and QLP fails on purpose, for {@code why}. */
    static EcosystemCase qlpStricter(Ecosystem ecosystem, String name, String designedFor, String why) {
        return new EcosystemCase(ecosystem, name, true, designedFor, Optional.of(why));
    }

    /** QLP's verdict the folder was written for. */
    boolean qlpPasses() {
        return ecosystemPasses && deliberateDifference.isEmpty();
    }

    /** The folder's path relative to the corpus root, such as {@code python/pricing-tests-folder}. */
    String path() {
        return ecosystem.folder() + "/" + name;
    }

    @Override
    public String toString() {
        return path();
    }
}
