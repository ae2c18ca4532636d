package kz.aqkol.devstack.launcher;

import kz.aqkol.devstack.FreePort;

/**
 * A port on 127.0.0.1 that the local stack listens on: a documented default, or the number in an environment
 * variable. It keeps the variable's name so that a clash can tell the operator how to move out of the way.
 */
record LocalPort(int number, String variable) {

    static LocalPort from(String variable, int defaultNumber) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return new LocalPort(defaultNumber, variable);
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1 && number <= 65535) {
                return new LocalPort(number, variable);
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw CommandFailure.usage(variable + " must be a port number from 1 to 65535, not '" + value + "'");
    }

    /** The port {@code offset} above this one, moved by the same variable. */
    LocalPort plus(int offset) {
        int moved = number + offset;
        if (moved > 65535) {
            throw CommandFailure.usage("%s=%d leaves no room for the replicas' ports up to %d: choose a lower port"
                    .formatted(variable, number, moved));
        }
        return new LocalPort(moved, variable);
    }

    /** A port nobody listens on now, for a stack beside others; no variable moves it. */
    static LocalPort free() {
        return new LocalPort(FreePort.find(), "(a free port)");
    }

    boolean isTaken() {
        return FreePort.isTaken(number);
    }
}
