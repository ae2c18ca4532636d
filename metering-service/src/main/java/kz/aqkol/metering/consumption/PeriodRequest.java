package kz.aqkol.metering.consumption;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Meters and/or accounts, and one period [from, to). */
public record PeriodRequest(@Size(max = 1000) List<String> meters, @Size(max = 1000) List<String> accounts,
                            @NotNull Instant from, @NotNull Instant to) {

    @AssertTrue(message = "name at least one meter or account")
    public boolean isNamingSomething() {
        return meters != null && !meters.isEmpty() || accounts != null && !accounts.isEmpty();
    }
}
