package kz.aqkol.billing.adjustment;

import jakarta.validation.constraints.Size;

/** A second person's word on a proposed adjustment; a rejection must say why. */
public record Decision(@Size(max = 500) String note) {
}
