-- The W3C traceparent of the span that last opened, counted or resolved an alert (the intake's span for the message
-- that did), and of the alert a notification is sent for: the webhook's request continues that trace, so a
-- source's reading or event, its alert and the notification about it are one trace. Null where there was none.
ALTER TABLE alert ADD COLUMN traceparent TEXT;
ALTER TABLE notification ADD COLUMN traceparent TEXT;
