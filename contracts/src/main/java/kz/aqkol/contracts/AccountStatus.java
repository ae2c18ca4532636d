package kz.aqkol.contracts;

/** A billing account's standing: BLOCKED means supply may be cut, anything else restores it. */
public enum AccountStatus {
    ACTIVE, OVERDUE, BLOCKED, CLOSED
}
