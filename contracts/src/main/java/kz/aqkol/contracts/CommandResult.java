package kz.aqkol.contracts;

/** Whether a meter carried out a command. */
public enum CommandResult {
    DONE, FAILED
}
