package kz.aqkol.metering;

import io.quarkus.test.junit.QuarkusTest;
import kz.aqkol.devstack.test.OpenApiDocument;
import org.junit.jupiter.api.Test;

/** The API the service serves is the one committed in docs/openapi/, which the production ingress routes. */
@QuarkusTest
class OpenApiIT {

    @Test
    void servesTheCommittedOpenApiDocument() {
        OpenApiDocument.servedMatchesCommitted("metering-service");
    }
}
