package kz.aqkol.portal.me;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kz.aqkol.portal.me.MeApis.Access;

/**
 * "Who looked at my data": the first page of each service's access log, merged newest first. Each service pages on
 * its own, so the merged list is complete only down to the oldest entry shown of a service that has more
 * ({@link Merged#completeSince()}); below it, that service's older entries are behind its own "more" link, which the
 * page says where the line falls.
 */
public final class AccessLog {

    private AccessLog() {
    }

    /** One service's first page, or that the service did not answer. */
    public record ServicePage(String service, List<Access> items, String next, boolean unavailable) {
        public static ServicePage unavailable(String service) {
            return new ServicePage(service, List.of(), null, true);
        }
    }

    /** One look, and the service that recorded it. */
    @TemplateData
    public record Entry(String service, Access access) {
    }

    /** A service with older entries, and the cursor of its next page. */
    @TemplateData
    public record More(String service, String before) {
    }

    /**
     * The merged entries, newest first; {@code completeSince}: every entry at or after it is in the list (null: the
     * list is the whole log); {@code firstIncomplete}: the index of the first entry older than that (or -1).
     */
    @TemplateData
    public record Merged(List<Entry> entries, Instant completeSince, int firstIncomplete, List<More> more,
                         List<String> unavailable) {
    }

    public static Merged merge(List<ServicePage> pages) {
        List<Entry> entries = new ArrayList<>();
        List<More> more = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Instant completeSince = null;
        for (ServicePage page : pages) {
            if (page.unavailable()) {
                unavailable.add(page.service());
                continue;
            }
            page.items().forEach(access -> entries.add(new Entry(page.service(), access)));
            if (page.next() != null && !page.next().isBlank()) {
                more.add(new More(page.service(), page.next()));
                Instant oldest = page.items().stream().map(Access::at).min(Comparator.naturalOrder()).orElse(null);
                if (oldest != null && (completeSince == null || oldest.isAfter(completeSince))) {
                    completeSince = oldest;
                }
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.access().at()).reversed()
                .thenComparing(Entry::service)
                .thenComparing(Comparator.comparingLong((Entry e) -> e.access().seq()).reversed()));
        int firstIncomplete = -1;
        if (completeSince != null) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).access().at().isBefore(completeSince)) {
                    firstIncomplete = i;
                    break;
                }
            }
        }
        return new Merged(List.copyOf(entries), completeSince, firstIncomplete, List.copyOf(more),
                List.copyOf(unavailable));
    }
}
