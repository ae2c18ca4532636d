package kz.aqkol.metering.meter;

import java.util.Set;
import kz.aqkol.contracts.MeterUnit;

/** What a meter measures, and the units its register may count in. */
public enum Utility {
    GAS(Set.of(MeterUnit.M3)),
    WATER(Set.of(MeterUnit.M3)),
    ELECTRICITY(Set.of(MeterUnit.KWH)),
    HEAT(Set.of(MeterUnit.GCAL, MeterUnit.KWH));

    private final Set<MeterUnit> units;

    Utility(Set<MeterUnit> units) {
        this.units = units;
    }

    public boolean measuresIn(MeterUnit unit) {
        return units.contains(unit);
    }

    public Set<MeterUnit> units() {
        return units;
    }
}
