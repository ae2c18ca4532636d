package kz.aqkol.alert.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import kz.aqkol.alert.alert.AlertView;

/**
 * Live changes of alerts, for {@code GET /alerts/stream}: every alert opened, counted up, acknowledged or resolved
 * by this replica, once its transaction has committed. A client that falls behind is dropped rather than slowing
 * intake down.
 */
@ApplicationScoped
public class AlertStream {

    private final BroadcastProcessor<AlertView> changes = BroadcastProcessor.create();

    public void publish(List<AlertView> changed) {
        changed.forEach(changes::onNext);
    }

    public Multi<AlertView> changes() {
        return changes.onOverflow().drop();
    }
}
