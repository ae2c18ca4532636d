package kz.aqkol.camera.access;

import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;

/** A refused look at personal data: answered 403, and itself recorded in the audit chain. */
public class Denied extends ProblemException {

    private final String objectType;
    private final String objectId;

    public Denied(String objectType, String objectId, String detail) {
        super(ProblemType.FORBIDDEN, detail);
        this.objectType = objectType;
        this.objectId = objectId;
    }

    public String objectType() {
        return objectType;
    }

    public String objectId() {
        return objectId;
    }
}
