package kz.aqkol.devstack.launcher.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.Postgres;

/** Counts in the services' databases: how far they have stored what the village sent, and what the summary counts. */
final class ServiceDatabases {

    private final Postgres postgres;

    ServiceDatabases(Postgres postgres) {
        this.postgres = postgres;
    }

    long count(String database, String sql) throws SQLException {
        try (Connection db = postgres.connect(database);
             ResultSet result = db.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    String text(String database, String sql) throws SQLException {
        try (Connection db = postgres.connect(database);
             ResultSet result = db.createStatement().executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    /** The first two columns of each row as {@code {key=value, ...}}, or "none". */
    String groups(String database, String sql) throws SQLException {
        Map<String, String> groups = new LinkedHashMap<>();
        try (Connection db = postgres.connect(database);
             ResultSet result = db.createStatement().executeQuery(sql)) {
            while (result.next()) {
                groups.put(result.getString(1), result.getString(2));
            }
        }
        return groups.isEmpty() ? "none" : groups.toString();
    }

    /** Each row's columns as text. */
    List<List<String>> rows(String database, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection db = postgres.connect(database);
             ResultSet result = db.createStatement().executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
