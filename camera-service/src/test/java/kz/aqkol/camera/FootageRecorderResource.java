package kz.aqkol.camera;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import kz.aqkol.devstack.FootageRecorder;

/** Devstack's simulated recorder (NVR), where the tests' purges delete snapshots (see {@link TestStackResource}). */
public class FootageRecorderResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FootageRecorder recorder;

    static FootageRecorder recorder() {
        return recorder;
    }

    @Override
    public Map<String, String> start() {
        recorder = FootageRecorder.start();
        return Map.of("aqkol.camera.recorder.url", recorder.url());
    }

    @Override
    public void stop() {
        if (recorder != null) {
            recorder.close();
        }
    }
}
