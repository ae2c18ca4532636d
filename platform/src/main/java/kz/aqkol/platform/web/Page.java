package kz.aqkol.platform.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. {@code next} is the cursor to pass back for the following page, absent on the last one.
 * Lists are never unbounded: see {@link #MAX_LIMIT}.
 */
@RegisterForReflection
public record Page<T>(List<T> items, String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /**
     * Makes a page from up to {@code limit + 1} rows fetched in cursor order: the extra row only says that another
     * page exists, and the cursor is taken from the last row shown.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, String> cursor, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? cursor.apply(shown.get(limit - 1)) : null);
    }
}
