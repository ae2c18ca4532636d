package kz.aqkol.alert.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happens to an alert nobody acknowledges: after each level's delay (counted from when the alert opened) the
 * level's receiver is notified; after the last level, a reminder goes out every {@code remindEvery} until someone
 * acknowledges.
 */
public record Escalation(List<Level> levels, String remindEvery) {

    public Escalation {
        levels = levels == null ? List.of() : List.copyOf(levels);
        if (remindEvery != null) {
            Durations.parse(remindEvery);
        }
    }

    public Duration reminderInterval() {
        return remindEvery == null ? null : Durations.parse(remindEvery);
    }

    /** When an alert opened at {@code opened} first escalates: its first level, else its first reminder, else never. */
    public Instant firstDue(Instant opened) {
        if (!levels.isEmpty()) {
            return opened.plus(levels.get(0).delay());
        }
        Duration reminder = reminderInterval();
        return reminder == null ? null : opened.plus(reminder);
    }

    /** One step: notify {@code receiver} once the alert has been open {@code after} without acknowledgement. */
    public record Level(String after, String receiver) {

        public Level {
            Durations.parse(after);
            if (receiver == null || receiver.isBlank()) {
                throw new IllegalArgumentException("an escalation level needs a receiver");
            }
        }

        public Duration delay() {
            return Durations.parse(after);
        }
    }
}
