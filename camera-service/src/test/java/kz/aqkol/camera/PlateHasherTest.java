package kz.aqkol.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kz.aqkol.camera.event.PlateHasher;
import org.junit.jupiter.api.Test;

class PlateHasherTest {

    @Test
    void theSamePlateWrittenDifferentlyHashesAlikeAndNeverShowsItself() {
        PlateHasher hasher = new PlateHasher("a-key-of-sixteen-characters");

        String hash = hasher.hash("123 abc 02");

        assertThat(hash).isEqualTo(hasher.hash("123ABC02")).hasSize(64).doesNotContainIgnoringCase("123abc02");
    }

    @Test
    void anotherKeyGivesAnotherHashSoHashesCannotBeMatchedWithoutTheKey() {
        assertThat(new PlateHasher("a-key-of-sixteen-characters").hash("123ABC02"))
                .isNotEqualTo(new PlateHasher("another-key-sixteen-chars").hash("123ABC02"));
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new PlateHasher("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
