package dev.ovnet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code ovnet --version}: the version and the commit it was built from. */
public final class VersionProvider implements IVersionProvider {

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version file: a development build
        }
        return p.getProperty("version", "dev") + " (commit " + p.getProperty("commit", "unknown") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ovnet " + version()};
    }
}
