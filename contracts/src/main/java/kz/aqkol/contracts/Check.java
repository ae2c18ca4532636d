package kz.aqkol.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The field rules the message records enforce in their constructors; each failure names its field. */
final class Check {

    /** Device, meter, camera and account identifiers: what may appear as one MQTT topic level. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private Check() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new ContractViolation(field, "is required");
        }
        return value;
    }

    static String text(String value, String field, int maxLength) {
        required(value, field);
        if (value.isBlank()) {
            throw new ContractViolation(field, "must not be blank");
        }
        return optionalText(value, field, maxLength);
    }

    static String optionalText(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new ContractViolation(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    static String id(String value, String field) {
        required(value, field);
        if (!ID.matcher(value).matches()) {
            throw new ContractViolation(field, "must match " + ID.pattern());
        }
        return value;
    }

    static String code(String value, String field) {
        required(value, field);
        if (!CODE.matcher(value).matches()) {
            throw new ContractViolation(field, "must match " + CODE.pattern());
        }
        return value;
    }

    static BigDecimal notNegative(BigDecimal value, String field) {
        required(value, field);
        if (value.signum() < 0) {
            throw new ContractViolation(field, "must not be negative");
        }
        return value;
    }

    static double between(Double value, double min, double max, String field) {
        required(value, field);
        if (value.isNaN() || value < min || value > max) {
            throw new ContractViolation(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    static Integer optionalBetween(Integer value, int min, int max, String field) {
        if (value != null && (value < min || value > max)) {
            throw new ContractViolation(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** An optional list of codes such as reading flags; absent means empty. */
    static List<String> codes(List<String> values, String field, int maxItems) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxItems) {
            throw new ContractViolation(field, "must have at most " + maxItems + " items");
        }
        for (int i = 0; i < values.size(); i++) {
            code(values.get(i), field + "[" + i + "]");
        }
        return List.copyOf(values);
    }

    /** Optional string labels; absent means empty. */
    static Map<String, String> labels(Map<String, String> labels, String field) {
        if (labels == null) {
            return Map.of();
        }
        if (labels.size() > 32) {
            throw new ContractViolation(field, "must have at most 32 entries");
        }
        labels.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > 64) {
                throw new ContractViolation(field, "keys must be 1 to 64 characters");
            }
            text(value, field + "." + key, 256);
        });
        return Map.copyOf(labels);
    }
}
