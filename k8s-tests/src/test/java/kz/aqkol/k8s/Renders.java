package kz.aqkol.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every overlay and component of the repository's k8s/, each rendered and validated once per test run. */
final class Renders {

    /** The custom resources of the examples for PostgreSQL with failover and a clustered broker. */
    static final Set<String> CUSTOM_KINDS = Set.of(
            "postgresql.cnpg.io/Cluster", "postgresql.cnpg.io/Database", "apps.emqx.io/EMQX");

    private static Renders instance;

    private final K8sTree tree;
    private final ManifestValidator validator = new ManifestValidator(CUSTOM_KINDS);
    private final Map<String, ManifestValidator.Result> results = new ConcurrentHashMap<>();

    private Renders(K8sTree tree) {
        this.tree = tree;
    }

    static synchronized Renders get() {
        if (instance == null) {
            instance = new Renders(K8sTree.copyOf(repository().resolve("k8s"),
                    Path.of(System.getProperty("aqkol.k8s.work", "target/k8s"))));
        }
        return instance;
    }

    /** The repository's root (Maven passes it; the module's parent folder otherwise). */
    static Path repository() {
        return Path.of(System.getProperty("aqkol.root", "..")).toAbsolutePath().normalize();
    }

    List<String> targets() {
        return tree.targets();
    }

    ManifestValidator.Result result(String target) {
        return results.computeIfAbsent(target, t -> validator.validate(Kustomize.build(tree.kustomization(t))));
    }

    List<HasMetadata> objects(String target) {
        return result(target).objects();
    }
}
