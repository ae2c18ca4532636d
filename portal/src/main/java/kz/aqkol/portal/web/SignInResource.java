package kz.aqkol.portal.web;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code /sign-in}: sends the visitor to the identity provider (the path needs a session), then to their own pages:
 * residents to {@code /me}, staff to {@code /console}.
 */
@Path("/sign-in")
@Authenticated
public class SignInResource {

    @Inject
    Visitor visitor;

    @GET
    public Response signIn() {
        return Response.seeOther(URI.create(visitor.resident() ? "/me" : visitor.staff() ? "/console" : "/")).build();
    }
}
