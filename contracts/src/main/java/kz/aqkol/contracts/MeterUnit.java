package kz.aqkol.contracts;

/** The unit a meter's register counts in: cubic metres (gas, water), kilowatt-hours, gigacalories (heat). */
public enum MeterUnit {
    M3, KWH, GCAL
}
