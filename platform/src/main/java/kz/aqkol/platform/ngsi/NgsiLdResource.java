package kz.aqkol.platform.ngsi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.platform.json.JsonText;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The service's open data as an NGSI-LD context source: {@code GET /ngsi-ld/v1/entities} (query by type, id, limit,
 * offset; normalized or simplified) and {@code GET /ngsi-ld/v1/entities/{id}}. Public (no token) and read-only: every
 * write is refused. The entities come from the service's {@link NgsiSource} beans, which publish only what is not
 * personal. {@code Accept: application/ld+json} puts the {@code @context} in the body; {@code application/json} (the
 * default) gets it as a Link header, as the spec asks.
 */
@Path("/ngsi-ld/v1/entities")
@PermitAll
@Tag(name = "Open data (NGSI-LD)")
public class NgsiLdResource {

    private static final Logger LOG = Logger.getLogger(NgsiLdResource.class);

    private final Instance<NgsiSource> sources;
    private final ObjectMapper json;

    NgsiLdResource(Instance<NgsiSource> sources, ObjectMapper json) {
        this.sources = sources;
        this.json = json;
    }

    @GET
    @Operation(summary = "Open-data entities of this service (NGSI-LD query entities)")
    public Uni<Response> query(UriInfo uri, HttpHeaders headers) {
        boolean ld = linkedData(headers);
        NgsiRequest request = NgsiRequest.parse(uri.getQueryParameters());
        List<NgsiSource> chosen = new ArrayList<>();
        for (NgsiSource source : sources) {
            if (request.types().isEmpty() || request.types().contains(source.type())) {
                chosen.add(source);
            }
        }
        return page(chosen, request).map(found -> {
            boolean more = found.size() > request.limit();
            List<Object> body = new ArrayList<>();
            for (NgsiEntity entity : more ? found.subList(0, request.limit()) : found) {
                body.add(render(entity, request.simplified(), ld));
            }
            Response.ResponseBuilder response = respond(body, ld);
            if (more && request.offset() + request.limit() <= NgsiRequest.MAX_OFFSET) {
                String next = uri.getRequestUriBuilder().replaceQueryParam("offset", request.offset() + request.limit())
                        .replaceQueryParam("limit", request.limit()).build().getRawQuery();
                response.header("Link", "<" + uri.getPath() + "?" + next + ">; rel=\"next\"");
            }
            return response.build();
        });
    }

    @GET
    @Path("{entityId}")
    @Operation(summary = "One open-data entity of this service (NGSI-LD retrieve entity)")
    public Uni<Response> entity(@PathParam("entityId") String entityId, UriInfo uri, HttpHeaders headers) {
        boolean ld = linkedData(headers);
        String id = NgsiRequest.checkId(entityId);
        boolean simplified = NgsiRequest.simplified(uri.getQueryParameters());
        for (NgsiSource source : sources) {
            if (NgsiLd.localId(source.type(), id) != null) {
                return source.entity(id).map(entity -> {
                    if (entity == null) {
                        throw notFound(id);
                    }
                    return respond(render(entity, simplified, ld), ld).build();
                });
            }
        }
        throw notFound(id);
    }

    @POST
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response create() {
        throw readOnly();
    }

    @PUT
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response replace() {
        throw readOnly();
    }

    @PATCH
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response update() {
        throw readOnly();
    }

    @DELETE
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response delete() {
        throw readOnly();
    }

    @ServerExceptionMapper
    public Response ngsiError(NgsiError e) {
        Response.ResponseBuilder response = Response.status(e.status()).type("application/problem+json")
                .entity(JsonText.write(json, e.details()));
        return (e.status() == 405 ? response.header("Allow", "GET, HEAD, OPTIONS") : response).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error answering an NGSI-LD query (reference %s)", reference);
        return ngsiError(new NgsiError(NgsiError.Type.INTERNAL_ERROR,
                "Something went wrong on our side; reference " + reference));
    }

    /** A page across the sources in turn: one source is asked for its page directly, several for a prefix each. */
    private static Uni<List<NgsiEntity>> page(List<NgsiSource> chosen, NgsiRequest request) {
        int rows = request.limit() + 1;
        if (chosen.size() == 1) {
            return chosen.get(0).entities(new NgsiQuery(request.ids(), request.offset(), rows));
        }
        return Multi.createFrom().iterable(chosen)
                .onItem().transformToUniAndConcatenate(source -> source.entities(
                        new NgsiQuery(request.ids(), 0, request.offset() + rows)))
                .collect().in(ArrayList<NgsiEntity>::new, List::addAll)
                .map(all -> all.size() <= request.offset() ? List.of()
                        : all.subList(request.offset(), Math.min(all.size(), request.offset() + rows)));
    }

    private static Map<String, Object> render(NgsiEntity entity, boolean simplified, boolean ld) {
        Map<String, Object> body = new LinkedHashMap<>(simplified ? entity.keyValues() : entity.normalized());
        if (ld) {
            body.put("@context", NgsiLd.CONTEXT);
        }
        return body;
    }

    private Response.ResponseBuilder respond(Object body, boolean ld) {
        Response.ResponseBuilder response = Response.ok(JsonText.write(json, body),
                ld ? NgsiLd.LD_JSON : MediaType.APPLICATION_JSON);
        return ld ? response : response.header("Link", NgsiLd.CONTEXT_LINK);
    }

    /**
     * application/ld+json when the client prefers it, application/json when it accepts that (or anything); any other
     * Accept is refused, as the spec asks (406).
     */
    private static boolean linkedData(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.valueOf(NgsiLd.LD_JSON)) && !accepted.isWildcardType()
                    && !accepted.isWildcardSubtype()) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        throw new NgsiError(NgsiError.Type.INVALID_REQUEST, 406,
                "this API answers application/json or application/ld+json");
    }

    private static NgsiError notFound(String id) {
        return new NgsiError(NgsiError.Type.RESOURCE_NOT_FOUND, "no published entity " + id);
    }

    private static NgsiError readOnly() {
        return new NgsiError(NgsiError.Type.OPERATION_NOT_SUPPORTED, 405,
                "this context source is read-only: only GET is allowed");
    }
}
