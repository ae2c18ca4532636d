package kz.aqkol.alert.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A label matcher as Alertmanager writes it: {@code name}, {@code value}, whether the value is a regular expression
 * (anchored at both ends) and whether it must match ({@code isEqual}) or must not. A missing label counts as empty.
 *
 * <p>Operators write these matchers (routes, inhibition rules, silences, Alertmanager filters) and every alert runs
 * through them, so a regular expression must not be able to stall the service. They run on RE2/J, which matches in
 * time linear in the input whatever the pattern (no backtracking: {@code (a+)+$} costs what {@code a+$} costs) and
 * has the syntax of Go's regexp, the engine of Alertmanager itself. RE2/J bounds one counted repetition at 1,000
 * but not nested ones: {@code (a{1000}){1000}} compiles to a million instructions and takes seconds. So a pattern is
 * at most {@value #MAX_PATTERN} characters and its counted repetitions multiply to at most
 * {@value #MAX_REPETITION}, which keeps every compiled program small.
 */
public record Matcher(String name, String value, boolean isRegex, boolean isEqual) {

    /** The longest regular expression a matcher takes. */
    public static final int MAX_PATTERN = 1_000;
    /** The most the counted repetitions ({@code {n}}, {@code {n,}}, {@code {n,m}}) of a pattern may multiply to. */
    public static final long MAX_REPETITION = 1_000;

    /**
     * Patterns compiled once, not for every alert × route × silence; the routes and silences are few, and a filter
     * someone sends with each request only fills it so far before it is emptied.
     */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 10_000;
    private static final java.util.regex.Pattern COUNTED = java.util.regex.Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");

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
            compile(name, value);
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
        boolean hit = isRegex ? compiled(name, value).matches(actual) : value.equals(actual);
        return hit == isEqual;
    }

    private static Pattern compiled(String name, String value) {
        Pattern pattern = COMPILED.get(value);
        if (pattern == null) {
            if (COMPILED.size() >= MAX_COMPILED) {
                COMPILED.clear();
            }
            pattern = compile(name, value);
            COMPILED.put(value, pattern);
        }
        return pattern;
    }

    private static Pattern compile(String name, String value) {
        if (value.length() > MAX_PATTERN) {
            throw new IllegalArgumentException("matcher " + name + " has a regular expression of " + value.length()
                    + " characters, more than the " + MAX_PATTERN + " allowed");
        }
        if (repetition(value) > MAX_REPETITION) {
            throw new IllegalArgumentException("matcher " + name + " repeats more than " + MAX_REPETITION
                    + " times in all (counted repetitions multiply): simplify the regular expression");
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("matcher " + name + " has an invalid regular expression: "
                    + e.getDescription());
        }
    }

    /** The product of the pattern's counted repetitions (each at its upper bound), capped above the limit. */
    private static long repetition(String pattern) {
        long product = 1;
        java.util.regex.Matcher counted = COUNTED.matcher(pattern);
        while (counted.find() && product <= MAX_REPETITION) {
            String upper = counted.group(2) == null || counted.group(2).isEmpty() ? counted.group(1) : counted.group(2);
            product *= upper.length() > 4 ? MAX_REPETITION + 1 : Math.max(1, Integer.parseInt(upper));
        }
        return product;
    }

    @Override
    public String toString() {
        return name + (isEqual ? "" : "!") + (isRegex ? "=~" : "=") + value;
    }
}
