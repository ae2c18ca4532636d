package kz.aqkol.alert.notify;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log: each notification, newest first, with every attempt to deliver it. */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
@Tag(name = "Notifications")
public class NotificationResource {

    @GET
    @WithSession
    @Operation(summary = "Notifications, newest first, optionally for one receiver, with their delivery attempts")
    public Uni<List<NotificationView>> list(@QueryParam("receiver") String receiver,
                                            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT)
                                            int limit) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        receiver == null ? "from Notification order by createdAt desc"
                                : "from Notification where receiver = :receiver order by createdAt desc",
                        Notification.class)
                .setParameter("receiver", receiver)
                .setMaxResults(limit)
                .getResultList()
                .chain(notifications -> notifications.isEmpty() ? Uni.createFrom().item(List.<NotificationView>of())
                        : session.createSelectionQuery(
                                        "from DeliveryAttempt where notificationId in :ids order by id",
                                        DeliveryAttempt.class)
                                .setParameter("ids", notifications.stream().map(n -> n.id).toList())
                                .getResultList()
                                .map(attempts -> {
                                    Map<UUID, List<AttemptView>> byNotification = attempts.stream()
                                            .collect(Collectors.groupingBy(a -> a.notificationId,
                                                    Collectors.mapping(AttemptView::of, Collectors.toList())));
                                    return notifications.stream().map(n -> NotificationView.of(n,
                                            byNotification.getOrDefault(n.id, List.of()))).toList();
                                })));
    }

    public record NotificationView(UUID id, String receiver, String kind, String groupKey, Instant createdAt,
                                   Instant deliveredAt, Instant gaveUpAt, int attempts, Instant nextAttemptAt,
                                   List<AttemptView> log) {
        static NotificationView of(Notification n, List<AttemptView> log) {
            return new NotificationView(n.id, n.receiver, n.kind, n.groupKey, n.createdAt, n.deliveredAt, n.gaveUpAt,
                    n.attempts, n.nextAttemptAt, log);
        }
    }

    public record AttemptView(Instant at, Integer status, String error, long durationMs) {
        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.at, a.status, a.error, a.durationMs);
        }
    }
}
