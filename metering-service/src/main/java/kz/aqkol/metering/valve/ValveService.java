package kz.aqkol.metering.valve;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.AccountStatus;
import kz.aqkol.contracts.AccountStatusChanged;
import kz.aqkol.contracts.CommandResult;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.ValveAction;
import kz.aqkol.contracts.ValveCommand;
import kz.aqkol.contracts.ValveCommandAck;
import kz.aqkol.metering.alert.MeterAlerts;
import kz.aqkol.metering.meter.Meter;
import kz.aqkol.metering.meter.MeterRepository;
import kz.aqkol.metering.meter.Utility;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.jobs.PassLock;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Outbox;
import kz.aqkol.platform.messaging.Refusal;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import org.jboss.logging.Logger;

/**
 * Opens and closes valves. Billing's BLOCKED closes the valves of the account's gas meters; any later standing
 * reopens them. Each command is stored, published through the outbox, and closed by the meter's answer; a command
 * left unanswered too long raises an alert.
 */
@ApplicationScoped
public class ValveService {

    private static final Logger LOG = Logger.getLogger(ValveService.class);

    private final MeterRepository meters;
    private final ValveCommandRepository commands;
    private final Outbox outbox;
    private final MeterAlerts alerts;
    private final AuditLog audit;
    private final Clock clock;

