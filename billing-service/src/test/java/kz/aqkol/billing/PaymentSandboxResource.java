package kz.aqkol.billing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import kz.aqkol.devstack.FreePort;
import kz.aqkol.devstack.payments.PaymentSandbox;

/**
 * devstack's payment sandbox as billing's tests use it: a real HTTP server that billing opens checkouts at and that
 * sends billing signed callbacks. The secret is made for this run and handed to billing as a file, as in a cluster;
 * the sandbox calls back the port this resource gives the application under test.
 */
public class PaymentSandboxResource implements QuarkusTestResourceLifecycleManager {

    private static PaymentSandbox sandbox;
    private static String secret;

    /** The sandbox's base URL (confirm, decline and refund checkouts there). */
    static String url() {
        return sandbox.url();
    }

    /** The secret both sides sign with: what a test needs to forge a "valid" but stale callback. */
    static String secret() {
        return secret;
    }

    @Override
    public Map<String, String> start() {
        try {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path file = Files.createTempFile("payment-sandbox", ".secret",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            Files.writeString(file, secret);
            int port = FreePort.find();
            sandbox = PaymentSandbox.start(0, "http://127.0.0.1:" + port + "/payments/providers/"
                    + PaymentSandbox.NAME + "/callbacks", secret);
            return Map.of("quarkus.http.test-port", Integer.toString(port),
                    "aqkol.billing.payments.sandbox.url", sandbox.url(),
                    "aqkol.billing.payments.sandbox.secret-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the payment sandbox's secret", e);
        }
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
