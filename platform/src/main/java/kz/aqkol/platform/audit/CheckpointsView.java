package kz.aqkol.platform.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.aqkol.contracts.CheckpointSigning;

/**
 * What {@code GET /audit/checkpoints} shows: the newest checkpoints {@code service} signed about its own chain, those
 * it witnessed of the other services' chains, and the public keys it checks signatures with (PEM), so anyone can
 * check them too.
 */
@RegisterForReflection
public record CheckpointsView(String service, List<CheckpointView> signed, List<CheckpointView> witnessed,
                              Map<String, String> publicKeys) {

    static Map<String, String> pem(Map<String, PublicKey> keys) {
        Map<String, String> pem = new TreeMap<>();
        keys.forEach((service, key) -> pem.put(service, CheckpointSigning.pem(key)));
        return pem;
    }
}
