"""The library's tables, one migration per schema version (`PRAGMA user_version`)."""

from __future__ import annotations

import sqlite3

from desktop.library.packing import register

# Each entry takes a library from version i to i + 1. Never edit a released step:
# append a new one, so every older library has a path to the current version.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE transcripts (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        imported_at TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        UNIQUE (transcript_id, name)
    );
    CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker_id INTEGER REFERENCES speakers(id),
        text TEXT NOT NULL,
        start REAL,
        "end" REAL,
        UNIQUE (transcript_id, idx)
    );
    CREATE INDEX turn_store_speaker ON turns(speaker_id);
    CREATE TABLE highlights (
        id INTEGER PRIMARY KEY,
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        start_turn INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        end_turn INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        colour TEXT,
        orphan INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX highlights_place ON highlights(transcript_id, start_turn, start_offset);
    CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        colour TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE highlight_tags (
        highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (highlight_id, tag_id)
    ) WITHOUT ROWID;
    CREATE INDEX highlight_tags_tag ON highlight_tags(tag_id);
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        highlight_id INTEGER NOT NULL UNIQUE REFERENCES highlights(id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE label_repairs (
        id INTEGER PRIMARY KEY,
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        turn INTEGER NOT NULL,
        words TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX label_repairs_transcript ON label_repairs(transcript_id);
    CREATE VIRTUAL TABLE turns_fts USING fts5(
        text, content='turns', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER turns_ai AFTER INSERT ON turns BEGIN
        INSERT INTO turns_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER turns_ad AFTER DELETE ON turns BEGIN
        INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER turns_au AFTER UPDATE OF text ON turns BEGIN
        INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO turns_fts (rowid, text) VALUES (new.id, new.text);
    END;
    """,
    # 2: ids are never reused (another process, or an undo stack, may still name a deleted
    # row); a label repair remembers what followed the words it moved; a turn keeps the
    # times of its segments and words (`timing`: see desktop/library/timing_codec.py).
    """
    CREATE TABLE transcripts_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        imported_at TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}'
    );
    INSERT INTO transcripts_v2 SELECT id, title, source, format, content_hash, imported_at, metadata FROM transcripts;
    DROP TABLE transcripts;
    ALTER TABLE transcripts_v2 RENAME TO transcripts;
    CREATE TABLE highlights_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        start_turn INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        end_turn INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        colour TEXT,
        orphan INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    INSERT INTO highlights_v2 SELECT id, transcript_id, start_turn, start_offset, end_turn, end_offset, quote, prefix,
        suffix, colour, orphan, created, updated FROM highlights;
    DROP TABLE highlights;
    ALTER TABLE highlights_v2 RENAME TO highlights;
    CREATE INDEX highlights_place ON highlights(transcript_id, start_turn, start_offset);
    CREATE TABLE tags_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        colour TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO tags_v2 SELECT id, name, colour, description FROM tags;
    DROP TABLE tags;
    ALTER TABLE tags_v2 RENAME TO tags;
    ALTER TABLE label_repairs ADD COLUMN sep TEXT NOT NULL DEFAULT ' ';
    ALTER TABLE turns ADD COLUMN timing TEXT NOT NULL DEFAULT '';
    """,
    # 3: provenance of corrections: a turn's text as imported, while its words differ
    # (`original`), and a highlight's quote as first made, once a correction changed it.
    """
    ALTER TABLE turns ADD COLUMN original TEXT;
    ALTER TABLE highlights ADD COLUMN original_quote TEXT;
    """,
    # 4: the recording behind a transcript (media.stored_path: relative to the library's folder
    # when under it).
    """
    ALTER TABLE transcripts ADD COLUMN media TEXT;
    """,
    # 5: the search index merges its segments 16 at a time (FTS5's default is 4), which makes
    # importing into a library of thousands a quarter faster while searching as fast; it never
    # merges a whole level in one write ("crisis merge") before 64 segments, so no import
    # holds the write lock for seconds.
    """
    INSERT INTO turns_fts (turns_fts, rank) VALUES ('automerge', 16);
    INSERT INTO turns_fts (turns_fts, rank) VALUES ('crisismerge', 64);
    """,
    # 6: turn text compressed (packing.py): `turn_store` holds the rows, the `turns` view reads
    # them unpacked (the search index reads its content there too), and the index triggers
    # move to turn_store. Writes go to turn_store with pack_text(…). Ids and indexes unchanged.
    """
    CREATE TABLE turn_store (
        id INTEGER PRIMARY KEY,
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker_id INTEGER REFERENCES speakers(id),
        text NOT NULL,
        start REAL,
        "end" REAL,
        timing TEXT NOT NULL DEFAULT '',
        original TEXT,
        UNIQUE (transcript_id, idx)
    );
    INSERT INTO turn_store SELECT id, transcript_id, idx, speaker_id, pack_text(text), start, "end", timing, original
        FROM turns ORDER BY id;
    DROP TABLE turns;
    CREATE INDEX turn_store_speaker ON turn_store(speaker_id);
    CREATE VIEW turns AS SELECT id, transcript_id, idx, speaker_id, turn_text(text) AS text, start, "end", timing,
        original FROM turn_store;
    CREATE TRIGGER turn_store_ai AFTER INSERT ON turn_store BEGIN
        INSERT INTO turns_fts (rowid, text) VALUES (new.id, turn_text(new.text));
    END;
    CREATE TRIGGER turn_store_ad AFTER DELETE ON turn_store BEGIN
        INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.id, turn_text(old.text));
    END;
    CREATE TRIGGER turn_store_au AFTER UPDATE OF text ON turn_store BEGIN
        INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.id, turn_text(old.text));
        INSERT INTO turns_fts (rowid, text) VALUES (new.id, turn_text(new.text));
    END;
    """,
    # N: attributes: user-defined fields (text, number or date) on transcripts (cases) and on
    # speakers, each name once in the library, with their values (attributes.py); and each
    # turn's words and questions counted once for the reports (turn_counts: word_counts.py;
    # a transcript's counts are dropped whenever a write notes its turns changed).
    """
    CREATE TABLE attribute_fields (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date')),
        scope TEXT NOT NULL CHECK (scope IN ('transcript', 'speaker'))
    );
    CREATE TABLE transcript_attributes (
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        field_id INTEGER NOT NULL REFERENCES attribute_fields(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        PRIMARY KEY (transcript_id, field_id)
    ) WITHOUT ROWID;
    CREATE INDEX transcript_attributes_value ON transcript_attributes(field_id, value);
    CREATE TABLE speaker_attributes (
        speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        field_id INTEGER NOT NULL REFERENCES attribute_fields(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        PRIMARY KEY (speaker_id, field_id)
    ) WITHOUT ROWID;
    CREATE INDEX speaker_attributes_value ON speaker_attributes(field_id, value);
    CREATE TABLE turn_counts (
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker_id INTEGER,
        words INTEGER NOT NULL,
        questions INTEGER NOT NULL,
        PRIMARY KEY (transcript_id, idx)
    ) WITHOUT ROWID;
    """,
    # 8: a speaker's attributes outlive the speaker's row: corrections delete a speaker left with
    # no turns (a merge, every turn given to another) and their undo adds the name back as a new
    # row. Deleting a speaker parks its values by transcript and name; a speaker of that name
    # added to that transcript takes them back. A deleted transcript takes its parked values.
    """
    CREATE TABLE parked_speaker_attributes (
        transcript_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        field_id INTEGER NOT NULL REFERENCES attribute_fields(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        PRIMARY KEY (transcript_id, name, field_id)
    ) WITHOUT ROWID;
    CREATE TRIGGER speakers_park_attributes BEFORE DELETE ON speakers BEGIN
        INSERT OR REPLACE INTO parked_speaker_attributes (transcript_id, name, field_id, value)
            SELECT old.transcript_id, old.name, field_id, value FROM speaker_attributes WHERE speaker_id = old.id;
    END;
    CREATE TRIGGER speakers_unpark_attributes AFTER INSERT ON speakers BEGIN
        INSERT OR REPLACE INTO speaker_attributes (speaker_id, field_id, value)
            SELECT new.id, field_id, value FROM parked_speaker_attributes
            WHERE transcript_id = new.transcript_id AND name = new.name;
        DELETE FROM parked_speaker_attributes WHERE transcript_id = new.transcript_id AND name = new.name;
    END;
    CREATE TRIGGER transcripts_unpark_attributes AFTER DELETE ON transcripts BEGIN
        DELETE FROM parked_speaker_attributes WHERE transcript_id = old.id;
    END;
    """,
    # 9: the library's identity, kept for good (a copy of the file is the same library): a
    # vault folder records whose notes it holds, so a second library's export cannot take over
    # notes of the same ids. A library with transcripts takes it from its first one (its
    # content and when it was imported), so copies of it migrated apart, or its backup restored
    # after the upgrade, are still one library; a new or empty one, a random one.
    """
    CREATE TABLE library_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO library_info VALUES ('identity', coalesce(
        (SELECT substr(content_hash, 1, 24) || '-' || replace(replace(imported_at, ':', ''), '-', '')
         FROM transcripts ORDER BY id LIMIT 1),
        lower(hex(randomblob(16)))));
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
PACKED_TURNS = 6  # the version whose step packs the turns' text


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version a library file is at (0 for a new, empty file)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the library to SCHEMA_VERSION, each step in its own transaction.

    Foreign keys are off meanwhile (a step that rebuilds a table would otherwise cascade
    its DROP into the tables that refer to it) and checked before each step commits.
    """
    if schema_version(conn) >= SCHEMA_VERSION:
        return
    register(conn)  # step 6 packs the turns' text
    start = schema_version(conn)
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for version in range(schema_version(conn), SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                if schema_version(conn) == version:  # another process may have migrated meanwhile
                    for statement in _statements(MIGRATIONS[version]):
                        conn.execute(statement)
                    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise sqlite3.DatabaseError(f"migration {version + 1} broke {len(broken)} references")
                    conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    if start < PACKED_TURNS <= SCHEMA_VERSION and conn.execute("SELECT 1 FROM turn_store LIMIT 1").fetchone():
        conn.execute("VACUUM")  # once: give back the pages the unpacked text held


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], ""
    for line in script.strip().splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements
