package kz.aqkol.alert.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import kz.aqkol.alert.alert.AlertView;

/**
 * Live changes of alerts, for {@code GET /alerts/stream}: every alert opened, counted up, acknowledged, assigned or
 * resolved by any replica, once its transaction has committed. Changes arrive only through
 * {@link AlertChangeListener} (this replica's own included, so none twice). A client that falls behind is dropped
 * rather than slowing intake down.
 */
@ApplicationScoped
public class AlertStream {

    private final BroadcastProcessor<AlertView> changes = BroadcastProcessor.create();
    // notices and loaded alerts arrive on different threads: they go in one at a time
    private final SerializedProcessor<AlertView, AlertView> in = changes.serialized();

    void publish(List<AlertView> changed) {
        changed.forEach(in::onNext);
    }

    public Multi<AlertView> changes() {
        return changes.onOverflow().drop();
    }
}
