package kz.aqkol.billing.payment;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a payer may be sent back after the provider's checkout: only to a page of an origin the deployment names
 * (the portal's), so that billing never lends its checkout to sending residents to a look-alike site. An origin is
 * {@code scheme://host[:port]} as browsers compare them: scheme and host without regard to case, the default port
 * left out. Nothing configured allows nothing.
 */
public final class ReturnOrigins {

    private final Set<String> allowed;

    public ReturnOrigins(Set<String> allowed) {
        this.allowed = allowed.stream().map(ReturnOrigins::origin).filter(o -> o != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code url} is an absolute http(s) URL without user info whose origin is allowed. */
    public boolean allows(String url) {
        String origin = origin(url);
        return origin != null && allowed.contains(origin);
    }

    /** The origin of an absolute http(s) URL, or null when it has none or carries user info. */
    static String origin(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
