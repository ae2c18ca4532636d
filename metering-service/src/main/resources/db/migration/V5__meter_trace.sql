-- The trace context of the newest reading of each meter that carried one (W3C traceparent/tracestate of the
-- intake's span for it). Detection runs apart from ingest; when it raises or resolves an alert about a meter, its
-- span continues this trace, so a reading and the alert it led to are one trace. Written only for readings that
-- carry a context: untraced ingest pays nothing.
CREATE TABLE meter_trace (
    meter_id    TEXT        PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    traceparent TEXT        NOT NULL,
    tracestate  TEXT
);
