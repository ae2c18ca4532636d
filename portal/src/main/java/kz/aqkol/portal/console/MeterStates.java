package kz.aqkol.portal.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kz.aqkol.portal.console.ConsoleApis.AlertView;
import kz.aqkol.portal.console.ConsoleApis.MeterView;

/**
 * What is wrong with which meter, from the two places that know: metering-service's meters (a valve it closed) and
 * the open alerts metering-service raised (subject {@code meter:<id>}: LEAK, TAMPER, SPIKE, SILENT, VALVE_FAILED,
 * VALVE_UNANSWERED, and the meter's own flags: MAGNETIC_TAMPER, VALVE_FAULT, BACKFLOW, BATTERY_LOW). A meter known only from an alert (a dispatcher cannot list meters) takes its zone and account
 * from the alert's labels.
 */
public final class MeterStates {

    /** Metering-service's alert types, worst first; plus the valve the service reports closed. */
    public static final List<String> PROBLEMS = List.of("LEAK", "TAMPER", "MAGNETIC_TAMPER", "VALVE_FAILED",
            "VALVE_FAULT", "VALVE_UNANSWERED", "BACKFLOW", "SPIKE", "REGISTER_RESET", "SILENT", "BATTERY_LOW",
            "VALVE_CLOSED");
    static final String VALVE_CLOSED = "VALVE_CLOSED";
    private static final String SUBJECT = "meter:";
    private static final String SOURCE = "metering-service";

    private MeterStates() {
    }

    /** Every meter with at least one problem, worst first, then by id. {@code meters} may be empty. */
    public static List<MeterState> troubled(Collection<MeterView> meters, Collection<AlertView> openAlerts) {
        Map<String, Builder> byId = new LinkedHashMap<>();
        for (MeterView meter : meters) {
            if (meter.decommissionedAt() != null) {
                continue;
            }
            Builder b = byId.computeIfAbsent(meter.id(), Builder::new);
            b.zone = meter.zone();
            b.account = meter.accountNumber();
            b.utility = meter.utility();
            b.hasValve = meter.hasValve();
            if (meter.valveClosed()) {
                b.problems.add(VALVE_CLOSED);
            }
        }
        for (AlertView alert : openAlerts) {
            if (!alert.open() || !SOURCE.equals(alert.source()) || alert.subject() == null
                    || !alert.subject().startsWith(SUBJECT) || !PROBLEMS.contains(alert.type())) {
                continue;
            }
            Builder b = byId.computeIfAbsent(alert.subject().substring(SUBJECT.length()), Builder::new);
            b.zone = b.zone == null ? alert.label("zone") : b.zone;
            b.account = b.account == null ? alert.label("account") : b.account;
            b.utility = b.utility == null ? alert.label("utility") : b.utility;
            b.problems.add(alert.type());
        }
        List<MeterState> troubled = new ArrayList<>();
        for (Builder b : byId.values()) {
            if (!b.problems.isEmpty()) {
                troubled.add(new MeterState(b.id, b.zone, b.account, b.utility, b.hasValve,
                        List.copyOf(b.problems)));
            }
        }
        troubled.sort(Comparator.comparingInt(MeterState::worst).thenComparing(MeterState::id));
        return troubled;
    }

    /** One meter and its problems, worst first. */
    @TemplateData
    public record MeterState(String id, String zone, String account, String utility, boolean hasValve,
                             List<String> problems) {
        int worst() {
            return PROBLEMS.indexOf(problems.get(0));
        }

        public boolean has(String problem) {
            return problems.contains(problem);
        }
    }

    private static final class Builder {
        private final String id;
        private String zone;
        private String account;
        private String utility;
        private boolean hasValve;
        private final TreeSet<String> problems = new TreeSet<>(Comparator.comparingInt(PROBLEMS::indexOf));

        Builder(String id) {
            this.id = id;
        }
    }
}
