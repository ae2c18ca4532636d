package kz.aqkol.devstack.test.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What loading a page cost, as the browser's Navigation and Resource Timing record it: the bytes of the document
 * and of every resource it fetched, and how long until DOMContentLoaded and the end of the load event, counted from
 * the start of the navigation.
 *
 * @param transfers the document first, then each resource in the order it was fetched
 * @param firstContentfulPaint empty when the browser painted no content
 */
public record PageWeight(List<Transfer> transfers, Duration domContentLoaded, Duration load,
                         Optional<Duration> firstContentfulPaint) {

    /**
     * One fetch. {@code transferSize} is what came over the wire (headers and the encoded body); it is 0 when the
     * response came from the browser's cache, and then the encoded body is what a first visit would have cost.
     * Both are 0 for another origin's resource that does not send {@code Timing-Allow-Origin}.
     */
    public record Transfer(String url, String initiator, long transferSize, long encodedBodySize) {

        public long bytes() {
            return transferSize > 0 ? transferSize : encodedBodySize;
        }
    }

    /** The bytes of every transfer together. */
    public long transferredBytes() {
        return transfers.stream().mapToLong(Transfer::bytes).sum();
    }

    static final String MEASURE = """
            const nav = performance.getEntriesByType('navigation')[0];
            if (!nav || nav.loadEventEnd === 0) {
                return null;
            }
            const transfer = e => ({url: e.name, initiator: e.initiatorType,
                transferSize: e.transferSize, encodedBodySize: e.encodedBodySize});
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            if (!paint && performance.now() - nav.loadEventEnd < 2000) {
                return null; // the load event may come before the first frame is presented: give it two seconds
            }
            return {transfers: [transfer(nav)].concat(performance.getEntriesByType('resource').map(transfer)),
                domContentLoaded: nav.domContentLoadedEventEnd - nav.startTime,
                load: nav.loadEventEnd - nav.startTime,
                firstContentfulPaint: paint ? paint.startTime : -1};
            """;

    /** Reads what {@link #MEASURE} returned. */
    static PageWeight of(Map<?, ?> measured) {
        List<Transfer> transfers = ((List<?>) measured.get("transfers")).stream().map(t -> (Map<?, ?>) t)
                .map(t -> new Transfer((String) t.get("url"), (String) t.get("initiator"),
                        number(t, "transferSize").longValue(), number(t, "encodedBodySize").longValue()))
                .toList();
        double paint = number(measured, "firstContentfulPaint").doubleValue();
        return new PageWeight(transfers, millis(number(measured, "domContentLoaded")),
                millis(number(measured, "load")), paint < 0 ? Optional.empty() : Optional.of(millis(paint)));
    }

    @Override
    public String toString() {
        return transferredBytes() + " bytes in " + transfers.size() + " transfers, DOMContentLoaded after "
                + domContentLoaded.toMillis() + " ms, loaded after " + load.toMillis() + " ms";
    }

    private static Number number(Map<?, ?> map, String key) {
        return (Number) map.get(key);
    }

    private static Duration millis(Number millis) {
        return Duration.ofNanos(Math.round(millis.doubleValue() * 1_000_000));
    }
}
