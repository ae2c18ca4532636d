package kz.aqkol.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import kz.aqkol.contracts.CheckpointSigning;

/**
 * The local Ed25519 key pairs the services sign their audit checkpoints with, one per service, made on first use:
 * {@code private/<service>.pem} (PKCS#8) for the service itself and {@code public/<service>.pem} (X.509) for
 * everybody, as {@code k8s/init-secrets} makes them for a cluster. Never for production.
 */
public final class AuditSigningKeys {

    /** The services of the village, each of which signs and witnesses checkpoints. */
    public static final List<String> SERVICES = List.of("camera-service", "metering-service", "billing-service",
            "alert-service");

    private final Path directory;

    private AuditSigningKeys(Path directory) {
        this.directory = directory;
    }

    /** Loads the pairs from {@code directory}, generating the missing ones there first. */
    public static AuditSigningKeys in(Path directory) {
        AuditSigningKeys keys = new AuditSigningKeys(directory);
        try {
            for (String service : SERVICES) {
                if (!Files.exists(keys.privateKeyFile(service))) {
                    keys.generate(service);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit signing keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make Ed25519 keys", e);
        }
        return keys;
    }

    /** What {@code aqkol.audit.signing-key} names; {@code ${aqkol.service.name}} lets each service find its own. */
    public Path privateKeyFile(String service) {
        return directory.resolve("private").resolve(service + ".pem");
    }

    /** What {@code aqkol.audit.public-keys} names: every service's public key. */
    public Path publicKeysDirectory() {
        return directory.resolve("public");
    }

    /** A service's private key, for a test that speaks in that service's name. */
    public PrivateKey privateKey(String service) {
        try {
            return CheckpointSigning.privateKey(Files.readString(privateKeyFile(service)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit signing key of " + service, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit signing key of " + service + " is not an Ed25519 key", e);
        }
    }

    private void generate(String service) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privatePem = privateKeyFile(service);
        Files.createDirectories(privatePem.getParent());
        Files.createDirectories(publicKeysDirectory());
        Files.writeString(privatePem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try {
            Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to tighten
        }
        Files.writeString(publicKeysDirectory().resolve(service + ".pem"), CheckpointSigning.pem(pair.getPublic()));
    }
}
