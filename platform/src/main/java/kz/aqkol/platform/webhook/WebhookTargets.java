package kz.aqkol.platform.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where a service may send a webhook someone configured. In production ({@code aqkol.deployment=production}, the
 * default) a target must be {@code https://}, and every address its host resolves to must be public: not loopback,
 * unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10) or multicast, so
 * a configured webhook cannot be aimed at the cluster's own services or the cloud's metadata endpoint. Callers check
 * a target when it is configured and again before each delivery (DNS may have changed meanwhile), and never follow
 * a redirect, which could lead anywhere. In development ({@code aqkol.deployment=development}: the local stack and
 * the tests, whose webhook recorders listen on loopback) any http(s) URL is allowed.
 */
public final class WebhookTargets {

    /** Every address a host name has. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean development;
    private final Resolver resolver;

    public WebhookTargets(boolean production, Resolver resolver) {
        this.development = !production;
        this.resolver = resolver;
    }

    /**
     * Why {@code url} may not take webhooks here, if it may not. Resolves the host (blocking): call it off the event
     * loop.
     */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return Optional.of("must be an http(s) URL with a host");
        }
        if (development) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must be https:// in production");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> range = internalRange(address);
            if (range.isPresent()) {
                return Optional.of("host " + uri.getHost() + " resolves to " + address.getHostAddress() + ", a "
                        + range.get() + " address: production sends webhooks to public addresses only");
            }
        }
        return addresses.length == 0 ? Optional.of("host " + uri.getHost() + " has no address") : Optional.empty();
    }

    /** The kind of non-public range {@code address} lies in, if it does. */
    static Optional<String> internalRange(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress() || address instanceof Inet4Address && bytes[0] == 0) {
            return Optional.of("unspecified");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        boolean uniqueLocal = !(address instanceof Inet4Address) && (bytes[0] & 0xFE) == 0xFC;
        if (address.isSiteLocalAddress() || uniqueLocal) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            if (first == 100 && (second & 0xC0) == 64) {
                return Optional.of("shared (carrier-grade NAT)"); // 100.64.0.0/10, some clouds' metadata too
            }
            if (first == 198 && (second & 0xFE) == 18) {
                return Optional.of("benchmarking"); // 198.18.0.0/15
            }
            if (first >= 240) {
                return Optional.of("reserved"); // 240.0.0.0/4 and the broadcast address
            }
            return Optional.empty();
        }
        // IPv4 carried in IPv6 (NAT64 64:ff9b::/96, 6to4 2002::/16, IPv4-compatible ::a.b.c.d) could reach any of
        // the ranges above through a translator: no webhook needs them
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && (bytes[2] & 0xFF) == 0xFF && (bytes[3] & 0xFF) == 0x9B;
        boolean sixToFour = bytes[0] == 0x20 && bytes[1] == 0x02;
        boolean compatible = IntStream.range(0, 12).allMatch(i -> bytes[i] == 0);
        if (nat64 || sixToFour || compatible) {
            return Optional.of("IPv4-in-IPv6 transition");
        }
        return Optional.empty();
    }
}
