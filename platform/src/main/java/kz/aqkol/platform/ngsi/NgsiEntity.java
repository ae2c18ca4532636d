package kz.aqkol.platform.ngsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NGSI-LD entity, built attribute by attribute and rendered in either representation the API serves: normalized
 * ({@code {"type":"Property","value":…}} per attribute) or simplified ({@code options=keyValues}, the value only).
 * Values are strings, numbers, booleans, lists or maps of those: plain JSON, no reflection needed.
 */
public final class NgsiEntity {

    private final String id;
    private final String type;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();

    private NgsiEntity(String id, String type) {
        this.id = id;
        this.type = type;
    }

    /** An entity with the id {@code urn:ngsi-ld:<type>:<localId>}. */
    public static NgsiEntity of(String type, String localId) {
        return new NgsiEntity(NgsiLd.id(type, localId), type);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    /** A Property; a null value leaves the attribute out (NGSI-LD has no null attributes). */
    public NgsiEntity property(String name, Object value) {
        return property(name, value, null);
    }

    /** A Property with its UN/CEFACT unit code (kept in the normalized form only, as the spec has it). */
    public NgsiEntity property(String name, Object value, String unitCode) {
        if (value != null) {
            attributes.put(name, new Attribute("Property", "value", value, unitCode));
        }
        return this;
    }

    /** A GeoProperty holding a GeoJSON Point (longitude first). */
    public NgsiEntity point(String name, double longitude, double latitude) {
        attributes.put(name, new Attribute("GeoProperty", "value",
                Map.of("type", "Point", "coordinates", List.of(longitude, latitude)), null));
        return this;
    }

    /** A Relationship to another entity (its URN). */
    public NgsiEntity relationship(String name, String object) {
        if (object != null) {
            attributes.put(name, new Attribute("Relationship", "object", object, null));
        }
        return this;
    }

    public List<String> attributeNames() {
        return new ArrayList<>(attributes.keySet());
    }

    /** The normalized representation. */
    public Map<String, Object> normalized() {
        Map<String, Object> out = head();
        attributes.forEach((name, a) -> {
            Map<String, Object> attribute = new LinkedHashMap<>();
            attribute.put("type", a.kind);
            attribute.put(a.member, a.value);
            if (a.unitCode != null) {
                attribute.put("unitCode", a.unitCode);
            }
            out.put(name, attribute);
        });
        return out;
    }

    /** The simplified (key-values) representation. */
    public Map<String, Object> keyValues() {
        Map<String, Object> out = head();
        attributes.forEach((name, a) -> out.put(name, a.value));
        return out;
    }

    private Map<String, Object> head() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("type", type);
        return out;
    }

    private record Attribute(String kind, String member, Object value, String unitCode) {
    }
}
