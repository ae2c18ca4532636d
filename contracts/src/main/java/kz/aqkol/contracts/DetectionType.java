package kz.aqkol.contracts;

/** What a camera's analytics detected. */
public enum DetectionType {
    MOTION, PERSON, VEHICLE, PLATE, FIRE, SMOKE, TAMPER, CROWD
}
