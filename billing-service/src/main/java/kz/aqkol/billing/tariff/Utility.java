package kz.aqkol.billing.tariff;

/** What a tariff prices; the same names metering-service gives its meters. */
public enum Utility {
    GAS, WATER, ELECTRICITY, HEAT
}
