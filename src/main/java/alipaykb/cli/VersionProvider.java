package alipaykb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version written into the build. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/alipaykb/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"alipay-kb " + properties.getProperty("version", "(development build)"),
                "Drools " + properties.getProperty("drools", "?") + ", Java " + System.getProperty("java.version")};
    }
}
