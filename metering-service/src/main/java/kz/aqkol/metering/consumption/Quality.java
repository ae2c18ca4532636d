package kz.aqkol.metering.consumption;

/**
 * How far an interval's consumption can be trusted (validation, estimation and editing). Ordered from best to
 * worst: an interval takes the worst quality of anything it is made of.
 */
public enum Quality {
    /** Between real readings close enough together. */
    MEASURED,
    /** An operator corrected a register the interval rests on. */
    EDITED,
    /** Filled in across a gap, or extrapolated past the last reading; {@code method} says how. */
    ESTIMATED,
    /** Not to be trusted without a look: the register went backwards, the flow exceeds what the utility allows,
     * or the gap is longer than estimation may bridge. */
    SUSPECT;

    public Quality worst(Quality other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
