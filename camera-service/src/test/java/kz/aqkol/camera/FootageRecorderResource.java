package kz.aqkol.camera;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.devstack.FootageRecorder;

/**
 * Devstack's simulated recorder (NVR), where the tests' purges delete snapshots (see {@link TestStackResource}). It
 * asks for a token, which camera-service reads from the file {@link #tokenFile()} names, as from a mounted secret.
 */
public class FootageRecorderResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FootageRecorder recorder;
    private static volatile Path tokenFile;

    static FootageRecorder recorder() {
        return recorder;
    }

    static Path tokenFile() {
        return tokenFile;
    }

    @Override
    public Map<String, String> start() {
        String token = UUID.randomUUID().toString();
        try {
            tokenFile = Files.createTempFile("recorder-token", "");
            Files.writeString(tokenFile, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recorder = FootageRecorder.start(token);
        return Map.of("aqkol.camera.recorder.url", recorder.url(),
                "aqkol.camera.recorder.token-file", tokenFile.toString());
    }

    @Override
    public void stop() {
        if (recorder != null) {
            recorder.close();
        }
        try {
            if (tokenFile != null) {
                Files.deleteIfExists(tokenFile);
            }
        } catch (IOException e) {
            // a temporary file left behind
        }
    }
}
