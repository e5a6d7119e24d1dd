package io.qlp.cli;

/** The store commands on the default store: an H2 file under {@code qlp.data-dir}. */
class EmbeddedStoreCommandsTest extends AbstractStoreCommandsTest {

    @Override
    protected String storeYaml() {
        return "  data-dir: " + workspace.resolve("data");
    }
}
