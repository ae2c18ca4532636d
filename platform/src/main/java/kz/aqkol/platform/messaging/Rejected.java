package kz.aqkol.platform.messaging;

/** A message on its way to the dead-letter topic: where it came from, its bytes, and why it was refused. */
record Rejected(String topic, byte[] payload, String field, String reason) {
}
