"""careercoach's database: open it with store.db.open_store(), then use the query modules.

db (the engine, sessions, pragmas), migrations (the schema), models (the tables), ledger (the
model gateway's cache and usage log), chats (conversations). Nothing is imported here, so that
importing a light module such as store.ledger's dataclasses does not load SQLAlchemy.
"""
