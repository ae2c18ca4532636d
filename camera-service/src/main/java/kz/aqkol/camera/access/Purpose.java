package kz.aqkol.camera.access;

/** Why someone needs to look at footage details. */
public enum Purpose {
    /** An emergency in progress: active at once (break-glass), short-lived, reviewed by auditors afterwards. */
    INCIDENT,
    /** A police or village investigation: needs an auditor's approval. */
    INVESTIGATION,
    /** Checking that a camera works: needs an auditor's approval. */
    MAINTENANCE
}
