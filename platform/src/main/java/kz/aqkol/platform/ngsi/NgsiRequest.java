package kz.aqkol.platform.ngsi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters of a GET on {@code /ngsi-ld/v1/entities}, checked the way the spec asks: an invalid value is
 * a BadRequestData error, a query feature this read-only source does not offer is OperationNotSupported (never
 * silently ignored, which would answer a filtered question with unfiltered data).
 */
public record NgsiRequest(Set<String> types, Set<String> ids, int limit, int offset, boolean simplified) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 100_000;
    static final int MAX_IDS = 100;

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** Query features of the spec this source does not implement. */
    private static final List<String> UNSUPPORTED = List.of("q", "attrs", "pick", "omit", "idPattern", "georel",
            "geometry", "coordinates", "geoproperty", "geometryProperty", "csf", "scopeQ", "lang", "datasetId",
            "orderBy", "join", "joinLevel", "containedBy", "entityMap", "expandValues", "local", "via", "collect");

    /** Parses the query parameters (each given as its list of values). */
    public static NgsiRequest parse(Map<String, List<String>> params) {
        for (String name : UNSUPPORTED) {
            if (params.containsKey(name)) {
                throw new NgsiError(NgsiError.Type.OPERATION_NOT_SUPPORTED,
                        "query parameter " + name + " is not supported by this context source");
            }
        }
        if ("true".equals(single(params, "count"))) {
            throw new NgsiError(NgsiError.Type.OPERATION_NOT_SUPPORTED,
                    "count is not supported by this context source");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : list(params, "type")) {
            if (!TYPE_NAME.matcher(type).matches()) {
                throw NgsiError.badData("type " + quote(type) + " is not an entity type name");
            }
            types.add(type);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : list(params, "id")) {
            ids.add(checkId(id));
        }
        if (ids.size() > MAX_IDS) {
            throw NgsiError.badData("at most " + MAX_IDS + " ids per query");
        }
        int limit = integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = integer(params, "offset", 0, 0, MAX_OFFSET);
        return new NgsiRequest(types, ids, limit, offset, simplified(params));
    }

    /** Whether the simplified (key-values) representation is asked for: {@code options} or {@code format}. */
    public static boolean simplified(Map<String, List<String>> params) {
        boolean simplified = false;
        for (String option : list(params, "options")) {
            switch (option) {
                case "keyValues", "simplified" -> simplified = true;
                case "normalized" -> {
                }
                case "sysAttrs", "concise", "entityMap" -> throw new NgsiError(
                        NgsiError.Type.OPERATION_NOT_SUPPORTED, "options=" + option + " is not supported");
                default -> throw NgsiError.badData("options " + quote(option) + " is not an option of the API");
            }
        }
        String format = single(params, "format");
        if (format != null) {
            switch (format) {
                case "keyValues", "simplified" -> simplified = true;
                case "normalized" -> {
                }
                case "concise" -> throw new NgsiError(NgsiError.Type.OPERATION_NOT_SUPPORTED,
                        "format=concise is not supported");
                default -> throw NgsiError.badData("format " + quote(format) + " is not a format of the API");
            }
        }
        return simplified;
    }

    /** An entity id must be an absolute URI. */
    public static String checkId(String id) {
        try {
            if (id.length() <= 256 && new URI(id).isAbsolute()) {
                return id;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw NgsiError.badData("id " + quote(id) + " is not a URI");
    }

    private static List<String> list(Map<String, List<String>> params, String name) {
        String value = single(params, name);
        if (value == null) {
            return List.of();
        }
        List<String> items = List.of(value.split(",", -1));
        for (String item : items) {
            if (item.isEmpty()) {
                throw NgsiError.badData(name + " has an empty item");
            }
        }
        return items;
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw NgsiError.badData(name + " is given more than once");
        }
        return values.get(0);
    }

    private static int integer(Map<String, List<String>> params, String name, int fallback, int min, int max) {
        String value = single(params, name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw NgsiError.badData(name + " must be an integer from " + min + " to " + max);
    }

    /** Echoes a client's value shortened, so an error detail never becomes a reflection channel. */
    private static String quote(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }
}
