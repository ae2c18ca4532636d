package kz.aqkol.billing.run;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A month to bill ({@code 2026-10}) and optionally the accounts (all when absent). */
public record BillRunRequest(@NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM")
                             String period,
                             @Size(min = 1, max = 100_000) List<@NotNull @Size(max = 64) String> accounts) {
}