    ValveService(MeterRepository meters, ValveCommandRepository commands, Outbox outbox, MeterAlerts alerts,
                 AuditLog audit, Clock clock) {
        this.meters = meters;
        this.audit = audit;
        this.commands = commands;
        this.outbox = outbox;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * An operator's command to one meter. It is recorded in the audit chain with its reason, under the meter's
     * account, so the resident sees who closed or opened their valve and why ({@code /me/access-log}).
     */
    @WithTransaction
    public Uni<ValveCommandRecord> command(String meterId, ValveAction action, String reason, Caller by) {
        return meters.findById(meterId).chain(meter -> {
            if (meter == null) {
                throw ProblemException.notFound("meter", meterId);
            }
            if (!meter.hasValve) {
                throw ProblemException.unprocessable("meter " + meterId + " has no valve");
            }
            if (meter.decommissionedAt != null) {
                throw ProblemException.conflict("meter " + meterId + " is decommissioned");
            }
            return send(meter, action, reason, by.name(), null)
                    .call(sent -> audit.append(by, action.name(), "meter", meter.id, meter.accountNumber, reason,
                            "command " + sent.id));
        });
    }

    @WithSession
    public Uni<List<ValveCommandRecord>> history(String meterId, int rows) {
        return commands.ofMeter(meterId, rows);
    }

    /** Billing's announcements, in order; a repeated message changes nothing. */
    @WithTransaction
    public Uni<List<Refusal>> standingsChanged(List<Inbound<AccountStatusChanged>> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(inbound -> standingChanged(inbound.message()))
                .collect().last()
                .replaceWith(List.of());
    }

    private Uni<Void> standingChanged(AccountStatusChanged change) {
        return Panache.getSession().chain(session -> session.find(AccountStanding.class, change.accountNumber()))
                .chain(standing -> {
                    if (standing != null && (standing.messageId.equals(change.id())
                            || standing.changedAt.isAfter(change.occurredAt()))) {
                        return Uni.createFrom().voidItem(); // seen already, or older than what we know
                    }
                    boolean wasBlocked = standing != null && standing.status == AccountStatus.BLOCKED;
                    boolean blocked = change.status() == AccountStatus.BLOCKED;
                    AccountStanding next = standing != null ? standing : new AccountStanding();
                    next.accountNumber = change.accountNumber();
                    next.status = change.status();
                    next.changedAt = change.occurredAt();
                    next.messageId = change.id();
                    Uni<Void> saved = Panache.getSession().chain(session -> session.merge(next)).replaceWithVoid();
                    if (blocked == wasBlocked) {
                        return saved;
                    }
                    ValveAction action = blocked ? ValveAction.CLOSE_VALVE : ValveAction.OPEN_VALVE;
                    String reason = "account " + change.accountNumber() + " " + change.status() + ": " + change.reason();
                    return saved.chain(() -> meters.ofAccount(change.accountNumber()))
                            .chain(owned -> Multi.createFrom().iterable(owned)
                                    .select().where(m -> m.utility == Utility.GAS && m.hasValve
                                            && m.decommissionedAt == null)
                                    .onItem().transformToUniAndConcatenate(
                                            meter -> send(meter, action, reason, "billing-service", change.id()))
                                    .collect().last())
                            .replaceWithVoid();
                });
    }

    /** The meters' answers; an answer to an unknown command is refused. */
    @WithTransaction
    public Uni<List<Refusal>> answered(List<Inbound<ValveCommandAck>> batch) {
        List<Refusal> refused = new ArrayList<>();
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(inbound -> commands.findById(inbound.message().commandId())
                        .chain(command -> {
                            if (command == null || !command.meterId.equals(inbound.deviceId())) {
                                refused.add(Refusal.of(inbound, "commandId",
                                        "meter " + inbound.deviceId() + " was sent no such command"));
                                return Uni.createFrom().voidItem();
                            }
                            return answer(command, inbound.message());
                        }))
                .collect().last()
                .map(done -> refused);
    }

    private Uni<Void> answer(ValveCommandRecord command, ValveCommandAck ack) {
        if (command.answeredAt != null) {
            return Uni.createFrom().voidItem();
        }
        boolean wasTimedOut = command.status == ValveCommandRecord.Status.TIMED_OUT;
        command.status = ack.result() == CommandResult.DONE ? ValveCommandRecord.Status.DONE
                : ValveCommandRecord.Status.FAILED;
        command.answeredAt = ack.occurredAt();
        command.valve = ack.valve();
        return meters.findById(command.meterId)
                .invoke(meter -> meter.valve = ack.valve())
                .chain(meter -> command.status == ValveCommandRecord.Status.FAILED
                        ? alerts.raise(meter, "VALVE_FAILED", Severity.MAJOR,
                                "Valve " + command.action + " failed; valve reports " + ack.valve())
                        : wasTimedOut ? alerts.resolve(meter, "VALVE_UNANSWERED", Severity.MAJOR,
                                "Valve answered late: " + ack.valve()) : Uni.createFrom().voidItem());
    }

    /**
     * Commands still unanswered at {@code deadline}: marked TIMED_OUT, each raising an alert. One replica at a time
     * ({@link PassLock}): two side by side would both find a command pending and raise its alert twice. Returns how
     * many timed out, or -1 if another replica was at it.
     */
    @WithTransaction
    public Uni<Integer> timeOut(Instant deadline) {
        return Panache.getSession().chain(session -> PassLock.ifTaken(session, "valve-timeouts",
                () -> timeOutPending(deadline), -1));
    }

    private Uni<Integer> timeOutPending(Instant deadline) {
        return commands.pendingSince(deadline).chain(pending -> Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(command -> {
                    command.status = ValveCommandRecord.Status.TIMED_OUT;
                    LOG.warnf("Valve command %s to meter %s unanswered since %s", command.id, command.meterId,
                            command.requestedAt);
                    return meters.findById(command.meterId).chain(meter -> alerts.raise(meter,
                            "VALVE_UNANSWERED", Severity.MAJOR,
                            "No answer to " + command.action + " sent at " + command.requestedAt));
                })
                .collect().last()
                .replaceWith(pending.size()));
    }

    private Uni<ValveCommandRecord> send(Meter meter, ValveAction action, String reason, String by, UUID cause) {
        ValveCommandRecord command = new ValveCommandRecord();
        command.id = UUID.randomUUID();
        command.meterId = meter.id;
        command.action = action;
        command.reason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        command.requestedBy = by;
        command.requestedAt = Instant.now(clock);
        command.status = ValveCommandRecord.Status.PENDING;
        command.causeId = cause;
        LOG.infof("Valve %s for meter %s (command %s)", action, meter.id, command.id);
        return commands.persist(command)
                .call(() -> outbox.enqueue(Topics.meterCommands(meter.id),
                        new ValveCommand(command.id, command.requestedAt, action, command.reason)));
    }
}
