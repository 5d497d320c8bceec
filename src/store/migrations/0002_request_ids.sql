-- 0002: idempotent sends. A client may name its request (request_id); sending the
-- same request again after a crash or a lost reply returns the message it already
-- made instead of making a second one. NULL for messages without one (receipts,
-- older rows). The partial unique index holds only named requests.
ALTER TABLE messages ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX messages_request ON messages (request_id) WHERE request_id IS NOT NULL;
