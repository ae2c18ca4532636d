package kz.aqkol.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import kz.aqkol.contracts.CheckpointSigning;

/** The keys of the audit checkpoints, read once from the files configuration names (see {@link AuditConfig}). */
@ApplicationScoped
public class AuditKeys {

    private static final String PUBLIC_KEY_SUFFIX = ".pem";

    private final Optional<PrivateKey> signingKey;
    private final Map<String, PublicKey> publicKeys;

    AuditKeys(AuditConfig config) {
        this.signingKey = config.signingKey().map(AuditKeys::readPrivate);
        this.publicKeys = Collections.unmodifiableMap(config.publicKeys().map(AuditKeys::readPublic)
                .orElseGet(TreeMap::new));
    }

    /** This service's signing key, if it has one. */
    public Optional<PrivateKey> signingKey() {
        return signingKey;
    }

    /** The public key of {@code service}, if configured. */
    public Optional<PublicKey> publicKey(String service) {
        return Optional.ofNullable(publicKeys.get(service));
    }

    /** Every configured public key by service name, in name order. */
    public Map<String, PublicKey> publicKeys() {
        return publicKeys;
    }

    private static PrivateKey readPrivate(String file) {
        try {
            return CheckpointSigning.privateKey(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit signing key " + file + " is not an Ed25519 PKCS#8 PEM key", e);
        }
    }

    private static Map<String, PublicKey> readPublic(String folder) {
        Map<String, PublicKey> keys = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(PUBLIC_KEY_SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                String service = name.substring(0, name.length() - PUBLIC_KEY_SUFFIX.length());
                try {
                    keys.put(service, CheckpointSigning.publicKey(Files.readString(file)));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(file + " is not an Ed25519 public key in X.509 PEM", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit public keys in " + folder, e);
        }
        return keys;
    }
}
