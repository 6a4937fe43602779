"""Live feeds: poll RSS/Atom, fetch each new article once, extract, ingest, report.

``feeds`` parses feed lists and feeds, ``fetch`` does polite HTTP, ``state``
remembers validators and handled articles across restarts, ``loop`` ties them
to extraction and the store.
"""
