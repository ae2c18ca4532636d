package kz.aqkol.metering;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** What every service must show: ready on real infrastructure, observable, guarded, and robust to bad input. */
@QuarkusTest
class MeteringServiceIT {

    @Test
    void isReadyWithItsDatabaseAndBrokerAndServesMetricsAndOpenApi() {
        ServiceChecks.readyWithDatabaseAndBroker("readings", "valve-acks", "account-status");
        ServiceChecks.servesMetricsAndOpenApi("metering-service");
    }

    @Test
    void metricsPassPrometheusStrictParserAsTextAndOpenMetricsAndCarryEveryDocumentedMetric() {
        ServiceChecks.metricsParseStrictlyAndMatchTheCatalogue("metering-service");
    }

    @Test
    void meterRegistryIsForOperatorsOnly() {
        ServiceChecks.guarded("/meters", Roles.OPERATOR, Roles.RESIDENT);
    }

    @Test
    void malformedMessagesOnEveryInboundTopicAreDeadLetteredAndTheServiceStaysReady() {
        String meter = "G-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceChecks.deadLettered("metering-service", Topics.meterReadings(meter),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":", "payload is not valid JSON");
        ServiceChecks.deadLettered("metering-service", Topics.meterCommandAcks(meter),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"commandId\":\""
                        + UUID.randomUUID() + "\",\"result\":\"MAYBE\",\"valve\":\"OPEN\"}", "result: must be one of");
        ServiceChecks.deadLettered("metering-service", Topics.ACCOUNT_STATUS,
                "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\","
                        + "\"status\":\"BLOCKED\",\"reason\":\"arrears\"}", "accountNumber: is required");
        ServiceChecks.readyWithDatabaseAndBroker("readings", "valve-acks", "account-status");
    }
}
