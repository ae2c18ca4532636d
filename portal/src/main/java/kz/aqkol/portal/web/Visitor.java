package kz.aqkol.portal.web;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import kz.aqkol.portal.PortalConfig;
import kz.aqkol.portal.i18n.Formats;
import kz.aqkol.portal.i18n.Language;
import kz.aqkol.portal.i18n.Texts;

/**
 * Who is looking at the page, in which language: every template gets it as {@code v}. The person, when signed in,
 * comes from the provider's ID token (subject, roles); the access token the services get is theirs, as the provider
 * gave it ({@link #bearer()}): the portal has no token of its own.
 */
@RequestScoped
@TemplateData
public class Visitor {

    /** The cookie a language switch sets; without it, the browser's Accept-Language decides. */
    public static final String LANGUAGE_COOKIE = "aqkol-lang";

    private static final List<String> STAFF = List.of("operator", "dispatcher", "auditor");

    private final Language language;
    private final Formats formats;
    private final CurrentIdentityAssociation identities;
    private final String path;
    private SecurityIdentity identity;

    @Inject
    public Visitor(HttpServerRequest request, CurrentIdentityAssociation identities, PortalConfig config) {
        Cookie chosen = request.getCookie(LANGUAGE_COOKIE);
        this.language = chosen == null ? Language.preferred(request.getHeader("Accept-Language"))
                : Language.ofCode(chosen.getValue()).orElse(Language.preferred(request.getHeader("Accept-Language")));
        this.formats = new Formats(language, config.timeZone());
        this.identities = identities;
        this.path = request.path();
    }

    public Language language() {
        return language;
    }

    public List<Language> languages() {
        return List.of(Language.values());
    }

    /** The page's own path, where a language switch returns to. */
    public String path() {
        return path;
    }

    /** {@link #path()} for a query parameter. */
    public String pathEncoded() {
        return java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String t(String key) {
        return Texts.bundled().get(language, key);
    }

    /** The text for one value of a kind ({@code label("utility", "GAS")}: key {@code utility.GAS}). */
    public String label(String kind, Object value) {
        return Texts.bundled().get(language, kind + "." + value);
    }

    public String t(String key, Object argument) {
        return Texts.bundled().get(language, key, argument);
    }

    public String t(String key, Object first, Object second) {
        return Texts.bundled().get(language, key, first, second);
    }

    public String money(long tiyn) {
        return formats.money(tiyn);
    }

    public String number(Number value) {
        return formats.number(value);
    }

    public String date(LocalDate value) {
        return formats.date(value);
    }

    public String date(Instant value) {
        return formats.date(value);
    }

    public String dateTime(Instant value) {
        return formats.dateTime(value);
    }

    public String period(String yearMonth) {
        return formats.period(yearMonth);
    }

    /** The village's time zone. */
    public java.time.ZoneId formatsZone() {
        return formats.zone();
    }

    public boolean signedIn() {
        SecurityIdentity person = identity();
        return person != null && !person.isAnonymous();
    }

    /**
     * The person, resolved on first use. Pages run on worker threads, where resolving may wait for the session; an
     * error page rendered on the event loop (a path no page has) shows the page as for someone not signed in.
     */
    private SecurityIdentity identity() {
        if (identity == null && !Context.isOnEventLoopThread()) {
            identity = identities.getIdentity();
        }
        return identity;
    }

    /** The person's subject: a resident's account number, a member of staff's name. */
    public String subject() {
        return signedIn() ? identity().getPrincipal().getName() : "";
    }

    public Set<String> roles() {
        return signedIn() ? identity().getRoles() : Set.of();
    }

    public boolean has(String role) {
        return signedIn() && identity().hasRole(role);
    }

    public boolean resident() {
        return has("resident");
    }

    public boolean staff() {
        return STAFF.stream().anyMatch(this::has);
    }

    /** {@code Bearer <access token>} for the services, or null when nobody is signed in. */
    public String bearer() {
        AccessTokenCredential token = signedIn() ? identity().getCredential(AccessTokenCredential.class) : null;
        return token == null ? null : "Bearer " + token.getToken();
    }
}
