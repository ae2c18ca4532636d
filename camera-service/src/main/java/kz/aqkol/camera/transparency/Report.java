package kz.aqkol.camera.transparency;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The public transparency report for one closed calendar month ({@code period}, [from, to)): counts only, no
 * identifiers of people, cameras, events, grants or cases. A count above zero and below {@code suppressedBelow} is
 * withheld ({@code count} null, {@code suppressed} true), so that nobody can be singled out by a small number.
 */
@RegisterForReflection
public record Report(String period, Instant from, Instant to, Instant generatedAt, int suppressedBelow,
                     List<Count> cameras, List<Count> events, List<Count> grants, List<Count> exports,
                     List<Count> watchlist, List<Count> purges, List<Count> accesses) {

    /** One count and what it is a count of ({@code group}: dimension name to value). */
    @RegisterForReflection
    public record Count(Map<String, String> group, Long count, boolean suppressed) {
    }
}
