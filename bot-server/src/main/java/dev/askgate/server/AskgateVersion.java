package dev.askgate.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven wrote into {@code version.properties} at build time, for {@code askgate version}. */
final class AskgateVersion {
    private AskgateVersion() {
    }

    /** The version, or {@code unknown} when the build left none (classes run straight from an IDE). */
    static String read() {
        var properties = new Properties();
        try (InputStream stream = AskgateVersion.class.getResourceAsStream("version.properties")) {
            if (stream != null) properties.load(stream);
        } catch (IOException e) {
            // the version is only informative
        }
        return properties.getProperty("version", "unknown");
    }
}
