package kz.aqkol.metering.detection;

import kz.aqkol.contracts.Severity;

/** What the detectors look for in a meter's recent readings; the name is the alert type. */
public enum Condition {
    /** Gas or water flowed in every hour of the last 24: something is open or leaking. */
    LEAK(Severity.MAJOR, "Flow in every hour of the last 24 h"),
    /** The register went backwards without wrapping: tampering or backflow. */
    TAMPER(Severity.MAJOR, "Register went backwards in the last 24 h"),
    /** Flow above what the utility allows per hour. */
    SPIKE(Severity.MINOR, "Flow above the utility's maximum in the last 24 h"),
    /** No reading for longer than allowed. */
    SILENT(Severity.WARNING, "No reading for longer than allowed");

    private final Severity severity;
    private final String summary;

    Condition(Severity severity, String summary) {
        this.severity = severity;
        this.summary = summary;
    }

    public Severity severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }
}
