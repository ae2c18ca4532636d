package kz.aqkol.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeQueueTest {

    private final List<Integer> acked = new ArrayList<>();

    @Test
    void anIdleQueueCommitsEachMessageAtOnce() {
        IntakeQueue<Integer> queue = new IntakeQueue<>(100, 1, acked::add);

        queue.offer(1);
        List<Integer> batch = queue.nextBatch();

        assertThat(batch).containsExactly(1);
        assertThat(acked).isEmpty();
        queue.committed(batch);
        assertThat(acked).containsExactly(1);
    }

    @Test
    void messagesArrivingDuringACommitFormTheNextBatchUpToTheLimit() {
        IntakeQueue<Integer> queue = new IntakeQueue<>(3, 1, acked::add);
        queue.offer(1);
        List<Integer> first = queue.nextBatch();
        for (int i = 2; i <= 6; i++) {
            queue.offer(i);
        }

        assertThat(queue.nextBatch()).as("one batch in flight at a time").isNull();
        queue.committed(first);

        assertThat(queue.nextBatch()).containsExactly(2, 3, 4);
        assertThat(acked).containsExactly(1);
    }

    @Test
    void acknowledgementsFollowReceiveOrderWhateverOrderCommitsFinishIn() {
        IntakeQueue<Integer> queue = new IntakeQueue<>(2, 3, acked::add);
        for (int i = 1; i <= 6; i++) {
            queue.offer(i);
        }
        List<Integer> first = queue.nextBatch();
        List<Integer> second = queue.nextBatch();
        List<Integer> third = queue.nextBatch();

        queue.committed(third);
        assertThat(acked).as("nothing before 1 and 2 are committed").isEmpty();
        queue.committed(first);
        assertThat(acked).containsExactly(1, 2);
        queue.committed(second);
        assertThat(acked).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void refusesSettingsThatCouldNeverMakeProgress() {
        assertThatThrownBy(() -> new IntakeQueue<Integer>(10, 0, acked::add))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
