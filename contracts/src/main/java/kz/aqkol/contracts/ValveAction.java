package kz.aqkol.contracts;

/** What the platform asks a meter's valve to do. */
public enum ValveAction {
    CLOSE_VALVE, OPEN_VALVE
}
