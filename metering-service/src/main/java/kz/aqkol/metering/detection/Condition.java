package kz.aqkol.metering.detection;

import kz.aqkol.contracts.Severity;

/** What the detectors look for in a meter's recent readings; the name is the alert type. */
public enum Condition {
    /** Gas or water flowed in every hour of the last 24: something is open or leaking. */
    LEAK(Severity.MAJOR, "Flow in every hour of the last 24 h"),
    /** The register went backwards without wrapping, and the meter reported no reverse flow: tampering. */
    TAMPER(Severity.MAJOR, "Register went backwards in the last 24 h"),
    /**
     * The meter reports reverse flow ({@code REVERSE_FLOW} on its newest reading), or its register went backwards
     * while it reported reverse flow in the last 24 h: backflow, not tampering.
     */
    BACKFLOW(Severity.MINOR, "Reverse flow reported by the meter"),
    /**
     * The register was reset to zero in the last 24 h (the meter said so with RESET, or fell to near zero from
     * mid-range): its consumption counts from zero again, neither as tampering nor as a rollover.
     */
    REGISTER_RESET(Severity.WARNING, "Register reset in the last 24 h"),
    /** Flow above what the utility allows per hour. */
    SPIKE(Severity.MINOR, "Flow above the utility's maximum in the last 24 h"),
    /** No reading for longer than allowed. */
    SILENT(Severity.WARNING, "No reading for longer than allowed"),
    /** {@code BATTERY_LOW} on the meter's newest reading. */
    BATTERY_LOW(Severity.WARNING, "Meter battery low"),
    /** {@code MAGNETIC_TAMPER} on the meter's newest reading: a magnet held to the meter to slow its register. */
    MAGNETIC_TAMPER(Severity.MAJOR, "Magnet detected at the meter"),
    /** {@code VALVE_FAULT} on the meter's newest reading: its valve cannot move as commanded. */
    VALVE_FAULT(Severity.MAJOR, "Meter reports a valve fault");

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
