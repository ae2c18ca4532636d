package kz.aqkol.devstack.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tables a query really reads: runs it under {@code EXPLAIN (ANALYZE, FORMAT JSON)} and collects the relations
 * of the scan nodes that were executed at least once. A partition pruned when the query was planned is not in the
 * plan; one pruned while it ran, or never reached by an ordered append that stopped early, shows "never executed"
 * (no loops): neither is counted.
 */
public final class ScannedPartitions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScannedPartitions() {
    }

    /** The relations the query scanned, bound with {@code parameters} (as a service binds them, not inlined). */
    public static Set<String> of(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement explain = db.prepareStatement("explain (analyze, format json) " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                Set<String> scanned = new TreeSet<>();
                collect(JSON.readTree(plan.getString(1)).get(0).get("Plan"), scanned);
                return scanned;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("not a JSON plan", e);
            }
        }
    }

    private static void collect(JsonNode node, Set<String> scanned) {
        if (node.has("Relation Name") && node.path("Actual Loops").asLong() > 0) {
            scanned.add(node.get("Relation Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, scanned);
        }
    }
}
