-- 0003: operator accounts and the audit log (docs/operators.md).

-- One row per account; accounts are disabled, never deleted, so a login name in
-- the audit log always means one person. role mirrors access::Role's names.
-- password_hash is the Argon2id PHC string (crypto/password.h); nothing else
-- about a password is stored.
CREATE TABLE operators (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'auditor', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL
);

-- Every operator action, in order. AUTOINCREMENT: an id is never reused, so a
-- gap in the ids reveals a deletion. actor is a login name, or "cli" for the
-- station's command line (whoever holds the station folder). detail is a JSON
-- object.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time_us INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL
);

-- Append-only, enforced by the database itself, so no code path (and no one
-- using the sqlite3 shell without dropping the triggers first) edits history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
