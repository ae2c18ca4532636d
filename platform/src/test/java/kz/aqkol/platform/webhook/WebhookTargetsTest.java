package kz.aqkol.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

    /** A DNS of our own: names resolve to what the test says, so no lookup leaves the machine. */
    private static final Map<String, String[]> DNS = Map.of(
            "hooks.example.org", new String[] {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"},
            "rebound.example.org", new String[] {"93.184.216.34", "10.0.0.7"},
            "metadata.example.org", new String[] {"169.254.169.254"});

    private final WebhookTargets production = new WebhookTargets(true, WebhookTargetsTest::resolve);
    private final WebhookTargets development = new WebhookTargets(false, WebhookTargetsTest::resolve);

    @Test
    void productionTakesHttpsToAHostWhoseEveryAddressIsPublic() {
        assertThat(production.refusal("https://hooks.example.org/duty")).isEmpty();
        assertThat(production.refusal("https://93.184.216.34:8443/duty")).isEmpty();
    }

    @Test
    void productionRefusesPlainHttp() {
        assertThat(production.refusal("http://hooks.example.org/duty")).contains("must be https:// in production");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://localhost/", "https://[::1]/", "https://10.1.2.3/",
        "https://172.16.0.1/", "https://172.31.255.254/", "https://192.168.1.1/", "https://[fc00::1]/",
        "https://[fd12:3456::1]/", "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/",
        "https://0.0.0.0/", "https://[::]/", "https://[::ffff:10.0.0.1]/", "https://metadata.example.org/",
        "https://224.0.0.1/", "https://100.100.100.200/", "https://100.64.0.1/", "https://198.18.0.1/",
        "https://240.0.0.1/", "https://255.255.255.255/", "https://[64:ff9b::a00:1]/", "https://[2002:a00:1::]/",
        "https://[::a00:1]/"})
    void productionRefusesLoopbackPrivateLinkLocalAndUnspecifiedTargets(String url) {
        assertThat(production.refusal(url)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("production sends webhooks to public addresses only"));
    }

    @Test
    void aHostWithOnePrivateAddressAmongPublicOnesIsRefused() {
        assertThat(production.refusal("https://rebound.example.org/hook"))
                .contains("host rebound.example.org resolves to 10.0.0.7, a private address: production sends "
                        + "webhooks to public addresses only");
    }

    @Test
    void addressesJustOutsideThePrivateRangesArePublic() {
        assertThat(production.refusal("https://172.32.0.1/")).isEmpty();
        assertThat(production.refusal("https://11.0.0.1/")).isEmpty();
        assertThat(production.refusal("https://169.255.0.1/")).isEmpty();
    }

    @Test
    void anUnknownHostAndNonHttpUrlsAreRefused() {
        assertThat(production.refusal("https://nowhere.example.org/")).contains(
                "host nowhere.example.org does not resolve");
        assertThat(production.refusal("ftp://hooks.example.org/")).contains("must be an http(s) URL with a host");
        assertThat(production.refusal("file:///etc/passwd")).contains("must be an http(s) URL with a host");
        assertThat(production.refusal("not a url")).contains("is not a URL");
        assertThat(development.refusal("gopher://127.0.0.1/")).contains("must be an http(s) URL with a host");
    }

    @Test
    void developmentTakesLoopbackRecordersOverHttp() {
        assertThat(development.refusal("http://127.0.0.1:8099/duty")).isEmpty();
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = DNS.get(host);
        if (addresses == null) {
            if (host.equals("localhost")) {
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            }
            if (!Character.isDigit(host.charAt(0)) && !host.startsWith("[")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]);
        }
        return resolved;
    }
}
