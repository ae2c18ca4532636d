package kz.aqkol.platform.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service's audit checkpoints: the key it signs them with, the public keys of the services whose checkpoints
 * it witnesses, and the witnesses it asks when verifying its own chain.
 */
@ConfigMapping(prefix = "aqkol.audit")
public interface AuditConfig {

    /** This service's Ed25519 private key, a PKCS#8 PEM file; without it the service signs no checkpoints. */
    Optional<String> signingKey();

    /**
     * A folder of public keys, {@code <service>.pem} (X.509 PEM) for every service whose checkpoints this one
     * accepts, its own included; a checkpoint from a service without a key here is refused.
     */
    Optional<String> publicKeys();

    /** How often the service signs a checkpoint, when its chain has grown since the last one. */
    @WithDefault("1m")
    Duration checkpointEvery();

    /**
     * Base URLs of the other services (never this one's own), whose {@code GET /audit/checkpoints} {@code
     * /audit/verify} asks for this service's checkpoints; none configured: verify says there is no external
     * checkpoint.
     */
    Optional<List<String>> witnesses();

    /** How long verify waits for a witness. */
    @WithDefault("3s")
    Duration witnessTimeout();

    /** How many of this service's newest checkpoints verify asks each witness for and compares with the chain. */
    @WithDefault("500")
    int witnessCheckpoints();
}
