package kz.aqkol.alert.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderTest {

    @Test
    void aServiceSendsOnlyUnderItsOwnName() {
        Sender metering = Sender.service("metering-service");

        assertThat(metering.refuses("metering-service")).isEmpty();
        assertThat(metering.refuses("camera-service")).contains("an alert speaks only for its sender: "
                + "metering-service cannot raise or resolve alerts of camera-service");
    }

    @Test
    void aPersonSendsUnderANameNoServiceHasAndIsToldWhereStaffResolve() {
        Sender dana = Sender.person("op-dana");

        assertThat(dana.source()).isEqualTo("person.op-dana");
        assertThat(dana.isPerson()).isTrue();
        assertThat(dana.refuses("person.op-dana")).isEmpty();
        assertThat(dana.refuses("op-dana")).as("a service named like the person").isPresent();
        assertThat(dana.refuses("camera-service")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("person.op-dana cannot raise or resolve alerts of camera-service")
                .endsWith("staff resolve another's alert through POST /alerts/{id}/resolve"));
    }
}
