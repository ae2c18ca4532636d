package kz.aqkol.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kz.aqkol.billing.notify.Notices;
import kz.aqkol.billing.notify.WebhookRelay;
import kz.aqkol.devstack.test.MutableClock;
import kz.aqkol.devstack.test.OnVertx;
import kz.aqkol.devstack.WebhookRecorder;
import kz.aqkol.platform.time.DbTimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Residents' webhook notices as the platform's webhook delivery sends them, against a real local receiver. */
@QuarkusTest
class WebhookDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DELIVERIES = "aqkol_webhook_deliveries_total";

    @Inject
    Pool pool;

    @Inject
    Notices notices;

    @Inject
    WebhookRelay relay;

    @Inject
    Vertx vertx;

    @AfterEach
    void realTime() {
        MutableClock.INSTANCE.reset();
    }

    /**
     * While the receiver has the request and has not answered, the notice is only leased: another transaction locks
     * and changes its row at once (NOWAIT: a lock held by the relay would fail it). Once answered, it is delivered.
     */
    @Test
    void noRowLockIsHeldWhileTheReceiverAnswersAndTheNoticeIsDeliveredOnce() {
        try (WebhookRecorder webhook = WebhookRecorder.start()) {
            String url = webhook.url("/slow");
            String account = Billing.account("NONE", url, false);
            try (WebhookRecorder.Hold hold = webhook.hold("/slow")) {
                enqueue(url, account, "SLOW_TEST");
                webhook.await(r -> r.path().equals("/slow"), WAIT);

                Row locked = pool.withTransaction(c -> c.preparedQuery("""
                                select id, next_at from webhook_notice where url = $1 for update nowait""")
                        .execute(Tuple.of(url))
                        .chain(rows -> c.preparedQuery("update webhook_notice set last_error = 'checked' where id = $1")
                                .execute(Tuple.of(rows.iterator().next().getLong("id")))
                                .replaceWith(rows.iterator().next())))
                        .await().atMost(WAIT);
                assertThat(DbTimes.instant(locked.getValue("next_at"))).as("leased while it is sent")
                        .isAfter(Instant.now().plusSeconds(20));
            }
            await().atMost(WAIT).until(() -> notice(url).getValue("delivered_at") != null);
            assertThat(notice(url).getInteger("attempts")).isEqualTo(1);
            assertThat(webhook.requests("/slow")).hasSize(1).allMatch(WebhookRecorder.Request::answeredOk);
        }
    }

    /** A receiver that never takes the notice gets 10 attempts, each after a longer pause, and then no more. */
    @Test
    void aNoticeNobodyTakesIsGivenUpAfterTenAttempts() {
        try (WebhookRecorder webhook = WebhookRecorder.start()) {
            String url = webhook.url("/gone");
            String account = Billing.account("NONE", url, false);
            webhook.down("/gone", true);
            double gaveUp = Billing.metric(DELIVERIES, "kind=\"resident\",outcome=\"gave_up\"");
            enqueue(url, account, "GONE_TEST");
            int made = 0;
            while (made < 10) {
                int before = made;
                await().atMost(WAIT).until(() -> notice(url).getInteger("attempts") > before);
                Row notice = notice(url);
                made = notice.getInteger("attempts");
                if (made < 10) {
                    assertThat(notice.getValue("gave_up_at")).isNull();
                    // 5 s, 10 s, 20 s … 1280 s after the attempt was recorded, a moment ago
                    Duration pause = Duration.ofSeconds(5L << (made - 1));
                    assertThat(Duration.between(MutableClock.INSTANCE.instant(),
                            DbTimes.instant(notice.getValue("next_at"))))
                            .isBetween(pause.minusSeconds(4), pause);
                    MutableClock.INSTANCE.advance(Duration.ofHours(1)); // beyond the longest pause
                }
            }
            Row notice = notice(url);
            assertThat(notice.getValue("gave_up_at")).isNotNull();
            assertThat(notice.getValue("delivered_at")).isNull();
            assertThat(notice.getString("last_error")).isEqualTo("HTTP 503");
            Billing.awaitMetricAtLeast(DELIVERIES, "kind=\"resident\",outcome=\"gave_up\"", gaveUp + 1);

            MutableClock.INSTANCE.advance(Duration.ofDays(1));
            OnVertx.await(vertx, relay::deliver);
            assertThat(webhook.requests("/gone")).hasSize(10).noneMatch(WebhookRecorder.Request::answeredOk);
            assertThat(notice(url).getInteger("attempts")).isEqualTo(10);
        }
    }

    private void enqueue(String url, String account, String type) {
        pool.withTransaction(c -> notices.webhook(c, url, type, account, "a test notice", Map.of()))
                .await().atMost(WAIT);
    }

    private Row notice(String url) {
        return pool.preparedQuery("select attempts, next_at, delivered_at, gave_up_at, last_error from webhook_notice"
                + " where url = $1").execute(Tuple.of(url)).await().atMost(WAIT).iterator().next();
    }
}
