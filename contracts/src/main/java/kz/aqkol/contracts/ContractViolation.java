package kz.aqkol.contracts;

/**
 * A message that does not satisfy its contract. {@link #field()} names the offending field as a path
 * ({@code labels.zone}, {@code flags[2]}), or {@code null} when the payload as a whole is wrong (not JSON, too large).
 */
public class ContractViolation extends RuntimeException {

    private final String field;
    private final String reason;

    public ContractViolation(String field, String reason) {
        super(field == null ? reason : field + ": " + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
