package kz.aqkol.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    record Tariff(String unitName, long standingChargeTiyn) {
    }

    @Test
    void writesExactlyWhatTheGivenMapperWrites() throws JsonProcessingException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", List.of(1, 2));
        value.put("a", null);
        ObjectMapper plain = new ObjectMapper();
        assertThat(JsonText.write(plain, value)).isEqualTo(plain.writeValueAsString(value))
                .isEqualTo("{\"b\":[1,2],\"a\":null}");
    }

    @Test
    void keepsTheMappersCustomisations() {
        ObjectMapper snake = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        assertThat(JsonText.write(snake, new Tariff("m3", 150)))
                .isEqualTo("{\"unit_name\":\"m3\",\"standing_charge_tiyn\":150}");
        assertThat(JsonText.write(new ObjectMapper(), new Tariff("m3", 150)))
                .isEqualTo("{\"unitName\":\"m3\",\"standingChargeTiyn\":150}");
    }

    @Test
    void nullIsJsonNull() {
        assertThat(JsonText.write(new ObjectMapper(), null)).isEqualTo("null");
    }

    @Test
    void aValueThatCannotBeWrittenFailsUnchecked() {
        assertThatThrownBy(() -> JsonText.write(new ObjectMapper(), new Object()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot write Object as JSON")
                .hasCauseInstanceOf(JsonProcessingException.class);
    }
}
