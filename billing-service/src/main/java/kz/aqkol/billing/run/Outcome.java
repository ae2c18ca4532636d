package kz.aqkol.billing.run;

/** What a bill run did with one account ({@code bill_run_item.status}), in the order the view lists them. */
enum Outcome {
    INVOICED, ALREADY_INVOICED, PENDING, NO_METERS
}
