package kz.aqkol.contracts;

/** The valve position a meter reports after a command. */
public enum ValveState {
    OPEN, CLOSED
}
