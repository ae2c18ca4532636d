package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.devstack.test.Spans;
import org.junit.jupiter.api.Test;

/** A bill run's calls to metering-service continue the trace of the request that started the run. */
@QuarkusTest
class TracingIT {

    @Test
    void theConsumptionFetchOfABillRunJoinsTheTraceOfTheRequestThatStartedIt() {
        Billing.tariff("WATER", "2019-01-01", 50_000, "[{\"priceTiyn\":1000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "12", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        String trace = Spans.traceId();

        String id = given().auth().oauth2(Billing.operator()).contentType("application/json")
                .header("traceparent", Spans.traceparent(trace, Spans.spanId()))
                .body("{\"period\":\"2019-02\",\"accounts\":[\"" + account + "\"]}")
                .when().post("/bill-runs").then().statusCode(202).extract().path("id");
        Billing.awaitRun(id);

        TraceContext fetched = TraceContext.of(FakeMetering.traceparent(meter), null);
        assertThat(fetched).as("metering-service was asked with a traceparent").isNotNull();
        assertThat(fetched.traceId()).isEqualTo(trace);
    }
}
