-- The W3C trace context of the span that enqueued a message (null when there was none): the relay publishes the
-- message as a child of it, so a trace continues across the outbox into the services that consume the message.
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
ALTER TABLE outbox ADD COLUMN tracestate TEXT;
