package kz.aqkol.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import kz.aqkol.devstack.launcher.LocalStack;
import kz.aqkol.devstack.launcher.Service;
import org.junit.jupiter.api.Test;

/**
 * What only development may do is refused by a production start: the packaged billing-service, told it runs in
 * production with the demo's clock offset and the development token issuer, does not start, and says why.
 */
class ProductionStartIT {

    @Test
    void aProductionStartRefusesAClockOffsetAndTheDevelopmentIssuer() throws Exception {
        LocalStack stack = Village.stack();
        try {
            stack.configure(Service.BILLING, "aqkol.deployment", "production")
                    .configure(Service.BILLING, "aqkol.clock.offset", "P66D");
            assertThatThrownBy(() -> stack.restart(Service.BILLING)).hasMessageContaining("did not start");

            String log = Files.readString(stack.log(Service.BILLING));
            assertThat(log).contains("refusing to start in production")
                    .contains("aqkol.clock.offset is PT1584H")
                    .contains("mp.jwt.verify.issuer is the development issuer");
            assertThat(stack.isReady(Service.BILLING)).isFalse();
        } finally {
            stack.configure(Service.BILLING, "aqkol.deployment", "development")
                    .configure(Service.BILLING, "aqkol.clock.offset", "PT0S")
                    .restart(Service.BILLING);
        }
        // restart waited until ready; a loaded machine may answer one readiness probe late, so ask for a while
        await("billing-service ready again in development").atMost(Duration.ofSeconds(30))
                .until(() -> stack.isReady(Service.BILLING));
    }
}
