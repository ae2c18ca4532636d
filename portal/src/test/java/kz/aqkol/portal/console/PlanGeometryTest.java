package kz.aqkol.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import kz.aqkol.portal.console.PlanGeometry.LatLon;
import kz.aqkol.portal.console.PlanGeometry.Xy;
import org.junit.jupiter.api.Test;

class PlanGeometryTest {

    // two cameras 0.01° apart in latitude at the village's latitude: 1,112 m north-south
    private static final LatLon SOUTH_WEST = new LatLon(51.65, 73.10);
    private static final LatLon NORTH_EAST = new LatLon(51.66, 73.13);

    @Test
    void northIsUpAndEastIsRightAndEveryPointKeepsTheMargin() {
        PlanGeometry plan = PlanGeometry.fitting(List.of(SOUTH_WEST, NORTH_EAST), 640, 440, 48);
        Xy sw = plan.place(SOUTH_WEST);
        Xy ne = plan.place(NORTH_EAST);
        assertThat(ne.y()).isLessThan(sw.y());
        assertThat(ne.x()).isGreaterThan(sw.x());
        for (Xy p : List.of(sw, ne)) {
            assertThat(p.x()).isBetween(48.0, 592.0);
            assertThat(p.y()).isBetween(48.0, 392.0);
        }
        // the wider extent (east-west, 0.03° × cos 51.655° ≈ 2,073 m) fills the width between the margins
        assertThat(ne.x() - sw.x()).isCloseTo(544.0, within(0.2));
    }

    @Test
    void bothAxesHaveTheSameScaleSoDistancesAreTrue() {
        LatLon north = new LatLon(51.66, 73.10);
        PlanGeometry plan = PlanGeometry.fitting(List.of(SOUTH_WEST, NORTH_EAST, north), 640, 440, 48);
        double northSouth = plan.place(SOUTH_WEST).y() - plan.place(north).y();
        double eastWest = plan.place(NORTH_EAST).x() - plan.place(north).x();
        // 0.01° of latitude against 0.03° of longitude shortened by cos(51.655°): 1 : 1.862
        assertThat(eastWest / northSouth).isCloseTo(3 * Math.cos(Math.toRadians(51.655)), within(0.01));
        assertThat(plan.metres(northSouth)).isCloseTo(1_112.0, within(2.0));
    }

    @Test
    void aSinglePointOrPointsInOnePlaceAreDrawnInTheMiddle() {
        PlanGeometry one = PlanGeometry.fitting(List.of(SOUTH_WEST), 640, 440, 48);
        assertThat(one.place(SOUTH_WEST)).isEqualTo(new Xy(320, 220));
        PlanGeometry same = PlanGeometry.fitting(List.of(SOUTH_WEST, SOUTH_WEST), 640, 440, 48);
        assertThat(same.place(SOUTH_WEST)).isEqualTo(new Xy(320, 220));
        assertThat(same.metres(1)).isPositive().isFinite();
    }

    @Test
    void pointsOnOneMeridianAreCentredAcross() {
        LatLon north = new LatLon(51.66, 73.10);
        PlanGeometry plan = PlanGeometry.fitting(List.of(SOUTH_WEST, north), 640, 440, 48);
        assertThat(plan.place(SOUTH_WEST).x()).isEqualTo(320.0);
        assertThat(plan.place(north)).isEqualTo(new Xy(320, 48));
        assertThat(plan.place(SOUTH_WEST).y()).isEqualTo(392.0);
    }

    @Test
    void theCentreOfAZoneIsTheMeanOfItsCameras() {
        assertThat(PlanGeometry.centre(List.of(SOUTH_WEST, NORTH_EAST))).isEqualTo(new LatLon(51.655, 73.115));
        assertThatThrownBy(() -> PlanGeometry.centre(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placesNotOnEarthAreRefused() {
        assertThatThrownBy(() -> new LatLon(91, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatLon(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
