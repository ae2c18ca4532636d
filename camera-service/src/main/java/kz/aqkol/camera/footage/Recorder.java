package kz.aqkol.camera.footage;

import io.smallrye.mutiny.Uni;

/**
 * The recorder (NVR) that holds the cameras' footage, as far as a purge needs it: a snapshot deleted by its
 * reference. One implementation per kind of recorder; {@link HttpRecorder} speaks a plain REST API.
 */
public interface Recorder {

    /** What became of a snapshot the recorder was asked to delete. */
    enum Outcome {
        /** The recorder deleted it. */
        DELETED,
        /** The recorder had no such snapshot (deleted before, or never kept): nothing of it is left there. */
        ABSENT
    }

    /** Deletes the snapshot; fails (with the reason) if the recorder cannot be reached or refuses. */
    Uni<Outcome> delete(String snapshotRef);
}
