package kz.aqkol.billing.run;

/** A bill run's state ({@code bill_run.status}). */
enum RunStatus {
    RUNNING, COMPLETED, FAILED
}
