package kz.aqkol.devstack.launcher;

/**
 * Why a command could not do its job, in words an operator can act on, and the exit code that tells a script
 * why: 2 for a command used wrongly, 1 for anything else.
 */
public final class CommandFailure extends RuntimeException {

    private final int exitCode;

    private CommandFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CommandFailure failed(String message) {
        return new CommandFailure(message, 1);
    }

    public static CommandFailure usage(String message) {
        return new CommandFailure(message, 2);
    }

    int exitCode() {
        return exitCode;
    }
}
