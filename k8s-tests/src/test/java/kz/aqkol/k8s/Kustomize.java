package kz.aqkol.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds a kustomization with the kustomize that kubectl embeds, as `kubectl apply -k` would. */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /** The rendered objects of the kustomization in {@code directory}, as one multi-document YAML string. */
    static String build(Path directory) {
        try {
            Process kubectl = new ProcessBuilder(PinnedKubectl.path().toString(), "kustomize", directory.toString()).start();
            kubectl.getOutputStream().close();
            String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                throw new IllegalStateException(
                        "kubectl kustomize " + directory + " took over " + TIMEOUT_SECONDS + " s");
            }
            if (kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed:\n" + errors);
            }
            return rendered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
