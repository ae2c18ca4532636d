package kz.aqkol.billing.run;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * metering-service's answer for one meter over a billing period ({@code POST /consumption/periods}): the registers
 * at the period's edges with their quality, and the consumption in between in the meter's unit.
 */
@RegisterForReflection
public record MeterPeriod(String meterId, String accountNumber, String utility, String unit, Instant from,
                          Instant to, Register startRegister, Register endRegister, BigDecimal consumption,
                          String quality, String method, Set<String> reasons) {

    @RegisterForReflection
    public record Register(Instant at, BigDecimal value, String quality) {
    }

    /** The request: meters and one period [from, to). */
    @RegisterForReflection
    public record Query(java.util.List<String> meters, Instant from, Instant to) {
    }
}
