package kz.aqkol.platform.messaging;

import kz.aqkol.contracts.AqkolMessage;
import kz.aqkol.contracts.TraceContext;

/**
 * A valid message as a handler receives it: the topic it came on, the device id that topic carries (null for
 * topics without one), the parsed message, and the trace context of the intake's span for it (null if the message
 * carried none): what a handler keeps or passes on so that the effects of this message join its trace.
 */
public record Inbound<T extends AqkolMessage>(String topic, String deviceId, T message, TraceContext trace) {
}
