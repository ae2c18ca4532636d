package kz.aqkol.portal.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import kz.aqkol.portal.i18n.Language;

/** The language switch: remembers the choice in a cookie and returns to the page it was made on. */
@Path("/language")
@PermitAll
public class LanguageResource {

    private static final int A_YEAR = 365 * 24 * 3600;

    @GET
    public Response choose(@QueryParam("to") String code, @QueryParam("back") String back) {
        Response.ResponseBuilder answer = Response.seeOther(URI.create(samePortal(back)));
        Language.ofCode(code).ifPresent(language -> answer.cookie(new NewCookie.Builder(Visitor.LANGUAGE_COOKIE)
                .value(language.code()).path("/").maxAge(A_YEAR).sameSite(NewCookie.SameSite.LAX).build()));
        return answer.build();
    }

    /** Only a path of this portal: a link elsewhere must not turn the switch into an open redirect. */
    static String samePortal(String back) {
        if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")
                || back.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return back;
    }
}
