package kz.aqkol.contracts;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * How a checkpoint is signed and checked, free of any framework: Ed25519 over a fixed text of the service, the head
 * (number and hash) and the time, so anyone with the service's public key (and {@code openssl}) can check one.
 * Keys are PEM files as {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout} write them.
 */
public final class CheckpointSigning {

    private static final String ALGORITHM = "Ed25519";
    private static final String CONTENT_VERSION = "aqkol-audit-checkpoint/v1";

    private CheckpointSigning() {
    }

    /** The exact bytes that are signed, as the contract (audit-checkpoint.schema.json) describes them. */
    public static byte[] content(String service, long headSeq, String headHash, Instant signedAt) {
        return String.join("\n", CONTENT_VERSION, service, Long.toString(headSeq), headHash,
                DateTimeFormatter.ISO_INSTANT.format(signedAt)).getBytes(UTF_8);
    }

    /** Signs where the chain stands now; the time is kept to the millisecond, as the message carries it. */
    public static AuditCheckpoint sign(PrivateKey key, String service, long headSeq, String headHash, Instant now) {
        Instant signedAt = now.truncatedTo(ChronoUnit.MILLIS);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(content(service, headSeq, headHash, signedAt));
            return new AuditCheckpoint(UUID.randomUUID(), signedAt, service, headSeq, headHash,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint with an " + key.getAlgorithm() + " key",
                    e);
        }
    }

    /** Whether {@code key} signed exactly this checkpoint. */
    public static boolean verifies(PublicKey key, AuditCheckpoint checkpoint) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(content(checkpoint.service(), checkpoint.headSeq(), checkpoint.headHash(),
                    checkpoint.occurredAt()));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** An Ed25519 private key from PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
    }

    /** An Ed25519 public key from X.509 PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
    }

    /** The PEM text of a public key, as an outsider would compare it with the published one. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] der(String pem, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("not a PEM " + type);
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the PEM " + type + " is not valid base64", e);
        }
    }
}
