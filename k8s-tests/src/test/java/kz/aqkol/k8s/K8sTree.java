package kz.aqkol.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the repository's k8s/ to render: each secret file made from its committed .example (so the real,
 * git-ignored secrets are neither needed nor read), and each component put on the base by a small kustomization of
 * its own, so that every component is rendered too.
 */
final class K8sTree {

    static final String NAMESPACE = "aqkol";

    private final Path root;

    private K8sTree(Path root) {
        this.root = root;
    }

    static K8sTree copyOf(Path source, Path target) {
        try {
            deleteRecursively(target);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    copy(file, target.resolve(source.relativize(file).toString()));
                }
            }
            return new K8sTree(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "overlays/dev", "overlays/prod", "components/native", ...: everything `kubectl apply -k` could be given. */
    List<String> targets() {
        return Stream.concat(children("overlays").map(name -> "overlays/" + name),
                children("components").map(name -> "components/" + name)).toList();
    }

    /** The directory to build for a target: the overlay itself, or the base with the component. */
    Path kustomization(String target) {
        if (!target.startsWith("components/")) {
            return root.resolve(target);
        }
        Path wrapper = root.resolve("rendered").resolve(target);
        write(wrapper.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: %s
                resources:
                  - ../../../base
                components:
                  - ../../../%s
                """.formatted(NAMESPACE, target));
        return wrapper;
    }

    private Stream<String> children(String folder) {
        try (Stream<Path> entries = Files.list(root.resolve(folder))) {
            List<String> names = entries.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .sorted().toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path file, Path target) throws IOException {
        boolean secret = file.getParent().getFileName().toString().equals("secrets");
        String name = file.getFileName().toString();
        if (secret && !name.endsWith(".example")) {
            return;
        }
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
        if (secret) {
            Files.copy(file, target.resolveSibling(name.substring(0, name.length() - ".example".length())));
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
