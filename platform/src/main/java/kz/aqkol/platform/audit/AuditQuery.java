package kz.aqkol.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Filters for listing the chain; every one is optional. {@code before} is the paging cursor (a sequence number). */
public record AuditQuery(String actor, String action, String objectType, String objectId, String subjectAccount,
                         Instant from, Instant to, Long before) {

    String where() {
        List<String> clauses = new ArrayList<>();
        parameters().keySet().forEach(name -> clauses.add(switch (name) {
            case "from" -> "occurredAt >= :from";
            case "to" -> "occurredAt < :to";
            case "before" -> "seq < :before";
            default -> name + " = :" + name;
        }));
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        put(parameters, "actor", actor);
        put(parameters, "action", action);
        put(parameters, "objectType", objectType);
        put(parameters, "objectId", objectId);
        put(parameters, "subjectAccount", subjectAccount);
        put(parameters, "from", from);
        put(parameters, "to", to);
        put(parameters, "before", before);
        return parameters;
    }

    private static void put(Map<String, Object> parameters, String name, Object value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }
}
