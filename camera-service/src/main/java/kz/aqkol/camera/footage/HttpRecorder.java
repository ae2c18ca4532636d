package kz.aqkol.camera.footage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.aqkol.camera.config.CameraConfig;

/**
 * A recorder behind a REST API: {@code DELETE <aqkol.camera.recorder.url>/snapshots/<ref, URL-encoded>}; 2xx means
 * deleted, 404 that it had none, anything else a failure to try again. With no URL configured every deletion fails
 * with that reason, so the purge's receipts show the snapshots still waiting. The recorder's token, when it asks for
 * one, comes from {@code aqkol.camera.recorder.token-file} (a mounted secret), read for each deletion.
 */
@ApplicationScoped
public class HttpRecorder implements Recorder {

    private final CameraConfig.Recorder config;
    private final HttpClient http;

    HttpRecorder(CameraConfig config) {
        this.config = config.recorder();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    @Override
    public Uni<Outcome> delete(String snapshotRef) {
        if (config.url().isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "no recorder configured (aqkol.camera.recorder.url)"));
        }
        String base = config.url().get().toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/snapshots/"
                        + URLEncoder.encode(snapshotRef, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(config.timeout())
                .DELETE();
        if (config.tokenFile().isPresent()) {
            Path file = config.tokenFile().get();
            try {
                request.header("Authorization", "Bearer " + Files.readString(file).strip());
            } catch (IOException e) {
                return Uni.createFrom().failure(new IllegalStateException("cannot read the recorder's token from "
                        + file + ": " + e.getMessage()));
            }
        }
        HttpRequest delete = request.build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(delete, HttpResponse.BodyHandlers.discarding()))
                .map(response -> {
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        return Outcome.DELETED;
                    }
                    if (status == 404) {
                        return Outcome.ABSENT;
                    }
                    throw new IllegalStateException("the recorder answered " + status + (status == 401 || status == 403
                            ? ": it refuses our credentials (aqkol.camera.recorder.token-file)" : ""));
                });
    }
}
