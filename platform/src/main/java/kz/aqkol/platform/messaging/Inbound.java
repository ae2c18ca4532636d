package kz.aqkol.platform.messaging;

import kz.aqkol.contracts.AqkolMessage;

/**
 * A valid message as a handler receives it: the topic it came on, the device id that topic carries (null for
 * topics without one) and the parsed message.
 */
public record Inbound<T extends AqkolMessage>(String topic, String deviceId, T message) {
}
