package kz.aqkol.platform.ngsi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a context source is asked for: entities of its type, restricted to {@code ids} when not empty, skipping
 * {@code offset} and returning at most {@code rows}. A source returns its entities in a stable order.
 */
public record NgsiQuery(Set<String> ids, int offset, int rows) {

    public boolean wants(String id) {
        return ids.isEmpty() || ids.contains(id);
    }

    /** The asked ids of {@code type} without their {@code urn:ngsi-ld:<type>:} prefix; other types' are left out. */
    public List<String> localIds(String type) {
        return ids.stream().map(id -> NgsiLd.localId(type, id)).filter(Objects::nonNull).sorted().toList();
    }

    /** Whether ids were asked and none can be of {@code type}, so the answer is empty without a look at the store. */
    public boolean asksOnlyOtherTypes(String type) {
        return !ids.isEmpty() && localIds(type).isEmpty();
    }
}
