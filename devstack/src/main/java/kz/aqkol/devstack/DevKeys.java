package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The local RSA key pair that signs dev and test JWTs: {@code private.pem} (PKCS#8) and {@code public.pem}
 * (X.509), made on first use. Never for production: there the public key comes from the real identity provider.
 */
public final class DevKeys {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Path directory;
    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    private DevKeys(Path directory, RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        this.directory = directory;
        this.privateKey = privateKey;
        // deriving the public half also makes sure the file is a complete key
        this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        this.keyId = thumbprint(publicKey);
    }

    /** Loads the pair from {@code directory}, generating it there first if it is not there yet. */
    public static DevKeys in(Path directory) {
        try {
            Path privatePem = directory.resolve("private.pem");
            if (!Files.exists(privatePem)) {
                generate(directory);
            }
            return new DevKeys(directory, readPrivate(privatePem));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the dev keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the dev key in " + directory + " is not an RSA key", e);
        }
    }

    public Path publicKeyFile() {
        return directory.resolve("public.pem");
    }

    /** Public because tests load this class in more than one class loader. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /**
     * The key's id ({@code kid}): its RFC 7638 JWK thumbprint, so it names this key and changes only with it.
     */
    public String keyId() {
        return keyId;
    }

    private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        String canonical = "{\"e\":\"" + base64url(key.getPublicExponent())
                + "\",\"kty\":\"RSA\",\"n\":\"" + base64url(key.getModulus()) + "\"}";
        return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(UTF_8)));
    }

    /** An unsigned big-endian integer in base64url, without leading zero bytes (RFC 7518 §6.3.1). */
    static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return BASE64URL.encodeToString(Arrays.copyOfRange(bytes, start, bytes.length));
    }

    private static void generate(Path directory) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Path privatePem = directory.resolve("private.pem");
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to tighten
        }
        Files.writeString(directory.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static RSAPrivateCrtKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new GeneralSecurityException("not an RSA CRT key");
        }
        return crt;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
