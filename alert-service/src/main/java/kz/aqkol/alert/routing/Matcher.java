package kz.aqkol.alert.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher as Alertmanager writes it: {@code name}, {@code value}, whether the value is a regular expression
 * (anchored at both ends) and whether it must match ({@code isEqual}) or must not. A missing label counts as empty.
 */
public record Matcher(String name, String value, boolean isRegex, boolean isEqual) {

    @JsonCreator
    public Matcher(@JsonProperty("name") String name, @JsonProperty("value") String value,
                   @JsonProperty("isRegex") Boolean isRegex, @JsonProperty("isEqual") Boolean isEqual) {
        this(name, value, Boolean.TRUE.equals(isRegex), isEqual == null || isEqual);
    }

    public Matcher {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a matcher needs a label name");
        }
        if (value == null) {
            throw new IllegalArgumentException("matcher " + name + " needs a value");
        }
        if (isRegex) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher " + name + " has an invalid regular expression: "
                        + e.getDescription());
            }
        }
    }

    /** Parses {@code name=value}, {@code name!=value}, {@code name=~regex} or {@code name!~regex}. */
    public static Matcher parse(String text) {
        for (String op : new String[] {"!=", "=~", "!~", "="}) {
            int at = text.indexOf(op);
            if (at > 0) {
                String name = text.substring(0, at).trim();
                String value = text.substring(at + op.length()).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return new Matcher(name, value, op.contains("~"), !op.startsWith("!"));
            }
        }
        throw new IllegalArgumentException("not a matcher: " + text + " (expected name=value, name!=value, "
                + "name=~regex or name!~regex)");
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        boolean hit = isRegex ? Pattern.matches(value, actual) : value.equals(actual);
        return hit == isEqual;
    }

    @Override
    public String toString() {
        return name + (isEqual ? "" : "!") + (isRegex ? "=~" : "=") + value;
    }
}
