package kz.aqkol.platform.messaging;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Tells failures that will pass (the database restarting, a deadlock) from those a retry will not mend. */
final class Transience {

    private Transience() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                // 08 connection, 40 serialization/deadlock, 53 resources, 57 shutdown/cancel, 58 system error
                return state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57") || state.startsWith("58");
            }
            if (cause instanceof IOException || cause instanceof TimeoutException
                    || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException
                    || cause instanceof org.hibernate.exception.LockAcquisitionException
                    || cause instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
            if (cause.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable")) {
                return true; // the reactive pool's "Timeout" when no connection can be had
            }
        }
        return false;
    }
}
