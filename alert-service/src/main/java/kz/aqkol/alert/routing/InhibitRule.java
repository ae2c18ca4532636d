package kz.aqkol.alert.routing;

import java.util.List;
import java.util.Map;

/**
 * While an open alert matches the source matchers, alerts matching the target matchers with the same values of the
 * {@code equal} labels are not notified (e.g. a camera's OFFLINE inhibits its TAMPER: equal [subject]).
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

    public InhibitRule {
        sourceMatchers = sourceMatchers == null ? List.of() : List.copyOf(sourceMatchers);
        targetMatchers = targetMatchers == null ? List.of() : List.copyOf(targetMatchers);
        equal = equal == null ? List.of() : List.copyOf(equal);
    }

    /** Whether {@code source} (an open alert's labels) inhibits {@code target}. */
    public boolean inhibits(Map<String, String> source, Map<String, String> target) {
        if (source.equals(target)) {
            return false;
        }
        return sourceMatchers.stream().allMatch(m -> m.matches(source))
                && targetMatchers.stream().allMatch(m -> m.matches(target))
                && equal.stream().allMatch(label -> source.getOrDefault(label, "")
                        .equals(target.getOrDefault(label, "")));
    }
}
