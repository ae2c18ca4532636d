package kz.aqkol.contracts;

import java.util.Optional;

/**
 * The MQTT topics of the platform (all versioned under {@code aqkol/v1/}) and helpers to build and read the
 * per-device ones. Devices publish only under their own id, so the id travels in the topic, not the payload.
 */
public final class Topics {

    public static final String ROOT = "aqkol/v1/";

    /** Meters publish {@link MeterReading}s. */
    public static final String METER_READINGS = ROOT + "meters/+/readings";
    /** The platform sends {@link ValveCommand}s to one meter. */
    public static final String METER_COMMANDS = ROOT + "meters/+/commands";
    /** Meters answer commands with {@link ValveCommandAck}s. */
    public static final String METER_COMMAND_ACKS = ROOT + "meters/+/commands/ack";
    /** Cameras publish {@link CameraStatus} heartbeats. */
    public static final String CAMERA_STATUS = ROOT + "cameras/+/status";
    /** Cameras publish {@link CameraEvent} detections. */
    public static final String CAMERA_EVENTS = ROOT + "cameras/+/events";
    /**
     * Every service publishes {@link AlertRaised} under its own name, {@code aqkol/v1/alerts/<service>} (see
     * {@link #alerts(String)}), which the broker lets only that service write; alert-service takes the alert's source
     * from the topic.
     */
    public static final String ALERTS = ROOT + "alerts/+";
    /** billing-service publishes {@link AccountStatusChanged}. */
    public static final String ACCOUNT_STATUS = ROOT + "billing/account-status";
    /** metering-service publishes {@link ConsumptionCorrected}. */
    public static final String CONSUMPTION_CORRECTIONS = ROOT + "metering/corrections";
    /** metering-service publishes {@link MeterAssignmentChanged}. */
    public static final String METER_ASSIGNMENTS = ROOT + "metering/meter-assignments";
    /** A service publishes {@link DeadLetter}s under its own name: {@code aqkol/v1/dlq/<service>}. */
    public static final String DEAD_LETTERS = ROOT + "dlq/+";
    /**
     * A service publishes its signed {@link AuditCheckpoint}s under its own name, {@code
     * aqkol/v1/audit/checkpoints/<service>}; every other service keeps them as a witness.
     */
    public static final String AUDIT_CHECKPOINTS = ROOT + "audit/checkpoints/+";

    private Topics() {
    }

    public static String meterReadings(String meterId) {
        return ROOT + "meters/" + Check.id(meterId, "meterId") + "/readings";
    }

    public static String meterCommands(String meterId) {
        return ROOT + "meters/" + Check.id(meterId, "meterId") + "/commands";
    }

    public static String meterCommandAcks(String meterId) {
        return meterCommands(meterId) + "/ack";
    }

    public static String cameraStatus(String cameraId) {
        return ROOT + "cameras/" + Check.id(cameraId, "cameraId") + "/status";
    }

    public static String cameraEvents(String cameraId) {
        return ROOT + "cameras/" + Check.id(cameraId, "cameraId") + "/events";
    }

    /** Where {@code service} publishes its {@link AlertRaised}: {@code aqkol/v1/alerts/<service>}. */
    public static String alerts(String service) {
        return ROOT + "alerts/" + Check.id(service, "service");
    }

    public static String deadLetters(String service) {
        return ROOT + "dlq/" + Check.id(service, "service");
    }

    public static String auditCheckpoints(String service) {
        return ROOT + "audit/checkpoints/" + Check.id(service, "service");
    }

    /** The shared-subscription form of a filter, so the replicas of one service split the messages between them. */
    public static String shared(String group, String filter) {
        return "$share/" + Check.id(group, "group") + "/" + filter;
    }

    /**
     * The device id in a per-device topic that matches {@code filter} (one {@code +} level), if the topic matches
     * and the id is well-formed: {@code deviceId("aqkol/v1/meters/+/readings", "aqkol/v1/meters/G-1/readings")} is
     * {@code G-1}.
     */
    public static Optional<String> deviceId(String filter, String topic) {
        int wildcard = filter.indexOf('+');
        if (wildcard < 0 || topic == null) {
            return Optional.empty();
        }
        String prefix = filter.substring(0, wildcard);
        String suffix = filter.substring(wildcard + 1);
        if (!topic.startsWith(prefix) || !topic.endsWith(suffix)
                || topic.length() < prefix.length() + suffix.length() + 1) {
            return Optional.empty();
        }
        String id = topic.substring(prefix.length(), topic.length() - suffix.length());
        return isDeviceId(id) ? Optional.of(id) : Optional.empty();
    }

    /** Whether {@code topic} matches the MQTT topic filter {@code filter} ({@code +} one level, {@code #} the rest). */
    public static boolean matches(String filter, String topic) {
        String[] wanted = filter.split("/", -1);
        String[] levels = topic.split("/", -1);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].equals("#")) {
                return true;
            }
            if (i >= levels.length || !wanted[i].equals("+") && !wanted[i].equals(levels[i])) {
                return false;
            }
        }
        return wanted.length == levels.length;
    }

    /** Whether a string may serve as a device, meter, camera or account id (one topic level, no wildcards). */
    public static boolean isDeviceId(String id) {
        return id != null && Check.ID.matcher(id).matches();
    }
}
