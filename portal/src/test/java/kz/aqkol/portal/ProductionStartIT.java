package kz.aqkol.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The development sign-in is refused by a production start: the packaged portal, told it runs in production with
 * the local stack's sign-in (plain http on the loopback address), does not start, and says why.
 */
class ProductionStartIT {

    private static final Path APP = Path.of("target/quarkus-app");

    @Test
    void aProductionStartRefusesTheDevelopmentSignIn() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "portal-production-", ".log");
        Process portal = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daqkol.deployment=production",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + freePort(),
                "-Dquarkus.oidc.auth-server-url=http://127.0.0.1:" + freePort(),
                "-jar", "quarkus-run.jar"))
                .directory(APP.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(portal.waitFor(90, TimeUnit.SECONDS)).as("the portal exits on its own").isTrue();
            assertThat(portal.exitValue()).isNotZero();
            assertThat(Files.readString(log))
                    .contains("refusing a production start")
                    .contains("the identity provider must be reached over https")
                    .contains("must not be on the loopback address");
        } finally {
            portal.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
