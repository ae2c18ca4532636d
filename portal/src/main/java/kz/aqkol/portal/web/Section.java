package kz.aqkol.portal.web;

import io.quarkus.qute.TemplateData;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One part of a page filled from one service. When that service does not answer, the part says so and the rest
 * of the page still renders: a village status page must not go blank because the camera-service restarts.
 */
@TemplateData
public record Section<T>(T value, boolean unavailable) {

    private static final Logger LOG = Logger.getLogger(Section.class);

    public static <T> Section<T> of(String what, Supplier<T> fetch) {
        try {
            return new Section<>(fetch.get(), false);
        } catch (RuntimeException e) {
            LOG.warnf("%s unavailable: %s", what, e.toString());
            return new Section<>(null, true);
        }
    }
}
