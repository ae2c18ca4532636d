package kz.aqkol.platform.ngsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NgsiRequestTest {

    @Test
    void defaultsAreEveryTypeTwentyFromTheStartNormalized() {
        NgsiRequest request = NgsiRequest.parse(Map.of());
        assertThat(request.types()).isEmpty();
        assertThat(request.ids()).isEmpty();
        assertThat(request.limit()).isEqualTo(20);
        assertThat(request.offset()).isZero();
        assertThat(request.simplified()).isFalse();
    }

    @Test
    void typesIdsPagingAndTheSimplifiedFormAreRead() {
        NgsiRequest request = NgsiRequest.parse(Map.of("type", List.of("Device,Alert"),
                "id", List.of("urn:ngsi-ld:Device:a,urn:ngsi-ld:Device:b"), "limit", List.of("1000"),
                "offset", List.of("40"), "options", List.of("keyValues")));
        assertThat(request.types()).containsExactly("Device", "Alert");
        assertThat(request.ids()).containsExactly("urn:ngsi-ld:Device:a", "urn:ngsi-ld:Device:b");
        assertThat(request.limit()).isEqualTo(1000);
        assertThat(request.offset()).isEqualTo(40);
        assertThat(request.simplified()).isTrue();
        assertThat(NgsiRequest.parse(Map.of("format", List.of("simplified"))).simplified()).isTrue();
    }

    @Test
    void badValuesAreBadRequestDataAndMissingFeaturesAreNotSupported() {
        for (Map<String, List<String>> bad : List.of(Map.of("limit", List.of("0")), Map.of("limit", List.of("1001")),
                Map.of("offset", List.of("-1")), Map.of("id", List.of("plain")), Map.of("type", List.of("a b")),
                Map.of("type", List.of("Device,")), Map.of("options", List.of("bogus")),
                Map.of("limit", List.of("1", "2")))) {
            assertThatThrownBy(() -> NgsiRequest.parse(bad)).isInstanceOfSatisfying(NgsiError.class,
                    e -> assertThat(e.details().type()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/BadRequestData"));
        }
        assertThatThrownBy(() -> NgsiRequest.parse(Map.of("q", List.of("a==1")))).isInstanceOfSatisfying(
                NgsiError.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void anEntityRendersNormalizedAndSimplified() {
        NgsiEntity entity = NgsiEntity.of("Device", "cam-1").property("deviceState", "ONLINE")
                .property("value", 3, "MTQ").property("absent", null).point("location", 70.9, 52.0)
                .relationship("refDeviceModel", "urn:ngsi-ld:DeviceModel:x");
        assertThat(entity.keyValues()).containsEntry("id", "urn:ngsi-ld:Device:cam-1")
                .containsEntry("deviceState", "ONLINE").containsEntry("value", 3)
                .containsEntry("refDeviceModel", "urn:ngsi-ld:DeviceModel:x").doesNotContainKey("absent");
        assertThat(entity.normalized().get("value")).isEqualTo(Map.of("type", "Property", "value", 3,
                "unitCode", "MTQ"));
        assertThat(entity.normalized().get("location")).isEqualTo(Map.of("type", "GeoProperty", "value",
                Map.of("type", "Point", "coordinates", List.of(70.9, 52.0))));
        assertThat(entity.normalized().get("refDeviceModel")).isEqualTo(Map.of("type", "Relationship",
                "object", "urn:ngsi-ld:DeviceModel:x"));
        assertThat(NgsiLd.localId("Device", entity.id())).isEqualTo("cam-1");
        assertThat(NgsiLd.localId("Alert", entity.id())).isNull();
    }
}
