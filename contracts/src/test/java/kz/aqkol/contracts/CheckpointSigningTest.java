package kz.aqkol.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CheckpointSigningTest {

    private static final String HASH = "ab".repeat(32);
    private static final Instant NOW = Instant.parse("2026-11-25T10:01:00.250999Z");

    @Test
    void aSignedCheckpointVerifiesWithTheSignersPublicKeyOnly() throws Exception {
        KeyPair camera = pair();
        KeyPair other = pair();

        AuditCheckpoint checkpoint = CheckpointSigning.sign(camera.getPrivate(), "camera-service", 42, HASH, NOW);

        assertThat(checkpoint.occurredAt()).isEqualTo(Instant.parse("2026-11-25T10:01:00.250Z"));
        assertThat(checkpoint.headSeq()).isEqualTo(42);
        assertThat(CheckpointSigning.verifies(camera.getPublic(), checkpoint)).isTrue();
        assertThat(CheckpointSigning.verifies(other.getPublic(), checkpoint)).isFalse();
    }

    @Test
    void changingAnySignedFactBreaksTheSignature() throws Exception {
        KeyPair camera = pair();
        AuditCheckpoint c = CheckpointSigning.sign(camera.getPrivate(), "camera-service", 42, HASH, NOW);

        assertThat(CheckpointSigning.verifies(camera.getPublic(), new AuditCheckpoint(c.id(), c.occurredAt(),
                "camera-service", 41L, c.headHash(), c.signature()))).as("fewer entries").isFalse();
        assertThat(CheckpointSigning.verifies(camera.getPublic(), new AuditCheckpoint(c.id(), c.occurredAt(),
                "camera-service", 42L, "cd".repeat(32), c.signature()))).as("another hash").isFalse();
        assertThat(CheckpointSigning.verifies(camera.getPublic(), new AuditCheckpoint(c.id(),
                c.occurredAt().plusSeconds(1), "camera-service", 42L, c.headHash(), c.signature()))).as("another time")
                .isFalse();
        assertThat(CheckpointSigning.verifies(camera.getPublic(), new AuditCheckpoint(c.id(), c.occurredAt(),
                "billing-service", 42L, c.headHash(), c.signature()))).as("another service").isFalse();
        assertThat(CheckpointSigning.verifies(camera.getPublic(), new AuditCheckpoint(c.id(), c.occurredAt(),
                "camera-service", 42L, c.headHash(), Base64.getEncoder().encodeToString(new byte[64]))))
                .as("a made-up signature").isFalse();
    }

    @Test
    void theSignedTextIsTheOneTheContractDescribes() {
        assertThat(new String(CheckpointSigning.content("camera-service", 7, HASH,
                Instant.parse("2026-11-25T10:01:00.250Z"))))
                .isEqualTo("aqkol-audit-checkpoint/v1\ncamera-service\n7\n" + HASH + "\n2026-11-25T10:01:00.250Z");
    }

    @Test
    void keysRoundTripThroughPemAsOpensslWritesThem() throws Exception {
        KeyPair pair = pair();
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";

        PrivateKey privateKey = CheckpointSigning.privateKey(privatePem);
        PublicKey publicKey = CheckpointSigning.publicKey(CheckpointSigning.pem(pair.getPublic()));
        AuditCheckpoint checkpoint = CheckpointSigning.sign(privateKey, "camera-service", 1, HASH, NOW);

        assertThat(CheckpointSigning.verifies(publicKey, checkpoint)).isTrue();
        assertThatThrownBy(() -> CheckpointSigning.publicKey(privatePem)).isInstanceOf(GeneralSecurityException.class);
    }

    private static KeyPair pair() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }
}
