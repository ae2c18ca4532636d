package kz.aqkol.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure as a page in the visitor's language with the right status: a page that does not exist, a page not
 * for this person's role, a service that refused (its problem+json {@code detail} shown as it said it), a service
 * that did not answer, and anything unexpected (logged with a reference the page shows, nothing more).
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance error(Visitor v, int status, String title, String detail, String reference);
    }

    @Inject
    Visitor visitor;

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "error.not-found", null, null);
    }

    @ServerExceptionMapper({ForbiddenException.class})
    public Response forbidden(RuntimeException e) {
        return page(403, "error.forbidden", null, null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return page(401, "error.signed-out", null, null);
    }

    /** A service answered with an error: its status and its own words. */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        Response answer = e.getResponse();
        int status = answer == null ? 500 : answer.getStatus();
        String detail = ServiceProblem.detail(answer);
        return switch (status) {
            case 401 -> page(401, "error.signed-out", null, null);
            case 403 -> page(403, "error.forbidden", detail, null);
            case 404 -> page(404, "error.not-found", detail, null);
            case 409, 422, 400 -> page(status, "error.refused", detail, null);
            case 429 -> page(429, "error.busy", null, null);
            default -> unexpected(e);
        };
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        LOG.warnf("a service did not answer: %s", e.toString());
        return page(503, "error.unavailable", null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "unexpected failure, reference %s", reference);
        return page(500, "error.unexpected", null, reference);
    }

    private Response page(int status, String titleKey, String detail, String reference) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(visitor, status, visitor.t(titleKey), detail, reference).render())
                .build();
    }
}
