package kz.aqkol.platform.ngsi;

import java.util.List;

/** What NGSI-LD (ETSI GS CIM 009) fixes for the open-data endpoints: media types, contexts, ids. */
public final class NgsiLd {

    public static final String LD_JSON = "application/ld+json";
    /** The core context, implied by every NGSI-LD payload and listed last in an explicit one. */
    public static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";
    /** The Smart Data Models context: the terms of every published model (Device, Alert, …). */
    public static final String MODELS_CONTEXT = "https://smartdatamodels.org/context.jsonld";
    /** The {@code @context} of an application/ld+json body. */
    public static final List<String> CONTEXT = List.of(MODELS_CONTEXT, CORE_CONTEXT);
    /** The Link header that carries the context of an application/json body (the core context is implicit). */
    public static final String CONTEXT_LINK = "<" + MODELS_CONTEXT
            + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";

    private static final String URN_PREFIX = "urn:ngsi-ld:";

    private NgsiLd() {
    }

    /** {@code urn:ngsi-ld:<type>:<local id>}. */
    public static String id(String type, String localId) {
        return URN_PREFIX + type + ":" + localId;
    }

    /** The local part of an id of this type, or null when the id is not one of this type's. */
    public static String localId(String type, String id) {
        String prefix = URN_PREFIX + type + ":";
        return id.startsWith(prefix) && id.length() > prefix.length() ? id.substring(prefix.length()) : null;
    }
}
