package kz.aqkol.contracts;

/** Alert severity, most urgent first. */
public enum Severity {
    CRITICAL, MAJOR, MINOR, WARNING, INFO
}
