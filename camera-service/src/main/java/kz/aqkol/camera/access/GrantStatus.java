package kz.aqkol.camera.access;

public enum GrantStatus {
    /** Waiting for an auditor. */
    PENDING,
    /** Usable by its requester until it expires. */
    ACTIVE,
    /** Refused by an auditor. */
    DENIED,
    /** Ended early by its holder or an auditor. */
    REVOKED
}
