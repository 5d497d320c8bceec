-- 0001: the station's first schema. Times are microseconds since the Unix epoch
-- (UTC); 64-bit unsigned values (ids, seqs, times) are stored as their two's-
-- complement int64 bit pattern, so every value round-trips exactly.

-- Pinned peers. A removed link keeps its row (removed_us set) because its
-- transcript is kept and a name must always mean one transcript: names and keys
-- stay unique across removed links too.
CREATE TABLE links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  peer_sign_key BLOB NOT NULL UNIQUE CHECK (length(peer_sign_key) = 32),
  peer_dh_key BLOB NOT NULL UNIQUE CHECK (length(peer_dh_key) = 32),
  created_us INTEGER NOT NULL,
  removed_us INTEGER
);

-- A link's paths in preference order (position 0 first).
CREATE TABLE link_paths (
  link_id INTEGER NOT NULL REFERENCES links (id),
  position INTEGER NOT NULL CHECK (position >= 0),
  path TEXT NOT NULL,
  PRIMARY KEY (link_id, position)
);

-- Messages accepted from operators. AUTOINCREMENT: an id is never reused, even
-- after the newest row is deleted, so an id names one message forever.
-- chained_seq is set, in the same transaction that stores the entry, once the
-- message is signed into our chain.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  link_id INTEGER NOT NULL REFERENCES links (id),
  channel TEXT NOT NULL,
  precedence INTEGER NOT NULL CHECK (precedence BETWEEN 1 AND 4),
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 255),
  body BLOB NOT NULL,
  accepted_us INTEGER NOT NULL,
  chained_seq INTEGER CHECK (chained_seq IS NULL OR chained_seq >= 1)
);
-- "Unchained messages of a link in id order": a partial index holds only the
-- waiting ones, so it stays small however long the history grows.
CREATE INDEX messages_unchained ON messages (link_id, id) WHERE chained_seq IS NULL;

-- Both sides' transcript chains, each entry as the exact signed bytes. The
-- primary key's index serves "entries of a side from seq" and the chain size.
-- hash, kind, precedence, channel and time_us repeat fields of the envelope
-- so queries need not parse it.
CREATE TABLE entries (
  link_id INTEGER NOT NULL REFERENCES links (id),
  side INTEGER NOT NULL CHECK (side IN (0, 1)),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  envelope BLOB NOT NULL,
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  kind INTEGER NOT NULL,
  precedence INTEGER NOT NULL,
  channel TEXT NOT NULL,
  time_us INTEGER NOT NULL,
  stored_us INTEGER NOT NULL,
  PRIMARY KEY (link_id, side, seq)
);

-- The newest TAI64N handshake timestamp seen from each peer static key, so the
-- replay guard survives a restart.
CREATE TABLE handshake_timestamps (
  peer_dh_key BLOB PRIMARY KEY CHECK (length(peer_dh_key) = 32),
  tai64n BLOB NOT NULL CHECK (length(tai64n) = 12)
);
