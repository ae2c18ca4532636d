package kz.aqkol.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL: an embedded server from the binaries on Maven Central (no Docker, no install), or an
 * existing server named by a URL such as {@code postgresql://postgres@127.0.0.1:5432}. A server that asks for a
 * password gets the one in the standard {@value #PASSWORD_VARIABLE} environment variable: it is read where it is
 * used and handed to the services as a reference they resolve themselves, never held, parsed from a URL or copied
 * onto a command line.
 */
public final class Postgres implements AutoCloseable {

    /** The environment variable libpq and psql read a password from; the embedded server needs none. */
    public static final String PASSWORD_VARIABLE = "PGPASSWORD";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String user;
    private final EmbeddedPostgres embedded;

    private Postgres(String host, int port, String user, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.embedded = embedded;
    }

    /**
     * Starts an embedded server on {@code port} (0: any free port). With {@code dataDirectory} null the data is
     * thrown away when it stops; otherwise it is kept there between runs. The caller stops it with {@link #close()}
     * (the owners of a {@link DevStack} do so in their shutdown hooks, after whatever uses it).
     */
    public static Postgres embedded(int port, Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on")
                    // no hook of its own: it would stop the server while services still use it, and fail to register
                    // if Ctrl-C comes during start-up, leaving the server running with nobody to stop it
                    .setRegisterShutdownHook(false);
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres server = builder.start();
            return new Postgres("127.0.0.1", server.getPort(), "postgres", server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /**
     * An existing server, e.g. {@code postgresql://postgres@127.0.0.1:5432}; its password, if it needs one, goes in
     * {@value #PASSWORD_VARIABLE}, not in the URL.
     */
    public static Postgres external(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String user = uri.getUserInfo() != null ? uri.getUserInfo() : "postgres";
        if (user.contains(":")) {
            throw new IllegalArgumentException("the PostgreSQL URL must not carry a password: set "
                    + PASSWORD_VARIABLE + " instead");
        }
        return new Postgres(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, null);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /**
     * The configuration a service needs to reach this server: host, port, user and, when the environment holds a
     * password, the expression {@code ${PGPASSWORD}}, which the service resolves from the environment it inherits.
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("aqkol.db.host", host);
        config.put("aqkol.db.port", Integer.toString(port));
        config.put("quarkus.datasource.username", user);
        if (System.getenv(PASSWORD_VARIABLE) != null) {
            config.put("quarkus.datasource.password", "${" + PASSWORD_VARIABLE + "}");
        }
        return config;
    }

    /**
     * The configuration of a service that runs as a role of its own, {@code <database>_runtime}, made here if
     * missing, while Flyway migrates as this server's user, the owner of what it creates: the platform's migration
     * then grants the runtime role the service's tables but no UPDATE, DELETE or TRUNCATE of its audit chain, as the
     * cluster's roles are set up (docs/operations.md). With a password in {@value #PASSWORD_VARIABLE}, the runtime
     * role gets the same one; the embedded server trusts local connections, but Quarkus asks for a Flyway password
     * beside the Flyway user all the same.
     */
    public Map<String, String> runtimeServiceConfig(String database) {
        checkName(database);
        String role = database + "_runtime";
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("""
                    do $$ begin create role %s login; exception when duplicate_object then null; end $$""".formatted(role));
            if (System.getenv(PASSWORD_VARIABLE) != null) {
                try (var password = connection.prepareStatement("select set_config('aqkol.password', ?, false)")) {
                    password.setString(1, System.getenv(PASSWORD_VARIABLE));
                    password.execute();
                }
                statement.execute("""
                        do $$ begin execute format('alter role %%I password %%L', '%s',
                        current_setting('aqkol.password')); end $$""".formatted(role));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the role " + role + " on " + host + ":" + port, e);
        }
        Map<String, String> config = serviceConfig();
        config.put("quarkus.flyway.username", user);
        config.put("quarkus.flyway.password", config.getOrDefault("quarkus.datasource.password", "trusted"));
        config.put("quarkus.datasource.username", role);
        return config;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates the database if it does not exist yet. */
    public void ensureDatabase(String name) {
        checkName(name);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + host + ":" + port, e);
        }
    }

    /** Drops the database (ending its sessions) and creates it empty. */
    public void recreateDatabase(String name) {
        checkName(name);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + name + " on " + host + ":" + port, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, System.getenv(PASSWORD_VARIABLE));
    }

    private static void checkName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
            }
        }
    }

    @Override
    public String toString() {
        return (embedded != null ? "embedded PostgreSQL" : "PostgreSQL") + " on " + host + ":" + port;
    }
}
