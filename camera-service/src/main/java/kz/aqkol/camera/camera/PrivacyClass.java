package kz.aqkol.camera.camera;

/** How private what a zone's cameras see is: it drives retention and who may look. */
public enum PrivacyClass {
    /** Streets and squares. */
    PUBLIC,
    /** Where people live: shorter retention, no footage without a grant. */
    RESIDENTIAL,
    /** Places to guard (school grounds at night, the gas station): people there raise alerts at set hours. */
    RESTRICTED
}
