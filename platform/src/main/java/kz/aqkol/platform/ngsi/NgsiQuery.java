package kz.aqkol.platform.ngsi;

import java.util.Set;

/**
 * What a context source is asked for: entities of its type, restricted to {@code ids} when not empty, skipping
 * {@code offset} and returning at most {@code rows}. A source returns its entities in a stable order.
 */
public record NgsiQuery(Set<String> ids, int offset, int rows) {

    public boolean wants(String id) {
        return ids.isEmpty() || ids.contains(id);
    }
}
