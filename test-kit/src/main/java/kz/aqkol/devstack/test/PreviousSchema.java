package kz.aqkol.devstack.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import kz.aqkol.devstack.Postgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A database of its own on the tests' PostgreSQL, migrated by the service's migrations (its own and platform's, from
 * the class path) only up to an older version, so a test can store rows as that version did and then watch the
 * remaining migrations carry them over, as an upgrade in a cluster would. Flyway runs as the server's user, who is
 * also the runtime role here (nothing to grant).
 */
public final class PreviousSchema {

    private final Postgres postgres;
    private final String database;

    private PreviousSchema(Postgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    /** Recreates {@code database} and migrates it up to {@code version} (inclusive). */
    public static PreviousSchema at(String database, String version) {
        PreviousSchema schema = new PreviousSchema(TestStack.stack().postgres(), database);
        schema.postgres.recreateDatabase(database);
        schema.flyway().target(version).load().migrate();
        return schema;
    }

    public Connection connect() throws SQLException {
        return postgres.connect(database);
    }

    /** Applies the remaining migrations; returns how many ran. */
    public int migrate() {
        return flyway().load().migrate().migrationsExecuted;
    }

    private FluentConfiguration flyway() {
        return Flyway.configure()
                .dataSource(postgres.jdbcUrl(database), postgres.user(), System.getenv(Postgres.PASSWORD_VARIABLE))
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .placeholders(Map.of("runtime_role", postgres.user()));
    }
}
