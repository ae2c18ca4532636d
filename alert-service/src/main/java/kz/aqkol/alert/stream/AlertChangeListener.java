package kz.aqkol.alert.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import kz.aqkol.alert.alert.AlertService;
import kz.aqkol.alert.alert.AlertView;
import kz.aqkol.platform.messaging.FreshContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds this replica's {@link AlertStream} with every committed change of an alert, whichever replica made it: one
 * dedicated connection per replica {@code LISTEN}s on {@link AlertChanges#CHANNEL}, and each notice's views go to
 * the stream as they are (alerts named by id only are loaded first). A replica's own changes arrive this way too,
 * and only this way, so a client sees each change once. The connection is re-established with backoff (at most
 * {@link #MAX_BACKOFF_MS} ms apart) whenever it is lost; meanwhile {@link #listening()} is false, readiness says so,
 * and changes committed in that gap do not reach this replica's streams.
 */
@ApplicationScoped
public class AlertChangeListener {

    private static final Logger LOG = Logger.getLogger(AlertChangeListener.class);
    static final long MAX_BACKOFF_MS = 5_000;

    private final Vertx vertx;
    private final ObjectMapper json;
    private final AlertStream stream;
    private final Function<List<UUID>, Uni<List<AlertView>>> load;
    private final PgConnectOptions options;
    private volatile PgSubscriber subscriber;
    private volatile boolean subscribed;
    private volatile boolean stopping;

    AlertChangeListener(Vertx vertx, ObjectMapper json, AlertStream stream, AlertService alerts,
                        @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                        @ConfigProperty(name = "quarkus.datasource.username") String username,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.json = json;
        this.stream = stream;
        this.load = alerts::views;
        this.options = connectOptions(url, username, password);
    }

    /** The pool's own database and account, from its reactive URL (its first host when it names several). */
    static PgConnectOptions connectOptions(String url, String username, Optional<String> password) {
        String first = url.replaceFirst("^vertx-reactive:", "").split(",")[0];
        PgConnectOptions options = PgConnectOptions.fromUri(first).setUser(username);
        password.ifPresent(options::setPassword);
        return options;
    }

    void start(@Observes StartupEvent event) {
        PgSubscriber created = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> stopping ? -1L : backoff(attempt));
        created.channel(AlertChanges.CHANNEL)
                .subscribeHandler(() -> {
                    subscribed = true;
                    LOG.infof("listening for alert changes on %s", AlertChanges.CHANNEL);
                })
                .handler(this::received);
        subscriber = created;
        connect(0);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        PgSubscriber current = subscriber;
        if (current != null) {
            current.closeAndForget();
        }
    }

    /** Whether this replica is listening now: connected, and its {@code LISTEN} done. */
    public boolean listening() {
        PgSubscriber current = subscriber;
        return subscribed && current != null && !current.closed() && current.actualConnection() != null;
    }

    /** 100 ms, doubling, at most {@link #MAX_BACKOFF_MS}. */
    static long backoff(int attempt) {
        return Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempt, 10));
    }

    /** The first connection; once made, the subscriber's own policy reconnects. */
    private void connect(int attempt) {
        if (stopping) {
            return;
        }
        subscriber.connect().subscribe().with(
                connected -> { },
                failure -> {
                    LOG.warnf("cannot listen for alert changes (attempt %d): %s", attempt + 1, failure.getMessage());
                    vertx.setTimer(backoff(attempt), id -> connect(attempt + 1));
                });
    }

    private void received(String payload) {
        ChangeNotices.Notice notice;
        try {
            notice = ChangeNotices.read(json, payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignored a notice on %s: %s", AlertChanges.CHANNEL, e.getMessage());
            return;
        }
        if (notice.views() != null) {
            stream.publish(notice.views());
        }
        if (notice.load() != null && !notice.load().isEmpty()) {
            FreshContext.run(vertx.getOrCreateContext().getDelegate(), () -> load.apply(notice.load()))
                    .subscribe().with(stream::publish,
                            failure -> LOG.warnf("cannot load changed alerts %s: %s", notice.load(),
                                    failure.getMessage()));
        }
    }
}
