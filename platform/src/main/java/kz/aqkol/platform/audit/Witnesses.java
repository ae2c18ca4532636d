package kz.aqkol.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import kz.aqkol.contracts.AuditCheckpoint;
import kz.aqkol.contracts.CheckpointSigning;
import kz.aqkol.contracts.ContractViolation;
import kz.aqkol.platform.ServiceInfo;
import org.jboss.logging.Logger;

/**
 * The other services as witnesses of this one's chain: asks each configured witness ({@code aqkol.audit.witnesses})
 * for the checkpoints of this service it holds, and keeps those this service really signed (a checkpoint whose
 * signature does not verify with this service's public key is left out and counted).
 */
@ApplicationScoped
class Witnesses {

    private static final Logger LOG = Logger.getLogger(Witnesses.class);

    private final AuditConfig config;
    private final AuditKeys keys;
    private final ServiceInfo service;
    private final ObjectMapper json;
    private final HttpClient http;

    Witnesses(AuditConfig config, AuditKeys keys, ServiceInfo service, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.keys = keys;
        this.service = service;
        this.json = json;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.witnessTimeout().toMillis()));
    }

    /** What the witnesses hold of this service's chain. */
    Uni<Witnessed> ask() {
        List<String> witnesses = config.witnesses().orElse(List.of());
        Optional<PublicKey> ownKey = keys.publicKey(service.name());
        if (witnesses.isEmpty() || ownKey.isEmpty()) {
            return Uni.createFrom().item(new Witnessed(witnesses.size(), 0, List.of(), 0, ownKey.isPresent()));
        }
        // asked at once (each within its timeout), their answers then taken in the configured order
        return Multi.createFrom().iterable(witnesses)
                .onItem().transformToUniAndMerge(this::ask)
                .collect().asList()
                .map(answers -> answers.stream()
                        .sorted(Comparator.comparingInt((Answer answer) -> witnesses.indexOf(answer.witness())))
                        .toList())
                .map(answers -> {
                    List<Witnessed.Held> held = new ArrayList<>();
                    int answered = 0;
                    int rejected = 0;
                    for (Answer answer : answers) {
                        if (answer.view() == null) {
                            continue;
                        }
                        answered++;
                        for (CheckpointView view : answer.view().witnessed()) {
                            Optional<AuditCheckpoint> checkpoint = signedByThisService(view, ownKey.get());
                            if (checkpoint.isPresent()) {
                                held.add(new Witnessed.Held(checkpoint.get(), answer.witness()));
                            } else {
                                rejected++;
                            }
                        }
                    }
                    if (rejected > 0) {
                        LOG.warnf("Witnesses returned %d checkpoints of %s that it did not sign", rejected,
                                service.name());
                    }
                    return new Witnessed(witnesses.size(), answered, held, rejected, true);
                });
    }

    private Uni<Answer> ask(String witness) {
        String url = witness.replaceAll("/+$", "") + "/audit/checkpoints?service="
                + URLEncoder.encode(service.name(), StandardCharsets.UTF_8) + "&limit=" + config.witnessCheckpoints();
        return http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
                .chain(HttpClientRequest::send)
                .chain(response -> response.statusCode() == 200 ? response.body()
                        : Uni.createFrom().failure(new IllegalStateException("answered " + response.statusCode())))
                .map(body -> read(body.getBytes()))
                .ifNoItem().after(config.witnessTimeout()).fail()
                .map(view -> new Answer(witness, view))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Witness %s did not answer for %s's checkpoints: %s", witness, service.name(),
                            failure.toString());
                    return new Answer(witness, null);
                });
    }

    private Optional<AuditCheckpoint> signedByThisService(CheckpointView view, PublicKey ownKey) {
        try {
            AuditCheckpoint checkpoint = view.checkpoint();
            return checkpoint.service().equals(service.name()) && CheckpointSigning.verifies(ownKey, checkpoint)
                    ? Optional.of(checkpoint) : Optional.empty();
        } catch (ContractViolation e) {
            return Optional.empty();
        }
    }

    private CheckpointsView read(byte[] body) {
        try {
            return json.readValue(body, CheckpointsView.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(String witness, CheckpointsView view) {
    }
}
